/**
 * Exact rational numbers on BigInt, for interest arithmetic: a rate times a number of
 * days divided by a day basis is rarely a terminating decimal, so every intermediate
 * value is kept as a fraction and rounded once, at the end, by a named rule.
 */
export interface Ratio {
  /** Numerator, carrying the sign. */
  readonly n: bigint;
  /** Denominator, always > 0; the fraction is kept reduced. */
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** n / d, reduced, with a positive denominator. */
export function ratio(n: bigint | number, d: bigint | number = 1n): Ratio {
  let num = BigInt(n);
  let den = BigInt(d);
  if (den === 0n) throw new RangeError('ratio with a zero denominator');
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den);
  return g > 1n ? { n: num / g, d: den / g } : { n: num, d: den };
}

export const ZERO: Ratio = { n: 0n, d: 1n };

export function add(a: Ratio, b: Ratio): Ratio {
  return ratio(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function sum(values: readonly Ratio[]): Ratio {
  return values.reduce(add, ZERO);
}

export function mul(a: Ratio, b: Ratio): Ratio {
  return ratio(a.n * b.n, a.d * b.d);
}

export function div(a: Ratio, b: Ratio): Ratio {
  if (b.n === 0n) throw new RangeError('division by zero');
  return ratio(a.n * b.d, a.d * b.n);
}

export function compare(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const diff = a.n * b.d - b.n * a.d;
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}

/**
 * Nearest integer, ties rounded half-up — away from zero for negative values
 * (2.5 → 3, −2.5 → −3), the commercial rule used for money.
 */
export function roundHalfUp(r: Ratio): bigint {
  const magnitude = (2n * (r.n < 0n ? -r.n : r.n) + r.d) / (2n * r.d);
  return r.n < 0n ? -magnitude : magnitude;
}

/** Decimal text with exactly `places` decimals, rounded half-up: (1/3, 4) → '0.3333'. */
export function toFixed(r: Ratio, places: number): string {
  const scaled = roundHalfUp(mul(r, ratio(10n ** BigInt(places))));
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(places + 1, '0');
  const body = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return negative ? `-${body}` : body;
}

/**
 * Exact decimal text of a terminating fraction with at least `minPlaces` decimals and no
 * needless trailing zeros: (29/2, 2) → '14.50', (1425/100, 2) → '14.25', (1/8, 2) → '0.125'.
 * Fractions that do not terminate are rounded to `maxPlaces`.
 */
export function toDecimal(r: Ratio, minPlaces = 0, maxPlaces = 12): string {
  let places = minPlaces;
  while (places < maxPlaces && (r.n * 10n ** BigInt(places)) % r.d !== 0n) places++;
  return toFixed(r, places);
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Parses '14.25', '-0.88', '3' exactly; null for anything else or more than `maxPlaces` decimals. */
export function parseDecimal(text: string, maxPlaces: number): Ratio | null {
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const frac = match[3] ?? '';
  if (frac.length > maxPlaces) return null;
  const magnitude = BigInt(`${match[2]}${frac}`);
  return ratio(match[1] === '-' ? -magnitude : magnitude, 10n ** BigInt(frac.length));
}
