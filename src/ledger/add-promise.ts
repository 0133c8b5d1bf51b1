import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Problem } from '../core/errors.ts';
import { isCurrencyCode } from '../core/money/currencies.ts';
import { parseAmount } from '../core/money/parse-amount.ts';
import { minorToDecimalString } from '../core/money/format-money.ts';
import {
  checkFutureDate,
  findCustomer,
  inTransaction,
  invalid,
  openContext,
  recordEvents,
  type CustomerRow,
  type Scope,
} from './ledger-context.ts';
import { toPromiseView, type PromiseView } from './promise-view.ts';

export interface AddPromiseInput extends Scope {
  readonly customer: string;
  /** Promised payment date, YYYY-MM-DD, today or later. */
  readonly date: string;
  /** Decimal amount with a decimal point, e.g. "1234.56". */
  readonly amount: string;
  /** Default: the customer's currency. */
  readonly currency?: string | undefined;
  /** Invoice numbers promised; none = the currency's overdue balance. */
  readonly items?: readonly string[] | undefined;
}

/**
 * Records a customer's promise to pay: it pauses escalation in its currency until
 * its date (plus the company's grace days). Event PROMISE_ADDED.
 */
export async function addPromise(db: Kysely<DB>, input: AddPromiseInput): Promise<PromiseView> {
  const ctx = await openContext(db, input);
  return inTransaction(db, async (trx) => {
    const customer = await findCustomer(trx, ctx.company, input.customer);
    const problems: Problem[] = [];
    const currency = (input.currency ?? customer.currency).trim().toUpperCase();
    const currencyOk = isCurrencyCode(currency);
    if (!currencyOk) {
      problems.push({
        field: 'currency',
        value: input.currency ?? '',
        expected: 'an ISO 4217 code',
      });
    }
    const date = checkFutureDate(problems, 'date', input.date, ctx.today);
    let amountMinor = 0;
    if (currencyOk) {
      const parsed = parseAmount(input.amount, currency, 'dot');
      if (!parsed.ok)
        problems.push({ field: 'amount', value: input.amount, expected: parsed.expected });
      else if (parsed.minor <= 0) {
        problems.push({ field: 'amount', value: input.amount, expected: 'an amount above zero' });
      } else amountMinor = parsed.minor;
    }
    const items = [...new Set((input.items ?? []).map((n) => n.trim()).filter((n) => n !== ''))];
    if (currencyOk) problems.push(...(await checkItems(trx, customer, currency, items)));
    if (problems.length > 0 || date === null) {
      throw invalid(`invalid promise to pay for customer ${customer.code}`, problems);
    }
    const promise = await trx
      .insertInto('promises')
      .values({
        company_id: ctx.company.id,
        customer_id: customer.id,
        currency,
        promised_date: date,
        amount_minor: amountMinor,
        items,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const what = items.length > 0 ? `items ${items.join(', ')}` : 'the overdue balance';
    await recordEvents(trx, [
      {
        companyId: ctx.company.id,
        customerId: customer.id,
        asOf: ctx.today,
        code: 'PROMISE_ADDED',
        currency,
        detail: `promise #${promise.id} to pay ${minorToDecimalString(amountMinor, currency)} ${currency} by ${date} (${what})`,
      },
    ]);
    return toPromiseView(customer.code, promise);
  });
}

/** Each promised item must be an open invoice of this customer in this currency. */
async function checkItems(
  db: Kysely<DB>,
  customer: CustomerRow,
  currency: string,
  numbers: readonly string[],
): Promise<Problem[]> {
  if (numbers.length === 0) return [];
  const rows = await db
    .selectFrom('items as i')
    .innerJoin('customers as c', 'c.id', 'i.customer_id')
    .select(['i.number', 'i.type', 'i.currency', 'i.open_minor', 'c.code as customer'])
    .where('i.company_id', '=', customer.company_id)
    .where('i.number', 'in', numbers)
    .execute();
  const expected = `an open invoice of customer ${customer.code} in ${currency}`;
  const problems: Problem[] = [];
  for (const number of numbers) {
    const row = rows.find((r) => r.number === number);
    const why = !row
      ? 'no such item'
      : row.customer !== customer.code
        ? `it belongs to customer ${row.customer}`
        : row.type !== 'invoice'
          ? `it is a ${row.type.replace('_', ' ')}`
          : row.open_minor === 0
            ? 'it is settled'
            : row.currency !== currency
              ? `it is in ${row.currency}`
              : null;
    if (why) problems.push({ field: 'items', value: number, expected: `${expected} (${why})` });
  }
  return problems;
}
