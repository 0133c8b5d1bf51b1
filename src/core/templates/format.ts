import type { LocalDate } from '../calendar/local-date.ts';
import { formatMoney } from '../money/format-money.ts';
import { languageOf, type TemplateLanguage } from './types.ts';

/**
 * Formatting for one locale: dates through Intl in UTC (a business date has no time zone,
 * so 'YYYY-MM-DD' is read as that day in UTC and printed in UTC), amounts through
 * formatMoney, rates from their exact decimal text.
 */

/**
 * The locale to format in: the requested one when the template is in its language, otherwise
 * the template's language with the requested region ('en' template for 'nl-BE' → 'en-BE').
 */
export function formattingLocale(language: TemplateLanguage, requested: string): string {
  const key = `${language}|${requested}`;
  let locale = locales.get(key);
  if (locale === undefined) {
    if (languageOf(requested) === language) locale = canonical(requested) ?? language;
    else {
      const region = requested.split(/[-_]/)[1];
      locale = (region !== undefined && canonical(`${language}-${region}`)) || language;
    }
    remember(locales, key, locale);
  }
  return locale;
}

const locales = new Map<string, string>();

/** Caches stay small: a long-running server formats a bounded set of dates and locales. */
function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= 20_000) cache.clear();
  cache.set(key, value);
}

function canonical(locale: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(locale.replace('_', '-'))[0];
  } catch {
    return undefined;
  }
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string, style: 'long' | 'numeric'): Intl.DateTimeFormat {
  const key = `${locale}|${style}`;
  let format = dateFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(
      locale,
      style === 'long'
        ? { dateStyle: 'long', timeZone: 'UTC' }
        : { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' },
    );
    dateFormats.set(key, format);
  }
  return format;
}

/** '2026-03-15' → '15 March 2026' (en-GB, long) or '15/03/2026' (en-GB, numeric). */
export function formatDate(date: LocalDate, locale: string, style: 'long' | 'numeric'): string {
  const key = `${date}|${locale}|${style}`;
  let text = dates.get(key);
  if (text === undefined) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
    const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    text = dateFormat(locale, style).format(new Date(utc));
    remember(dates, key, text);
  }
  return text;
}

const dates = new Map<string, string>();

export { formatMoney };

const percentFormats = new Map<string, Intl.NumberFormat>();

/** An annual rate given as exact decimal text: ('12.15', 'fr-FR') → '12,15 %'. */
export function formatPercent(ratePercent: string, locale: string): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(ratePercent);
  if (!match) throw new RangeError(`not a decimal rate: ${JSON.stringify(ratePercent)}`);
  const whole = (match[1] ?? '0').padStart(3, '0');
  const decimals = match[2] ?? '';
  // Move the decimal point two places left, on the text: never through a float.
  const fraction = `${whole.slice(0, -2).replace(/^0+(?=\d)/, '')}.${whole.slice(-2)}${decimals}`;
  let format = percentFormats.get(locale);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, {
      style: 'percent',
      minimumFractionDigits: 2,
      maximumFractionDigits: 4,
    });
    percentFormats.set(locale, format);
  }
  return format.format(fraction as `${number}`);
}

const integerFormats = new Map<string, Intl.NumberFormat>();

export function formatInteger(value: number, locale: string): string {
  let format = integerFormats.get(locale);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    integerFormats.set(locale, format);
  }
  return format.format(value);
}
