import type { Kysely } from 'kysely';
import { AppError } from '../core/errors.ts';
import type { Permission } from '../core/auth/permissions.ts';
import { decideOnCustomer } from '../core/auth/portfolio.ts';
import type { Principal } from '../core/auth/principal.ts';
import { resolveCompany, type Company } from '../store/companies.ts';
import type { DB } from '../store/schema.ts';

/**
 * Checks that a principal may do `permission` on the customer with this code: NOT_FOUND
 * — worded exactly as for a customer that does not exist — when it is outside their
 * portfolio, FORBIDDEN when they see it but their role may not do this. Returns the ids of
 * the company and the customer, and the company, so that callers need not look them up again.
 */
export async function assertCustomerAccess(
  db: Kysely<DB>,
  principal: Principal,
  permission: Permission,
  input: { company?: string | undefined; customer: string },
): Promise<{ companyId: number; customerId: number; company: Company }> {
  const company = await resolveCompany(db, input.company);
  const row = await db
    .selectFrom('customers as c')
    .innerJoin('companies as co', 'co.id', 'c.company_id')
    .select(['c.id', 'c.collector', 'c.sales_owner', 'co.collectors_read_all'])
    .where('c.company_id', '=', company.id)
    .where('c.code', '=', input.customer)
    .executeTakeFirst();
  const decision = row
    ? decideOnCustomer(principal.role, principal.portfolio, permission, row, {
        collectorsReadAll: row.collectors_read_all,
      })
    : 'hidden';
  if (decision === 'hidden') {
    throw new AppError(
      'NOT_FOUND',
      `no customer with code ${input.customer} in company ${company.code}`,
      [{ field: 'customer', value: input.customer, expected: 'the code of an imported customer' }],
    );
  }
  if (decision === 'forbidden') {
    throw new AppError(
      'FORBIDDEN',
      `the ${principal.role} role may not do this (${permission}) on customer ${input.customer}`,
      [{ field: 'role', value: principal.role, expected: `a role allowed ${permission}` }],
    );
  }
  return { companyId: company.id, customerId: row!.id, company };
}
