import { join } from 'node:path';
import { ensureCompany } from '../src/store/companies.ts';
import type { Database } from '../src/store/database.ts';
import type { BenchBackend } from './backends.ts';
import { serverVersion } from './backends.ts';
import type { GeneratedFiles } from './generate.ts';
import { measureAccount, type AccountFigure } from './account-step.ts';
import { BENCH_COMPANY, timedImport, timedRawCopy, type ImportFigure } from './import-steps.ts';

export interface BackendResult {
  readonly name: BenchBackend['name'];
  readonly where: string;
  readonly version: string;
  readonly customers: ImportFigure;
  readonly items: ImportFigure;
  readonly copy: { readonly seconds: number; readonly rows: number };
  readonly reimport: ImportFigure;
  readonly account: AccountFigure;
  readonly dataBytes: number | undefined;
}

const fmt = (s: number) => `${s.toFixed(2)} s`;

/** Steps a–e on one back-end, in a fresh database that is removed afterwards. */
export async function runBackend(
  backend: BenchBackend,
  files: GeneratedFiles,
  outDir: string,
  log: (line: string) => void,
): Promise<BackendResult> {
  log(`\n== ${backend.name}: ${backend.where}`);
  let database: Database | undefined;
  try {
    database = await backend.open();
    const version = await serverVersion(database);
    await ensureCompany(database.db, {
      code: BENCH_COMPANY,
      name: 'Benchmark SAS',
      country: 'FR',
      currency: 'EUR',
      timezone: 'Europe/Paris',
      locale: 'fr-FR',
    });
    const customers = await timedImport(database, 'customers', files.paths.customers);
    log(`a. customers import: ${customers.rows} rows in ${fmt(customers.seconds)}`);
    const items = await timedImport(database, 'items', files.paths.items);
    log(`b. items import:     ${items.rows} rows in ${fmt(items.seconds)}`);
    const copy = await timedRawCopy(database, files.paths.items);
    log(`c. raw COPY:         ${copy.rows} rows in ${fmt(copy.seconds)}`);
    const reimport = await timedImport(database, 'items', files.paths.items);
    log(`d. items re-import:  ${reimport.rows} rows in ${fmt(reimport.seconds)}`);
    const account = await measureAccount(database, join(outDir, 'account'));
    log(
      `e. account (${account.items} items): ${account.account.medianMs.toFixed(1)} ms median, ` +
        `select ${account.select.medianMs.toFixed(1)} ms`,
    );
    checkCounts(items, reimport, copy.rows, files.items);
    const dataBytes = await backend.size(database);
    return {
      name: backend.name,
      where: backend.where,
      version,
      customers,
      items,
      copy,
      reimport,
      account,
      dataBytes,
    };
  } finally {
    await database?.close();
    await backend.cleanup();
  }
}

/** The figures only mean something if every row went in, and the re-import changed none. */
function checkCounts(
  items: ImportFigure,
  reimport: ImportFigure,
  copied: number,
  expected: number,
) {
  const problems: string[] = [];
  if (items.rows !== expected || items.inserted !== expected) {
    problems.push(`items import: ${items.inserted} inserted of ${expected}`);
  }
  if (copied !== expected) problems.push(`raw COPY loaded ${copied} rows of ${expected}`);
  if (reimport.unchanged !== expected) {
    problems.push(`re-import: ${reimport.unchanged} unchanged of ${expected}`);
  }
  if (problems.length > 0) throw new Error(`benchmark counts are off: ${problems.join('; ')}`);
}
