import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the ledger lists of the API (`GET /api/customers/{code}/items?status=all`,
 * `…/payments`, `GET /api/payments`): a customer's items whatever their state (settled ones
 * included; 0001 indexes the open ones only), a customer's payments and the company's by
 * date, and the allocations of an item (also what a foreign-key check on an item needs).
 * Without them each of those reads scans the whole table on a large ledger.
 */
const statements = [
  `create index items_by_customer on items (customer_id, due_date)`,
  `create index payments_by_customer on payments (customer_id, received_on)`,
  `create index payments_by_company_date on payments (company_id, received_on)`,
  `create index allocations_by_item on allocations (item_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
