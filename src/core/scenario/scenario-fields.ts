import type { Problem } from '../errors.ts';
import { didYouMean } from '../text/closest.ts';

/**
 * Small readers for scenario definitions parsed from JSON or YAML: each checks one
 * field, records a problem naming its path (`steps[2].offsetDays`) and returns the
 * value, or undefined when it is wrong.
 */
export type Fields = Readonly<Record<string, unknown>>;

export class Problems {
  readonly items: Problem[] = [];

  add(field: string, value: unknown, expected: string): void {
    const shown = show(value);
    this.items.push(shown === undefined ? { field, expected } : { field, value: shown, expected });
  }

  get size(): number {
    return this.items.length;
  }
}

/** A value as text for a problem: strings as they are, anything else as JSON (shortened). */
export function show(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

export function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object, or a problem (what = 'a scenario', 'a step', …). */
export function fields(
  p: Problems,
  path: string,
  value: unknown,
  what: string,
): Fields | undefined {
  if (isFields(value)) return value;
  p.add(path, value, `${what} (an object with named fields)`);
  return undefined;
}

/** Refuses fields nobody reads: a misspelt optional field would otherwise be ignored silently. */
export function knownKeys(p: Problems, path: string, input: Fields, allowed: readonly string[]) {
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key)) {
      p.add(
        at(path, key),
        undefined,
        `a known field${didYouMean(key, allowed)} — fields here: ${allowed.join(', ')}`,
      );
    }
  }
}

export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const CODE_RULE = 'letters, digits, _ and - (at most 64, starting with a letter or digit)';

export function code(p: Problems, field: string, value: unknown, what: string): string | undefined {
  if (typeof value === 'string' && CODE_PATTERN.test(value)) return value;
  p.add(field, value, `${what}: ${CODE_RULE}`);
  return undefined;
}

export function text(
  p: Problems,
  field: string,
  value: unknown,
  what: string,
  max = 200,
): string | undefined {
  if (typeof value === 'string' && value.trim() !== '' && value.length <= max) return value.trim();
  p.add(field, value, `${what} (text of 1 to ${max} characters)`);
  return undefined;
}

export function bool(p: Problems, field: string, value: unknown, fallback: boolean) {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  p.add(field, value, 'true or false');
  return undefined;
}

/** A whole number of days in [min, max]; `fallback` when absent (undefined: required). */
export function days(
  p: Problems,
  field: string,
  value: unknown,
  range: { min: number; max: number; fallback?: number | undefined; what?: string },
): number | undefined {
  if (value === undefined && range.fallback !== undefined) return range.fallback;
  if (
    typeof value === 'number' &&
    Number.isSafeInteger(value) &&
    value >= range.min &&
    value <= range.max
  ) {
    return value;
  }
  const what = range.what ?? 'a whole number of days';
  const bounds =
    range.min >= 0
      ? `${range.min} or more (at most ${range.max})`
      : `from ${range.min} to ${range.max}`;
  const negative =
    range.min >= 0 && typeof value === 'number' && value < 0 ? ', never negative' : '';
  p.add(field, value, `${what}, ${bounds}${negative}`);
  return undefined;
}

export function oneOf<T extends string>(
  p: Problems,
  field: string,
  value: unknown,
  options: readonly T[],
  fallback?: T,
): T | undefined {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value === 'string' && (options as readonly string[]).includes(value))
    return value as T;
  const hint = typeof value === 'string' ? didYouMean(value, options) : '';
  p.add(field, value, `one of ${options.join(', ')}${hint}`);
  return undefined;
}

/** A list of distinct texts each passing `check` (which returns what was expected, or undefined). */
export function textList(
  p: Problems,
  field: string,
  value: unknown,
  what: string,
  check: (item: string) => string | undefined,
): string[] | undefined {
  if (!Array.isArray(value)) {
    p.add(field, value, `a list of ${what}`);
    return undefined;
  }
  const before = p.size;
  const seen = new Set<string>();
  value.forEach((item: unknown, i) => {
    const problem = typeof item === 'string' ? check(item) : `one of ${what}`;
    if (problem !== undefined) p.add(at(field, i), item, problem);
    else if (seen.has(item as string)) p.add(at(field, i), item, `each of ${what} listed once`);
    else seen.add(item as string);
  });
  return p.size > before ? undefined : [...seen];
}
