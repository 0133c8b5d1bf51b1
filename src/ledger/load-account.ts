import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { AppError } from '../core/errors.ts';
import { parseLocalDate, type LocalDate } from '../core/calendar/local-date.ts';
import { computeAccount, type Account } from '../core/ledger/account.ts';
import type { LedgerItem } from '../core/ledger/types.ts';
import { resolveCompany, todayIn } from '../store/companies.ts';

/** The account JSON (docs/account-format.md); `balances` and `items` come from core.computeAccount. */
export interface AccountView extends Account {
  readonly company: string;
  readonly customer: {
    readonly code: string;
    readonly name: string;
    readonly country: string;
    readonly language: string;
    readonly currency: string;
    readonly status: string;
    readonly segment: string | null;
    readonly collector: string | null;
    readonly creditLimitMinor: number | null;
  };
  /** When the ledger was last imported; null if never. */
  readonly ledgerSyncedAt: string | null;
}

/** Loads one customer's open items and computes the account as of a date. */
export async function loadAccount(
  db: Kysely<DB>,
  input: { company?: string | undefined; customer: string; asOf?: string | undefined },
): Promise<AccountView> {
  const company = await resolveCompany(db, input.company);
  let asOf: LocalDate = todayIn(company.timezone);
  if (input.asOf !== undefined) {
    const parsed = parseLocalDate(input.asOf);
    if (!parsed) {
      throw new AppError('INVALID_INPUT', `invalid as-of date ${input.asOf}`, [
        { field: 'asOf', value: input.asOf, expected: 'a valid date written YYYY-MM-DD' },
      ]);
    }
    asOf = parsed;
  }
  const customer = await db
    .selectFrom('customers')
    .selectAll()
    .where('company_id', '=', company.id)
    .where('code', '=', input.customer)
    .executeTakeFirst();
  if (!customer) {
    throw new AppError(
      'NOT_FOUND',
      `no customer with code ${input.customer} in company ${company.code}`,
      [{ field: 'customer', value: input.customer, expected: 'the code of an imported customer' }],
    );
  }
  const rows = await db
    .selectFrom('items')
    .select([
      'number',
      'type',
      'issue_date',
      'due_date',
      'currency',
      'amount_minor',
      'open_minor',
      'disputed',
      'dispute_reason',
      'po_number',
      'document_url',
    ])
    .where('customer_id', '=', customer.id)
    .where('open_minor', '<>', 0)
    .execute();
  const items: LedgerItem[] = rows.map((r) => ({
    number: r.number,
    type: r.type,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    currency: r.currency,
    amountMinor: r.amount_minor,
    openMinor: r.open_minor,
    disputed: r.disputed,
    disputeReason: r.dispute_reason,
    poNumber: r.po_number,
    documentUrl: r.document_url,
  }));
  const sync = await db
    .selectFrom('ledger_sync')
    .select('ledger_synced_at')
    .where('company_id', '=', company.id)
    .executeTakeFirst();
  const account = computeAccount(items, asOf);
  return {
    company: company.code,
    customer: {
      code: customer.code,
      name: customer.name,
      country: customer.country,
      language: customer.language,
      currency: customer.currency,
      status: customer.status,
      segment: customer.segment,
      collector: customer.collector,
      creditLimitMinor: customer.credit_limit_minor,
    },
    ledgerSyncedAt: sync ? new Date(sync.ledger_synced_at).toISOString() : null,
    ...account,
  };
}
