import type { Kysely } from 'kysely';
import { customerAccess, type Portfolio } from '../core/auth/portfolio.ts';
import type { DB } from '../store/schema.ts';

/** Customers by id and by code. */
export interface CustomerSet {
  readonly ids: ReadonlySet<number>;
  readonly codes: ReadonlySet<string>;
}

/**
 * The company's customers a portfolio may see (docs/users-and-roles.md), or
 * `undefined` when it sees every customer. Lists that span customers (a run's actions, the
 * outbox) keep only these rows, so that nothing of another portfolio shows.
 */
export async function visibleCustomers(
  db: Kysely<DB>,
  companyId: number,
  portfolio: Portfolio,
): Promise<CustomerSet | undefined> {
  if (portfolio.kind === 'all') return undefined;
  const company = await db
    .selectFrom('companies')
    .select('collectors_read_all')
    .where('id', '=', companyId)
    .executeTakeFirstOrThrow();
  const settings = { collectorsReadAll: company.collectors_read_all };
  if (portfolio.kind === 'collector' && settings.collectorsReadAll) return undefined;
  const customers = await db
    .selectFrom('customers')
    .select(['id', 'code', 'collector', 'sales_owner'])
    .where('company_id', '=', companyId)
    .execute();
  const seen = customers.filter((c) => customerAccess(portfolio, c, settings) !== 'none');
  return { ids: new Set(seen.map((c) => c.id)), codes: new Set(seen.map((c) => c.code)) };
}
