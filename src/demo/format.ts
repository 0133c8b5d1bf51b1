/**
 * Day numbers (days since 1970-01-01, UTC) and fixed-decimal amounts for the demo ledger.
 * Only explicit-argument Date calls: the demo never reads the clock.
 */
const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayCache = new Map<number, string>();

/** Parses a strict, valid 'YYYY-MM-DD' date into a day number; throws RangeError otherwise. */
export function parseDay(text: string): number {
  const match = ISO_DATE.exec(text);
  if (match) {
    const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
    if (formatDay(day) === text) return day;
  }
  throw new RangeError(`expected a valid YYYY-MM-DD date, got '${text}'`);
}

/** Formats a day number as 'YYYY-MM-DD' (memoized: a ledger uses only a few hundred days). */
export function formatDay(day: number): string {
  let text = dayCache.get(day);
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    dayCache.set(day, text);
  }
  return text;
}

/** Formats an amount in minor units with exactly `decimals` decimals: 123456 → '1234.56'. */
export function formatMinor(minor: number, decimals: number): string {
  if (decimals === 0) return String(minor);
  const scale = 10 ** decimals;
  const whole = Math.floor(minor / scale);
  const fraction = String(minor - whole * scale);
  return `${whole}.${fraction.length < decimals ? fraction.padStart(decimals, '0') : fraction}`;
}

/** Zero-pads a counter: pad(42, 7) → '0000042' (never truncates). */
export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
