import type { Problem } from '../core/errors.ts';
import { parseDateInFormat, type DateFormat, type LocalDate } from '../core/calendar/local-date.ts';
import { isCurrencyCode } from '../core/money/currencies.ts';
import { parseAmount, type DecimalFormat } from '../core/money/parse-amount.ts';
import { isCountryCode } from '../core/geo/countries.ts';

/** How numbers and dates are written in the file (declared, never guessed). */
export interface ValueFormats {
  readonly decimal: DecimalFormat;
  readonly dateFormat: DateFormat;
}

/** Collects the problems of one file; field readers return undefined on a problem. */
export class ProblemList {
  readonly items: Problem[] = [];
  add(row: number, field: string, value: string, expected: string): undefined {
    this.items.push({ row, field, value, expected });
    return undefined;
  }
  get size(): number {
    return this.items.length;
  }
}

export function requiredText(
  p: ProblemList,
  row: number,
  field: string,
  value: string,
  max: number,
): string | undefined {
  if (value === '') return p.add(row, field, value, 'a value (this column may not be empty)');
  if (value.length > max) return p.add(row, field, value, `at most ${max} characters`);
  return value;
}

export function optionalText(
  p: ProblemList,
  row: number,
  field: string,
  value: string,
  max: number,
): string | null | undefined {
  if (value === '') return null;
  if (value.length > max) return p.add(row, field, value, `at most ${max} characters`);
  return value;
}

export function currency(
  p: ProblemList,
  row: number,
  field: string,
  value: string,
): string | undefined {
  const code = value.toUpperCase();
  return isCurrencyCode(code)
    ? code
    : p.add(row, field, value, 'an ISO 4217 currency code such as EUR, USD or GBP');
}

export function country(
  p: ProblemList,
  row: number,
  field: string,
  value: string,
): string | undefined {
  const code = value.toUpperCase();
  return isCountryCode(code)
    ? code
    : p.add(row, field, value, 'an ISO 3166 two-letter country code such as FR, DE, GB or US');
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** A language as ISO 639-1, optionally with a region: fr, de, en-GB. */
export function language(
  p: ProblemList,
  row: number,
  field: string,
  value: string,
): string | undefined {
  const m = /^([a-zA-Z]{2})(?:[-_]([a-zA-Z]{2}))?$/.exec(value);
  const code = m
    ? m[2]
      ? `${m[1]!.toLowerCase()}-${m[2].toUpperCase()}`
      : m[1]!.toLowerCase()
    : '';
  if (!m || languageNames.of(code) === undefined || (m[2] && !isCountryCode(m[2].toUpperCase()))) {
    return p.add(
      row,
      field,
      value,
      'an ISO 639-1 language code such as en, fr, de or es (optionally en-GB)',
    );
  }
  return code;
}

export function date(
  p: ProblemList,
  row: number,
  field: string,
  value: string,
  format: DateFormat,
): LocalDate | undefined {
  const d = parseDateInFormat(value, format);
  return d ?? p.add(row, field, value, `a valid calendar date written ${format}`);
}

/** A positive amount in minor units; `allowZero` for open amounts. */
export function amount(
  p: ProblemList,
  row: number,
  field: string,
  value: string,
  currencyCode: string | undefined,
  decimal: DecimalFormat,
  allowZero = false,
  signHint = 'the type column gives the sign (a credit is type credit_note)',
): number | undefined {
  if (currencyCode === undefined) return undefined; // the currency problem is already reported
  const parsed = parseAmount(value, currencyCode, decimal);
  if (!parsed.ok) return p.add(row, field, value, parsed.expected);
  if (parsed.minor < 0 || (parsed.minor === 0 && !allowZero)) {
    const what = allowZero ? 'zero or a positive amount' : 'a positive amount';
    return p.add(row, field, value, `${what}; ${signHint}`);
  }
  return parsed.minor;
}

const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

export function email(
  p: ProblemList,
  row: number,
  field: string,
  value: string,
): string | null | undefined {
  if (value === '') return null;
  return EMAIL.test(value) && value.length <= 254
    ? value
    : p.add(row, field, value, 'an e-mail address like ap@example.com');
}

export function phone(
  p: ProblemList,
  row: number,
  field: string,
  value: string,
): string | null | undefined {
  if (value === '') return null;
  return /^\+?[0-9 ().\-/]{5,30}$/.test(value) && /\d{3}/.test(value.replace(/\D/g, ''))
    ? value
    : p.add(row, field, value, 'a phone number such as +33 1 23 45 67 89');
}

const YES = new Set(['yes', 'y', 'true', '1', 'oui', 'ja', 'si', 'sí', 'x']);
const NO = new Set(['no', 'n', 'false', '0', 'non', 'nein', '']);

export function yesNo(
  p: ProblemList,
  row: number,
  field: string,
  value: string,
): boolean | undefined {
  const v = value.toLowerCase();
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return p.add(row, field, value, 'yes or no (also true/false, 1/0, or empty for no)');
}

export function url(
  p: ProblemList,
  row: number,
  field: string,
  value: string,
): string | null | undefined {
  if (value === '') return null;
  if (value.length > 2000) return p.add(row, field, value, 'an address of at most 2000 characters');
  try {
    // The parser also takes `https:host` and `http:/path`; the database (migration 0012)
    // holds the written form to `http://` or `https://`, so the file must too.
    const u = new URL(value);
    if ((u.protocol === 'http:' || u.protocol === 'https:') && /^https?:\/\/[^/]/i.test(value))
      return value;
  } catch {
    // reported below
  }
  return p.add(row, field, value, 'an http:// or https:// address');
}
