import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { copyCsvInto, csvField } from '../store/copy-payload.ts';
import type { ContactRecord } from './validate-contacts.ts';
import type { ApplyCounts } from './apply-counts.ts';

const COLUMNS = ['customer_id', 'name', 'role', 'email', 'phone'] as const;

/** Upserts contacts by (customer, name, role). */
export async function applyContacts(
  trx: Kysely<DB>,
  batchId: number,
  records: readonly ContactRecord[],
): Promise<ApplyCounts> {
  await sql`create temp table import_contacts (customer_id integer, name text, role text,
      email text, phone text) on commit drop`.execute(trx);
  const csv = records
    .map((r) => [r.customerId, r.name, r.role, r.email, r.phone].map(csvField).join(',') + '\n')
    .join('');
  await copyCsvInto(trx as Kysely<unknown>, 'import_contacts', COLUMNS, csv);
  const result = await sql<{ inserted: number; updated: number }>`
    with up as (
      insert into contacts as c (customer_id, name, role, email, phone, import_batch_id)
      select customer_id, name, role, email, phone, ${batchId} from import_contacts
      on conflict (customer_id, name, role) do update set
        email = excluded.email, phone = excluded.phone,
        email_invalid_at = case when c.email is distinct from excluded.email
          then null else c.email_invalid_at end,
        import_batch_id = excluded.import_batch_id, updated_at = now()
      where (c.email, c.phone) is distinct from (excluded.email, excluded.phone)
      returning (xmax = 0) as fresh
    )
    select count(*) filter (where fresh)::int as inserted,
           count(*) filter (where not fresh)::int as updated
    from up`.execute(trx);
  const { inserted = 0, updated = 0 } = result.rows[0] ?? {};
  return { inserted, updated, unchanged: records.length - inserted - updated, settled: 0 };
}
