import { currencyExponent } from './currencies.ts';

/** Exponent of a known currency; unknown codes are a programming error here. */
function exponentOf(currency: string): number {
  const exp = currencyExponent(currency);
  if (exp === undefined) throw new RangeError(`unknown currency: ${JSON.stringify(currency)}`);
  return exp;
}

/**
 * Exact decimal text of an amount in minor units, with a '.' separator and no grouping:
 * (123456, 'EUR') → '1234.56', (-5, 'EUR') → '-0.05', (1234, 'JPY') → '1234'.
 */
export function minorToDecimalString(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not a safe integer amount: ${minor}`);
  const exp = exponentOf(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor));
  if (exp === 0) return `${sign}${digits}`;
  const padded = digits.padStart(exp + 1, '0');
  return `${sign}${padded.slice(0, -exp)}.${padded.slice(-exp)}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** One formatter per locale and currency: building them is costly, using them is not. */
function formatterFor(locale: string, currency: string, exp: number): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: exp,
      maximumFractionDigits: exp,
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Amount for display in a locale, e.g. (123456, 'EUR', 'fr-FR') → '1 234,56 €'.
 * Always shows the currency's ISO 4217 decimals. The exact decimal string is formatted,
 * never a float, so large amounts keep every digit.
 */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const decimal = minorToDecimalString(minor, currency) as `${number}`;
  return formatterFor(locale, currency, exponentOf(currency)).format(decimal);
}
