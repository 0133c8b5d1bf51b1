import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { findCustomer, openContext, type Scope } from './ledger-context.ts';
import { toPromiseView, type PromiseView } from './promise-view.ts';

export interface PromiseList {
  readonly company: string;
  readonly customer: string;
  /** Every promise of the customer, whatever its status, by promised date then id. */
  readonly promises: readonly PromiseView[];
}

export async function listPromises(
  db: Kysely<DB>,
  input: Scope & { readonly customer: string },
): Promise<PromiseList> {
  const { company } = await openContext(db, input);
  const customer = await findCustomer(db, company, input.customer);
  const rows = await db
    .selectFrom('promises')
    .selectAll()
    .where('customer_id', '=', customer.id)
    .orderBy('promised_date')
    .orderBy('id')
    .execute();
  return {
    company: company.code,
    customer: customer.code,
    promises: rows.map((p) => toPromiseView(customer.code, p)),
  };
}
