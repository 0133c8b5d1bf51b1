import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Database } from '../store/database.ts';
import { AppError, type Problem } from '../core/errors.ts';
import type { LocalDate } from '../core/calendar/local-date.ts';
import { resolveCompany, todayIn, type Company } from '../store/companies.ts';
import { readTableFile, DEFAULT_MAX_IMPORT_MB } from './read-table.ts';
import { mapColumns, cell, type ImportKind } from './columns.ts';
import type { ValueFormats } from './fields.ts';
import type { RawTable } from './table.ts';
import type { ApplyCounts } from './apply-counts.ts';
import { validateCustomers } from './validate-customers.ts';
import { validateContacts } from './validate-contacts.ts';
import { validateItems } from './validate-items.ts';
import { validatePayments } from './validate-payments.ts';
import { applyCustomers } from './apply-customers.ts';
import { applyContacts } from './apply-contacts.ts';
import { applyItems } from './apply-items.ts';
import { applyPayments, loadPaymentContext } from './apply-payments.ts';

export interface ImportOptions {
  readonly kind: ImportKind;
  readonly path: string;
  readonly company?: string | undefined;
  /** The file is the complete list of open items: settle the ones it does not list. */
  readonly snapshot?: boolean | undefined;
  /** Validate and compute the changes, then roll everything back. */
  readonly dryRun?: boolean | undefined;
  /** Business date recorded for settlements; default: today in the company's time zone. */
  readonly asOf?: LocalDate | undefined;
  readonly formats?: Partial<ValueFormats> | undefined;
  readonly maxBytes?: number | undefined;
  readonly delimiter?: string | undefined;
  readonly onProgress?: ((phase: string, done: number, total: number) => void) | undefined;
}

export interface ImportReport extends ApplyCounts {
  readonly kind: ImportKind;
  readonly file: string;
  readonly company: string;
  readonly rows: number;
  readonly dryRun: boolean;
  readonly snapshot: boolean;
  readonly asOf: LocalDate;
  readonly batchId: number | null;
  /** Header cells that are not Relance columns (kept out of the import). */
  readonly ignoredColumns: readonly string[];
}

class DryRunDone extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

/** Reads, validates and applies one import file in a single transaction. */
export async function importFile(
  database: Database,
  options: ImportOptions,
): Promise<ImportReport> {
  if (options.snapshot && options.kind !== 'items') {
    throw new AppError('INVALID_INPUT', '--snapshot applies to items files only', [
      { field: 'snapshot', value: options.kind, expected: 'an items import' },
    ]);
  }
  const { table, fileName, sha256 } = await readTableFile(options.path, {
    maxBytes: options.maxBytes ?? DEFAULT_MAX_IMPORT_MB * 1_000_000,
    delimiter: options.delimiter,
  });
  return importTable(database, { table, fileName, sha256 }, options);
}

/** What `importTable` imports: a table of text cells and the name and hash it is known by. */
export interface TableSource {
  readonly table: RawTable;
  /** Shown in messages and recorded in `import_batches.file_name` (e.g. `api:items`). */
  readonly fileName: string;
  readonly sha256: string;
}

/**
 * Validates and applies a table already read (header + rows of text cells) exactly as a
 * file import does: every problem at once, nothing applied if any row is invalid, one
 * transaction. `importFile` reads the file and calls it; the API's ERP upsert passes the
 * rows it received (src/api/routes/ledger-import.ts).
 */
export async function importTable(
  database: Database,
  source: TableSource,
  options: Omit<ImportOptions, 'path' | 'maxBytes' | 'delimiter'> & { readonly path?: string },
): Promise<ImportReport> {
  const { table, fileName, sha256 } = source;
  const formats: ValueFormats = {
    decimal: options.formats?.decimal ?? 'dot',
    dateFormat: options.formats?.dateFormat ?? 'YYYY-MM-DD',
  };
  if (options.snapshot && options.kind !== 'items') {
    throw new AppError('INVALID_INPUT', '--snapshot applies to items files only', [
      { field: 'snapshot', value: options.kind, expected: 'an items import' },
    ]);
  }
  const columns = mapColumns(options.kind, table, fileName);
  options.onProgress?.('validate', 0, table.rows.length);
  try {
    return await database.db.transaction().execute(async (trx) => {
      // A first import creates the default company, inside the transaction: a refused
      // file or a dry run leaves no company behind.
      const company = await resolveCompany(trx, options.company, { createIfNone: true });
      const asOf = options.asOf ?? todayIn(company.timezone);
      // Imports of one company run one after the other, never interleaved.
      await sql`select pg_advisory_xact_lock(7352001, ${company.id})`.execute(trx);
      const batch = await trx
        .insertInto('import_batches')
        .values({
          company_id: company.id,
          kind: options.kind,
          file_name: fileName,
          file_sha256: sha256,
          snapshot: options.snapshot === true,
          as_of: asOf,
          row_count: table.rows.length,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const counts = await validateAndApply(trx, company, batch.id, table, columns, formats, asOf, {
        ...options,
        path: options.path ?? fileName,
      });
      await trx
        .updateTable('import_batches')
        .set({ ...counts })
        .where('id', '=', batch.id)
        .execute();
      if (options.kind === 'items' || options.kind === 'payments') {
        await sql`insert into ledger_sync (company_id, ledger_synced_at, last_import_batch_id)
          values (${company.id}, now(), ${batch.id})
          on conflict (company_id) do update set ledger_synced_at = excluded.ledger_synced_at,
            last_import_batch_id = excluded.last_import_batch_id`.execute(trx);
      }
      const report: ImportReport = {
        kind: options.kind,
        file: fileName,
        company: company.code,
        rows: table.rows.length,
        dryRun: options.dryRun === true,
        snapshot: options.snapshot === true,
        asOf,
        batchId: options.dryRun ? null : batch.id,
        ignoredColumns: columns.ignored,
        ...counts,
      };
      if (options.dryRun) throw new DryRunDone(report);
      return report;
    });
  } catch (error) {
    if (error instanceof DryRunDone) return error.report;
    throw error;
  }
}

async function validateAndApply(
  trx: Kysely<DB>,
  company: Company,
  batchId: number,
  table: RawTable,
  columns: ReturnType<typeof mapColumns>,
  formats: ValueFormats,
  asOf: LocalDate,
  options: Omit<ImportOptions, 'maxBytes' | 'delimiter'>,
): Promise<ApplyCounts> {
  const fail = (problems: Problem[]) => {
    const rows = new Set(problems.map((p) => p.row)).size;
    return new AppError(
      'INVALID_INPUT',
      `${options.path}: ${problems.length} problem(s) in ${rows} row(s); nothing was imported`,
      problems,
    );
  };
  if (options.kind === 'customers') {
    const { records, problems } = validateCustomers(table, columns, formats);
    if (problems.length > 0) throw fail(problems);
    return applyCustomers(trx, company.id, batchId, records);
  }
  const customers = await loadCustomerIds(trx, company.id);
  if (options.kind === 'contacts') {
    const { records, problems } = validateContacts(table, columns, customers);
    if (problems.length > 0) throw fail(problems);
    return applyContacts(trx, batchId, records);
  }
  if (options.kind === 'items') {
    const { records, problems } = validateItems(table, columns, customers, formats);
    if (problems.length > 0) throw fail(problems);
    options.onProgress?.('load', 0, records.length);
    return applyItems(trx, company.id, batchId, records, {
      snapshot: options.snapshot === true,
      asOf,
      optionalColumns: new Set([...columns.index.keys()]),
      onProgress: (done) => options.onProgress?.('load', done, records.length),
    });
  }
  const references = table.rows.map((r) => cell(r, columns, 'reference'));
  const itemNumbers = table.rows.map((r) => cell(r, columns, 'item_number'));
  const known = await loadPaymentContext(trx, company.id, itemNumbers, references);
  const { records, problems } = validatePayments(table, columns, { customers, formats, ...known });
  if (problems.length > 0) throw fail(problems);
  return applyPayments(trx, company.id, batchId, records, known.payments, asOf);
}

async function loadCustomerIds(trx: Kysely<DB>, companyId: number): Promise<Map<string, number>> {
  const rows = await trx
    .selectFrom('customers')
    .select(['id', 'code'])
    .where('company_id', '=', companyId)
    .execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}
