import type { Kysely } from 'kysely';
import { AppError } from '../core/errors.ts';
import { isCurrencyCode } from '../core/money/currencies.ts';
import { isCountryCode } from '../core/geo/countries.ts';
import type { DB } from './schema.ts';

export interface Company {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly country: string;
  readonly currency: string;
  readonly timezone: string;
  readonly locale: string;
}

export interface NewCompany {
  readonly code: string;
  readonly name: string;
  readonly country: string;
  readonly currency: string;
  readonly timezone: string;
  readonly locale: string;
}

export const DEFAULT_COMPANY: NewCompany = {
  code: 'MAIN',
  name: 'My company',
  country: 'FR',
  currency: 'EUR',
  timezone: 'Europe/Paris',
  locale: 'fr-FR',
};

const columns = ['id', 'code', 'name', 'country', 'currency', 'timezone', 'locale'] as const;

export async function listCompanies(db: Kysely<DB>): Promise<Company[]> {
  return db.selectFrom('companies').select(columns).orderBy('code').execute();
}

/** Checks a new company's fields, naming each bad one. */
export function validateCompany(c: NewCompany): void {
  const problems = [];
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/.test(c.code)) {
    problems.push({
      field: 'code',
      value: c.code,
      expected: 'letters, digits, _ . - (at most 32)',
    });
  }
  if (c.name.trim() === '') problems.push({ field: 'name', value: c.name, expected: 'a name' });
  if (!isCountryCode(c.country)) {
    problems.push({ field: 'country', value: c.country, expected: 'an ISO 3166 two-letter code' });
  }
  if (!isCurrencyCode(c.currency)) {
    problems.push({ field: 'currency', value: c.currency, expected: 'an ISO 4217 code' });
  }
  if (!isTimeZone(c.timezone)) {
    problems.push({
      field: 'timezone',
      value: c.timezone,
      expected: 'an IANA time zone such as Europe/Paris',
    });
  }
  if (problems.length > 0) throw new AppError('INVALID_INPUT', 'invalid company', problems);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Creates the company unless one with that code exists; returns it either way. */
export async function ensureCompany(db: Kysely<DB>, c: NewCompany): Promise<Company> {
  validateCompany(c);
  await db
    .insertInto('companies')
    .values(c)
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  return db
    .selectFrom('companies')
    .select(columns)
    .where('code', '=', c.code)
    .executeTakeFirstOrThrow();
}

/**
 * The company a command works on: the one named, or the only one there is.
 * With no company at all, the default one is created so a first import just works.
 */
export async function resolveCompany(
  db: Kysely<DB>,
  code: string | undefined,
  options: { createIfNone?: boolean } = {},
): Promise<Company> {
  const companies = await listCompanies(db);
  if (companies.length === 0 && options.createIfNone) {
    return ensureCompany(db, { ...DEFAULT_COMPANY, code: code ?? DEFAULT_COMPANY.code });
  }
  if (companies.length === 0) {
    throw new AppError(
      'NOT_FOUND',
      'there is no company yet: run relance init or import data first',
      [{ field: 'company', value: code ?? '', expected: 'an existing company' }],
    );
  }
  if (code === undefined) {
    if (companies.length === 1) return companies[0]!;
    throw new AppError(
      'INVALID_INPUT',
      'several companies exist: say which one (--company, or ?company= over HTTP)',
      [
        {
          field: 'company',
          value: '',
          expected: `one of ${companies.map((c) => c.code).join(', ')}`,
        },
      ],
    );
  }
  const found = companies.find((c) => c.code === code);
  if (!found) {
    throw new AppError('NOT_FOUND', `no company with code ${code}`, [
      {
        field: 'company',
        value: code,
        expected: `one of ${companies.map((c) => c.code).join(', ')}`,
      },
    ]);
  }
  return found;
}

/** Today's business date in the company's time zone (the shell reads the clock, never the core). */
export function todayIn(timezone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
