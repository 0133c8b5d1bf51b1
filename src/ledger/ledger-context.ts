import type { Kysely, Selectable } from 'kysely';
import type { CustomersTable, DB, ItemsTable } from '../store/schema.ts';
import { AppError, type Problem } from '../core/errors.ts';
import { compareDates, parseLocalDate, type LocalDate } from '../core/calendar/local-date.ts';
import { resolveCompany, todayIn, type Company } from '../store/companies.ts';

/** What every ledger use-case may be told: which company, and (tests) what time it is. */
export interface Scope {
  /** Company code; default: the only company. */
  readonly company?: string | undefined;
  /** The current time, for "today" in the company's time zone (default: the clock). */
  readonly now?: Date | undefined;
}

export interface Context {
  readonly company: Company;
  /** Today in the company's time zone: the business date of the changes recorded. */
  readonly today: LocalDate;
}

export type CustomerRow = Selectable<CustomersTable>;
export type ItemRow = Selectable<ItemsTable>;

export async function openContext(db: Kysely<DB>, scope: Scope): Promise<Context> {
  const company = await resolveCompany(db, scope.company);
  return { company, today: todayIn(company.timezone, scope.now) };
}

/** Runs `work` in a transaction (or in the caller's, when `db` already is one). */
export function inTransaction<T>(
  db: Kysely<DB>,
  work: (trx: Kysely<DB>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

export function invalid(message: string, problems: readonly Problem[]): AppError {
  return new AppError('INVALID_INPUT', message, problems);
}

/** The customer with this code, locked when inside a transaction; NOT_FOUND otherwise. */
export async function findCustomer(
  db: Kysely<DB>,
  company: Company,
  code: string,
  field = 'customer',
): Promise<CustomerRow> {
  const customer = await db
    .selectFrom('customers')
    .selectAll()
    .where('company_id', '=', company.id)
    .where('code', '=', code)
    .$if(db.isTransaction, (q) => q.forUpdate())
    .executeTakeFirst();
  if (!customer) {
    throw new AppError('NOT_FOUND', `no customer with code ${code} in company ${company.code}`, [
      { field, value: code, expected: 'the code of an imported customer' },
    ]);
  }
  return customer;
}

/** The item with this number, locked when inside a transaction; NOT_FOUND otherwise. */
export async function findItem(
  db: Kysely<DB>,
  company: Company,
  number: string,
  field = 'item',
): Promise<ItemRow> {
  const item = await db
    .selectFrom('items')
    .selectAll()
    .where('company_id', '=', company.id)
    .where('number', '=', number)
    .$if(db.isTransaction, (q) => q.forUpdate())
    .executeTakeFirst();
  if (!item) {
    throw new AppError('NOT_FOUND', `no item numbered ${number} in company ${company.code}`, [
      { field, value: number, expected: 'the number of an imported invoice' },
    ]);
  }
  return item;
}

/** Checks a free text: trimmed, non-empty when required, at most `max` characters. */
export function checkText(
  problems: Problem[],
  field: string,
  value: string | undefined,
  required: boolean,
  max = 500,
): string | null {
  const text = value?.trim() ?? '';
  if (text === '') {
    if (required) problems.push({ field, value: value ?? '', expected: 'a non-empty text' });
    return null;
  }
  if (text.length > max) {
    problems.push({
      field,
      value: `${text.slice(0, 40)}…`,
      expected: `a text of at most ${max} characters (got ${text.length})`,
    });
    return null;
  }
  return text;
}

/** Checks a YYYY-MM-DD date that must not be before `today`. */
export function checkFutureDate(
  problems: Problem[],
  field: string,
  value: string,
  today: LocalDate,
): LocalDate | null {
  const date = parseLocalDate(value);
  if (!date) {
    problems.push({ field, value, expected: 'a valid date written YYYY-MM-DD' });
    return null;
  }
  if (compareDates(date, today) < 0) {
    problems.push({
      field,
      value,
      expected: `today (${today}) or a later date in the company's time zone`,
    });
    return null;
  }
  return date;
}

/** An as-of date given by the caller, or today. */
export function parseAsOf(value: string | undefined, today: LocalDate): LocalDate {
  if (value === undefined) return today;
  const date = parseLocalDate(value);
  if (!date) {
    throw invalid(`invalid as-of date ${value}`, [
      { field: 'asOf', value, expected: 'a valid date written YYYY-MM-DD' },
    ]);
  }
  return date;
}

export interface LedgerEvent {
  readonly companyId: number;
  readonly customerId: number;
  readonly asOf: LocalDate;
  /** Stable UPPER_SNAKE code (docs/credit-status.md lists them). */
  readonly code: string;
  readonly detail: string;
  readonly currency?: string | null | undefined;
  readonly item?: string | null | undefined;
  readonly step?: string | null | undefined;
  readonly actionId?: number | null | undefined;
}

/** Writes timeline events (kind 'event', source 'ledger': every change is kept). */
export async function recordEvents(db: Kysely<DB>, events: readonly LedgerEvent[]): Promise<void> {
  if (events.length === 0) return;
  for (let i = 0; i < events.length; i += 2000) {
    await db
      .insertInto('timeline')
      .values(
        events.slice(i, i + 2000).map((e) => ({
          company_id: e.companyId,
          customer_id: e.customerId,
          as_of: e.asOf,
          kind: 'event' as const,
          code: e.code,
          currency: e.currency ?? null,
          item: e.item ?? null,
          step: e.step ?? null,
          detail: e.detail,
          action_id: e.actionId ?? null,
          source: 'ledger' as const,
        })),
      )
      .execute();
  }
}
