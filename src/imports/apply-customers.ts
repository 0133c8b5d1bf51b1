import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { copyCsvInto, csvField } from '../store/copy-payload.ts';
import type { CustomerRecord } from './validate-customers.ts';
import type { ApplyCounts } from './apply-counts.ts';

const REQUIRED = ['code', 'name', 'country', 'language', 'currency'] as const;
const OPTIONAL = [
  'email',
  'phone',
  'address_line1',
  'address_line2',
  'postal_code',
  'city',
  'segment',
  'collector',
  'sales_owner',
  'scenario',
  'credit_limit_minor',
] as const;

/**
 * Upserts customers by (company, code). Optional columns the file does not have
 * keep their stored values; present-but-empty cells clear them.
 */
export async function applyCustomers(
  trx: Kysely<DB>,
  companyId: number,
  batchId: number,
  records: readonly CustomerRecord[],
): Promise<ApplyCounts> {
  const present = OPTIONAL.filter((c) => records.some((r) => c in r.optional));
  const columns = [...REQUIRED, ...present];
  await sql
    .raw(
      `create temp table import_customers (${columns
        .map((c) => `${c} ${c === 'credit_limit_minor' ? 'bigint' : 'text'}`)
        .join(', ')}) on commit drop`,
    )
    .execute(trx);
  const csv = records
    .map(
      (r) =>
        [r.code, r.name, r.country, r.language, r.currency]
          .concat(present.map((c) => (r.optional[c] ?? null) as string))
          .map((v) => csvField(v))
          .join(',') + '\n',
    )
    .join('');
  await copyCsvInto(trx as Kysely<unknown>, 'import_customers', columns, csv);
  const list = columns.join(', ');
  const updates = columns.filter((c) => c !== 'code').map((c) => `${c} = excluded.${c}`);
  const mine = columns
    .filter((c) => c !== 'code')
    .map((c) => `c.${c}`)
    .join(', ');
  const theirs = columns
    .filter((c) => c !== 'code')
    .map((c) => `excluded.${c}`)
    .join(', ');
  const result = await sql<{ inserted: number; updated: number }>`
    with up as (
      insert into customers as c (company_id, import_batch_id, ${sql.raw(list)})
      select ${companyId}, ${batchId}, ${sql.raw(list)} from import_customers
      on conflict (company_id, code) do update set
        ${sql.raw(updates.join(', '))}, import_batch_id = excluded.import_batch_id, updated_at = now()
      where (${sql.raw(mine)}) is distinct from (${sql.raw(theirs)})
      returning (xmax = 0) as fresh
    )
    select count(*) filter (where fresh)::int as inserted,
           count(*) filter (where not fresh)::int as updated
    from up`.execute(trx);
  const { inserted = 0, updated = 0 } = result.rows[0] ?? {};
  return { inserted, updated, unchanged: records.length - inserted - updated, settled: 0 };
}
