import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { AppError } from '../core/errors.ts';
import { resolveCompany } from '../store/companies.ts';

/**
 * NOT_FOUND unless the item numbered `item` belongs to the customer `customer`: a request
 * about one customer's item never reaches another customer's (nor says it exists).
 */
export async function assertItemOfCustomer(
  db: Kysely<DB>,
  input: { company?: string | undefined; customer: string; item: string },
): Promise<void> {
  const company = await resolveCompany(db, input.company);
  const row = await db
    .selectFrom('items as i')
    .innerJoin('customers as c', 'c.id', 'i.customer_id')
    .select('i.id')
    .where('i.company_id', '=', company.id)
    .where('i.number', '=', input.item)
    .where('c.code', '=', input.customer)
    .executeTakeFirst();
  if (!row) {
    throw new AppError(
      'NOT_FOUND',
      `no item numbered ${input.item} for customer ${input.customer} in company ${company.code}`,
      [
        {
          field: 'item',
          value: input.item,
          expected: `the number of an item of customer ${input.customer}`,
        },
      ],
    );
  }
}

/** The code of the customer a promise belongs to; NOT_FOUND worded as cancelPromise's. */
export async function customerOfPromise(
  db: Kysely<DB>,
  input: { company?: string | undefined; id: number },
): Promise<string> {
  const company = await resolveCompany(db, input.company);
  const row = await db
    .selectFrom('promises as p')
    .innerJoin('customers as c', 'c.id', 'p.customer_id')
    .select('c.code')
    .where('p.company_id', '=', company.id)
    .where('p.id', '=', input.id)
    .executeTakeFirst();
  if (!row) throw promiseNotFound(company.code, input.id);
  return row.code;
}

export function promiseNotFound(company: string, id: number): AppError {
  return new AppError('NOT_FOUND', `no promise #${id} in company ${company}`, [
    { field: 'id', value: String(id), expected: 'the id of a promise (relance promise list)' },
  ]);
}
