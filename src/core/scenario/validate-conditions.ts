import { CURRENCY_CODES, isCurrencyCode } from '../money/currencies.ts';
import { parseAmount } from '../money/parse-amount.ts';
import { isCountryCode } from '../geo/countries.ts';
import { didYouMean } from '../text/closest.ts';
import type { StepConditions } from './types.ts';
import { at, fields, knownKeys, textList, type Problems } from './scenario-fields.ts';

const CONDITION_FIELDS = [
  'minOverdue',
  'minOverdueMinor',
  'segments',
  'countries',
  'riskClasses',
] as const;

/**
 * Reads a step's conditions. Minimum amounts come in minor units (`minOverdueMinor:
 * { EUR: 5000 }`) or as decimal text (`minOverdue: { EUR: "50.00" }`), both stored as
 * minor units. Empty lists and an empty object mean "no condition" and are left out.
 */
export function readConditions(
  p: Problems,
  path: string,
  value: unknown,
): StepConditions | undefined {
  if (value === undefined) return undefined;
  const input = fields(p, path, value, 'conditions');
  if (!input) return undefined;
  knownKeys(p, path, input, CONDITION_FIELDS);
  const minimums = readAmountsByCurrency(p, path, input, 'minOverdueMinor', 'minOverdue');
  const list = (key: 'segments' | 'riskClasses' | 'countries') => {
    const raw = input[key];
    if (raw === undefined) return undefined;
    const values =
      key === 'countries'
        ? textList(p, at(path, key), raw, 'ISO 3166 country codes', (c) =>
            isCountryCode(c) ? undefined : 'an ISO 3166 two-letter country code such as FR',
          )
        : textList(
            p,
            at(path, key),
            raw,
            `${key === 'segments' ? 'segment' : 'risk class'} names`,
            (s) => (s.trim() !== '' && s.length <= 50 ? undefined : 'a name of 1 to 50 characters'),
          );
    return values && values.length > 0 ? values : undefined;
  };
  const conditions: StepConditions = {
    ...optional('minOverdueMinor', minimums),
    ...optional('segments', list('segments')),
    ...optional('countries', list('countries')),
    ...optional('riskClasses', list('riskClasses')),
  };
  return Object.keys(conditions).length > 0 ? conditions : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Amounts per currency given in minor units (`minorKey: { EUR: 5000 }`) or as decimal
 * text (`decimalKey: { EUR: "50.00" }`), merged into minor units; undefined when none.
 */
export function readAmountsByCurrency(
  p: Problems,
  path: string,
  input: Readonly<Record<string, unknown>>,
  minorKey: string,
  decimalKey: string,
): Record<string, number> | undefined {
  const amounts: Record<string, number> = {};
  readMinorAmounts(p, at(path, minorKey), input[minorKey], amounts);
  readDecimalAmounts(
    p,
    at(path, decimalKey),
    input[decimalKey],
    amounts,
    input[minorKey],
    minorKey,
  );
  return Object.keys(amounts).length > 0 ? sortKeys(amounts) : undefined;
}

function currency(p: Problems, field: string, code: string): boolean {
  if (isCurrencyCode(code)) return true;
  p.add(field, code, `an ISO 4217 currency code as the key${didYouMean(code, CURRENCY_CODES)}`);
  return false;
}

function readMinorAmounts(
  p: Problems,
  path: string,
  value: unknown,
  into: Record<string, number>,
): void {
  if (value === undefined) return;
  const input = fields(
    p,
    path,
    value,
    'minimum amounts per currency in minor units, like { EUR: 5000 }',
  );
  if (!input) return;
  for (const [code, amount] of Object.entries(input)) {
    const field = at(path, code);
    if (!currency(p, field, code)) continue;
    if (typeof amount === 'number' && Number.isSafeInteger(amount) && amount >= 0) {
      into[code] = amount;
    } else {
      p.add(
        field,
        amount,
        `a whole number of minor units (cents), 0 or more, such as 5000 for 50.00`,
      );
    }
  }
}

function readDecimalAmounts(
  p: Problems,
  path: string,
  value: unknown,
  into: Record<string, number>,
  minor: unknown,
  minorKey: string,
): void {
  if (value === undefined) return;
  const input = fields(p, path, value, 'minimum amounts per currency, like { EUR: "50.00" }');
  if (!input) return;
  for (const [code, amount] of Object.entries(input)) {
    const field = at(path, code);
    if (!currency(p, field, code)) continue;
    if (typeof minor === 'object' && minor !== null && code in minor) {
      p.add(field, amount, `one amount per currency: ${minorKey}.${code} is given too`);
      continue;
    }
    const parsed =
      typeof amount === 'string' || typeof amount === 'number'
        ? parseAmount(String(amount), code, 'dot')
        : undefined;
    if (parsed === undefined) {
      p.add(field, amount, `an amount written like "50.00"`);
    } else if (!parsed.ok) {
      p.add(field, amount, parsed.expected);
    } else if (parsed.minor < 0) {
      p.add(field, amount, 'an amount of 0 or more');
    } else {
      into[code] = parsed.minor;
    }
  }
}
