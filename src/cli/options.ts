import { InvalidArgumentError } from 'commander';
import { parseLocalDate } from '../core/calendar/local-date.ts';

export function parseDateOption(value: string): string {
  const date = parseLocalDate(value);
  if (!date)
    throw new InvalidArgumentError(`got "${value}", expected a valid date written YYYY-MM-DD`);
  return date;
}

export function parsePositiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError(`got "${value}", expected a positive number`);
  return n;
}

export function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new InvalidArgumentError(`got "${value}", expected a whole number ≥ 0`);
  return n;
}
