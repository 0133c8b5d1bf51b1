import { createRequire } from 'node:module';
import type HolidaysType from 'date-holidays';
import { addDays, dayOfWeek, type LocalDate } from '../core/calendar/local-date.ts';

/**
 * Business days of a country: Monday to Friday except its public holidays (date-holidays
 * rules, type 'public' only: no observances, bank or school holidays; substitute days
 * included). `country` is an ISO 3166 code, optionally with a subdivision: 'DE-BY', 'ES-MD'.
 * 'GB' alone means England (and Wales' shared calendar: ENG). A country date-holidays does
 * not know has weekends only. Pure calendar arithmetic on the date text: no clock, and the
 * host time zone plays no part. See docs/adr/0004-holidays.md.
 */
export function isBusinessDay(country: string, date: LocalDate): boolean {
  if (dayOfWeek(date) > 5) return false;
  const year = Number(date.slice(0, 4));
  // A holiday of several days that starts in December is listed with the year it starts in.
  return !holidaySet(country, year).has(date) && !holidaySet(country, year - 1).has(date);
}

/** The first business day strictly after `date`. */
export function nextBusinessDay(country: string, date: LocalDate): LocalDate {
  let day = addDays(date, 1);
  while (!isBusinessDay(country, day)) day = addDays(day, 1);
  return day;
}

/**
 * `date` plus `n` business days (n ≥ 0): 0 gives `date` itself when it is a business day,
 * else the next one; 1 the business day after that, and so on.
 */
export function addBusinessDays(country: string, date: LocalDate, n: number): LocalDate {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(`expected a whole number of business days ≥ 0, got ${n}`);
  let day = isBusinessDay(country, date) ? date : nextBusinessDay(country, date);
  for (let i = 0; i < n; i++) day = nextBusinessDay(country, day);
  return day;
}

export interface PublicHoliday {
  readonly date: LocalDate;
  readonly name: string;
}

/** The public holidays of `country` in `year`, in date order (names in the country's language). */
export function publicHolidays(country: string, year: number): PublicHoliday[] {
  const [code, state] = splitCountry(country);
  const calendar = Holidays(code, state);
  const seen = new Map<LocalDate, string>();
  for (const h of calendar.getHolidays(year)) {
    if (h.type !== 'public') continue;
    // A few holidays last several days (e.g. Eid in SA): one entry, start to end.
    const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000));
    for (let i = 0; i < days; i++) {
      const date = addDays(h.date.slice(0, 10), i);
      if (!seen.has(date)) seen.set(date, h.name);
    }
  }
  return [...seen]
    .map(([date, name]) => ({ date, name }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const cache = new Map<string, ReadonlySet<LocalDate>>();

/** date-holidays and its rule data load on first use: commands that never plan don't pay for it. */
let HolidaysClass: typeof HolidaysType | undefined;
function Holidays(country: string, state?: string): HolidaysType {
  if (!HolidaysClass) {
    const loaded = createRequire(import.meta.url)('date-holidays') as
      typeof HolidaysType | { default: typeof HolidaysType };
    HolidaysClass = 'default' in loaded ? loaded.default : loaded;
  }
  return state ? new HolidaysClass(country, state) : new HolidaysClass(country);
}

function holidaySet(country: string, year: number): ReadonlySet<LocalDate> {
  const key = `${country}|${year}`;
  let set = cache.get(key);
  if (!set) {
    set = new Set(publicHolidays(country, year).map((h) => h.date));
    cache.set(key, set);
  }
  return set;
}

/** 'FR' → ['FR'], 'DE-BY' → ['DE', 'BY'], 'GB' → ['GB', 'ENG']. */
function splitCountry(country: string): [string, string | undefined] {
  const [code = '', state] = country.toUpperCase().split('-');
  if (code === 'GB' && !state) return ['GB', 'ENG'];
  return [code, state];
}
