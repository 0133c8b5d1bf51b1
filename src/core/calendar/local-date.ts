/**
 * Business dates without time or time zone, as 'YYYY-MM-DD' text.
 * All arithmetic is pure civil-calendar math on day numbers (days since 1970-01-01);
 * no Date object is involved, so results never depend on the host time zone.
 */

/** A business date as 'YYYY-MM-DD' text (proleptic Gregorian calendar). */
export type LocalDate = string;

/** Years accepted when parsing user input. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Gregorian leap year: divisible by 4, except centuries not divisible by 400. */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Number of days in month `m` (1..12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (!Number.isInteger(m) || m < 1 || m > 12) throw new RangeError(`month out of range: ${m}`);
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function formatParts(y: number, m: number, d: number): LocalDate {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** Builds a date from parts when they form a valid calendar date within the accepted years. */
function fromParts(y: number, m: number, d: number): LocalDate | null {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12) return null;
  if (d < 1 || d > daysInMonth(y, m)) return null;
  return formatParts(y, m, d);
}

/**
 * Parses a strict 'YYYY-MM-DD' date (no surrounding whitespace, zero-padded parts).
 * Returns null for anything else, including impossible dates like 2025-02-29.
 */
export function parseLocalDate(text: string): LocalDate | null {
  const match = ISO_PATTERN.exec(text);
  if (!match) return null;
  return fromParts(Number(match[1]), Number(match[2]), Number(match[3]));
}

interface Parts {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

/** Splits a LocalDate into numbers; throws on malformed input (a programming error). */
function split(date: LocalDate): Parts {
  const match = ISO_PATTERN.exec(date);
  const y = Number(match?.[1]);
  const m = Number(match?.[2]);
  const d = Number(match?.[3]);
  if (!match || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw new RangeError(`not a valid LocalDate: ${JSON.stringify(date)}`);
  }
  return { y, m, d };
}

/**
 * Day numbers already computed: a run compares the same few thousand dates millions of
 * times. Bounded, and emptied when full (a pure memo: same input, same output).
 */
const dayNumbers = new Map<string, number>();
const MAX_MEMO = 50_000;

/** Days from 1970-01-01 to `date` (negative before it). */
export function toDayNumber(date: LocalDate): number {
  const known = dayNumbers.get(date);
  if (known !== undefined) return known;
  const n = computeDayNumber(date);
  if (dayNumbers.size >= MAX_MEMO) dayNumbers.clear();
  dayNumbers.set(date, n);
  return n;
}

function computeDayNumber(date: LocalDate): number {
  const { y: year, m, d } = split(date);
  // Count years from March so that the leap day is the last day of the counting year.
  const y = m <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (m + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + d - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The date `n` days after 1970-01-01 (inverse of toDayNumber). */
export function fromDayNumber(n: number): LocalDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer day number: ${n}`);
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const d = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const m = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0);
  return formatParts(y, m, d);
}

/** `date` plus `n` days (n may be negative). */
export function addDays(date: LocalDate, n: number): LocalDate {
  return fromDayNumber(toDayNumber(date) + n);
}

/** a − b in days: positive when a is later than b. */
export function diffDays(a: LocalDate, b: LocalDate): number {
  return toDayNumber(a) - toDayNumber(b);
}

/** `date` plus `n` calendar months; the day is clamped to the target month's end. */
export function addMonths(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`not an integer month count: ${n}`);
  const { y, m, d } = split(date);
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return formatParts(year, month, Math.min(d, daysInMonth(year, month)));
}

/** -1 when a is before b, 0 when equal, 1 when after. */
export function compareDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  const diff = diffDays(a, b);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

/** The earliest of the given dates. */
export function minDate(first: LocalDate, ...rest: readonly LocalDate[]): LocalDate {
  return rest.reduce((min, d) => (compareDates(d, min) < 0 ? d : min), first);
}

/** The latest of the given dates. */
export function maxDate(first: LocalDate, ...rest: readonly LocalDate[]): LocalDate {
  return rest.reduce((max, d) => (compareDates(d, max) > 0 ? d : max), first);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function dayOfWeek(date: LocalDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** First day of the month of `date`. */
export function startOfMonth(date: LocalDate): LocalDate {
  const { y, m } = split(date);
  return formatParts(y, m, 1);
}

/** Last day of the month of `date`. */
export function endOfMonth(date: LocalDate): LocalDate {
  const { y, m } = split(date);
  return formatParts(y, m, daysInMonth(y, m));
}

/** Date layouts accepted in imported files. */
export type DateFormat = 'YYYY-MM-DD' | 'DD/MM/YYYY' | 'MM/DD/YYYY' | 'DD.MM.YYYY';

export const DATE_FORMATS: readonly DateFormat[] = [
  'YYYY-MM-DD',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD.MM.YYYY',
];

const SLASH_PATTERN = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const DOT_PATTERN = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/**
 * Parses `text` in the given layout, after trimming surrounding whitespace.
 * Non-ISO layouts accept 1- or 2-digit day and month and require a 4-digit year.
 * Returns null when the text does not match or is not a valid calendar date.
 */
export function parseDateInFormat(text: string, format: DateFormat): LocalDate | null {
  const trimmed = text.trim();
  switch (format) {
    case 'YYYY-MM-DD':
      return parseLocalDate(trimmed);
    case 'DD/MM/YYYY':
    case 'MM/DD/YYYY': {
      const match = SLASH_PATTERN.exec(trimmed);
      if (!match) return null;
      const [first, second] = [Number(match[1]), Number(match[2])];
      return format === 'DD/MM/YYYY'
        ? fromParts(Number(match[3]), second, first)
        : fromParts(Number(match[3]), first, second);
    }
    case 'DD.MM.YYYY': {
      const match = DOT_PATTERN.exec(trimmed);
      if (!match) return null;
      return fromParts(Number(match[3]), Number(match[2]), Number(match[1]));
    }
  }
}
