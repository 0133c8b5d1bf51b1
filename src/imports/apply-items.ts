import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { copyCsvInto, csvField } from '../store/copy-payload.ts';
import type { LocalDate } from '../core/calendar/local-date.ts';
import type { ItemRecord } from './validate-items.ts';
import type { ApplyCounts } from './apply-counts.ts';

const STAGE_COLUMNS = [
  'customer_id',
  'number',
  'type',
  'issue_date',
  'due_date',
  'currency',
  'amount_minor',
  'open_minor',
  'po_number',
  'document_url',
  'disputed',
  'dispute_reason',
] as const;

const CHUNK = 50_000;

/** Columns every items file has, compared to decide whether a row changed. */
const COMPARED = [
  'customer_id',
  'type',
  'issue_date',
  'due_date',
  'currency',
  'amount_minor',
  'open_minor',
] as const;

/** Item columns fed by optional file columns (disputed ← disputed, etc.). */
const OPTIONAL = ['po_number', 'document_url', 'disputed', 'dispute_reason'] as const;

/**
 * Upserts items by (company, number) through a COPY-loaded staging table; rows
 * that did not change are left alone. With `snapshot`, open items missing from
 * the file are settled as of `asOf`.
 */
export async function applyItems(
  trx: Kysely<DB>,
  companyId: number,
  batchId: number,
  records: readonly ItemRecord[],
  options: {
    snapshot: boolean;
    asOf: LocalDate;
    /** Optional columns the file has; the others keep their stored values. */
    optionalColumns: ReadonlySet<string>;
    onProgress?: (done: number) => void;
  },
): Promise<ApplyCounts> {
  const compared = [...COMPARED, ...OPTIONAL.filter((c) => options.optionalColumns.has(c))];
  const updates = sql.raw(compared.map((c) => `${c} = excluded.${c}`).join(', '));
  const mine = sql.raw(compared.map((c) => `i.${c}`).join(', '));
  const theirs = sql.raw(compared.map((c) => `excluded.${c}`).join(', '));
  await sql`create temp table import_items (
      customer_id integer not null, number text not null, type text not null,
      issue_date date not null, due_date date not null, currency char(3) not null,
      amount_minor bigint not null, open_minor bigint not null, po_number text,
      document_url text, disputed boolean not null, dispute_reason text
    ) on commit drop`.execute(trx);
  for (let start = 0; start < records.length; start += CHUNK) {
    const lines: string[] = [];
    for (const r of records.slice(start, start + CHUNK)) {
      lines.push(
        `${r.customerId},${csvField(r.number)},${r.type},${r.issueDate},${r.dueDate},${r.currency},` +
          `${r.amountMinor},${r.openMinor},${csvField(r.poNumber)},${csvField(r.documentUrl)},` +
          `${r.disputed ? 't' : 'f'},${csvField(r.disputeReason)}\n`,
      );
    }
    await copyCsvInto(trx as Kysely<unknown>, 'import_items', STAGE_COLUMNS, lines.join(''));
    options.onProgress?.(Math.min(records.length, start + CHUNK));
  }
  const upsert = await sql<{ inserted: number; updated: number }>`
    with up as (
      insert into items as i (company_id, customer_id, number, type, issue_date, due_date, currency,
        amount_minor, open_minor, po_number, document_url, disputed, dispute_reason, settled_on,
        import_batch_id)
      select ${companyId}, s.customer_id, s.number, s.type, s.issue_date, s.due_date, s.currency,
        s.amount_minor, s.open_minor, s.po_number, s.document_url, s.disputed, s.dispute_reason,
        case when s.open_minor = 0 then ${options.asOf}::date end, ${batchId}
      from import_items s
      on conflict (company_id, number) do update set ${updates},
        settled_on = case when excluded.open_minor = 0
          then coalesce(i.settled_on, excluded.settled_on) end,
        settled_by_batch_id = case when excluded.open_minor = 0 then i.settled_by_batch_id end,
        import_batch_id = excluded.import_batch_id, updated_at = now()
      where (${mine}) is distinct from (${theirs})
      returning (xmax = 0) as fresh
    )
    select count(*) filter (where fresh)::int as inserted,
           count(*) filter (where not fresh)::int as updated
    from up`.execute(trx);
  const { inserted = 0, updated = 0 } = upsert.rows[0] ?? {};
  let settled = 0;
  if (options.snapshot) {
    const result = await sql`
      update items i set open_minor = 0, settled_on = ${options.asOf}::date,
        settled_by_batch_id = ${batchId}, updated_at = now()
      where i.company_id = ${companyId} and i.open_minor <> 0
        and not exists (select 1 from import_items s where s.number = i.number)`.execute(trx);
    settled = Number(result.numAffectedRows ?? 0n);
  }
  return { inserted, updated, unchanged: records.length - inserted - updated, settled };
}
