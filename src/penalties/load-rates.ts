import { join, resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { AppError, type Problem } from '../core/errors.ts';
import { parseLocalDate } from '../core/calendar/local-date.ts';
import { didYouMean } from '../core/text/closest.ts';
import {
  RATE_RULE,
  RATE_SERIES,
  halfYearLabel,
  isHalfYearStart,
  isRateSeries,
  parseRatePercent,
  type RateSeries,
  type ReferenceRates,
} from '../core/penalties/reference-rates.ts';
import { SHIPPED_RATES_FILE, readRatesFile, writeRatesFile, type RateEntry } from './rates-file.ts';

/**
 * The reference rates in force: the table shipped with Relance (read-only), extended and
 * overridden by the user rate file — RELANCE_RATES_FILE, or `rates.yaml` in the data
 * folder — which `relance rates add` writes.
 */
export interface LoadedRate extends RateEntry {
  readonly source: 'shipped' | 'user';
  /** The shipped value this user entry replaces, if any. */
  readonly replaces?: string;
}

export interface LoadedRates {
  readonly rates: ReferenceRates;
  /** Every rate in force, by series then half-year. */
  readonly entries: readonly LoadedRate[];
  readonly shippedFile: string;
  readonly userFile: string;
}

/** Where user rates are kept: RELANCE_RATES_FILE, else `rates.yaml` in the data folder. */
export function userRatesFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RELANCE_RATES_FILE) return resolve(env.RELANCE_RATES_FILE);
  return resolve(join(loadConfig(env).dataDir, 'rates.yaml'));
}

export async function loadReferenceRates(
  env: NodeJS.ProcessEnv = process.env,
): Promise<LoadedRates> {
  const userFile = userRatesFile(env);
  const shipped = await readRatesFile(SHIPPED_RATES_FILE);
  const user = await readRatesFile(userFile, { missingOk: true });
  const byKey = new Map<string, LoadedRate>();
  for (const e of shipped) byKey.set(`${e.series}|${e.from}`, { ...e, source: 'shipped' });
  for (const e of user) {
    const before = byKey.get(`${e.series}|${e.from}`);
    byKey.set(`${e.series}|${e.from}`, {
      ...e,
      source: 'user',
      ...(before?.source === 'shipped' ? { replaces: before.percent } : {}),
    });
  }
  const entries = [...byKey.values()].sort(
    (a, b) =>
      RATE_SERIES.indexOf(a.series) - RATE_SERIES.indexOf(b.series) || a.from.localeCompare(b.from),
  );
  const rates: Partial<Record<RateSeries, Record<string, string>>> = {};
  for (const e of entries) (rates[e.series] ??= {})[e.from] = e.percent;
  return { rates, entries, shippedFile: SHIPPED_RATES_FILE, userFile };
}

export interface AddRateResult {
  readonly series: RateSeries;
  readonly from: string;
  readonly halfYear: string;
  readonly percent: string;
  readonly status: 'added' | 'replaced' | 'unchanged';
  /** The value in force before, when replaced. */
  readonly previous?: string;
  readonly file: string;
}

/** Checks `relance rates add SERIES DATE PERCENT`, every problem at once. */
export function checkNewRate(series: string, from: string, percent: string) {
  const problems: Problem[] = [];
  const name = series.toUpperCase();
  if (!isRateSeries(name)) {
    problems.push({
      field: 'series',
      value: series,
      expected: `one of ${RATE_SERIES.join(', ')}${didYouMean(series, RATE_SERIES)}`,
    });
  }
  if (!isHalfYearStart(from)) {
    const year = /^\d{4}/.exec(from)?.[0] ?? '2027';
    const valid = parseLocalDate(from) !== null;
    problems.push({
      field: 'date',
      value: from,
      expected:
        `the first day of a half-year, ${year}-01-01 or ${year}-07-01` +
        (valid ? ': reference rates change only on 1 January and 1 July' : ' (YYYY-MM-DD)'),
    });
  }
  if (parseRatePercent(percent) === null) {
    problems.push({ field: 'percent', value: percent, expected: RATE_RULE });
  }
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new AppError('INVALID_INPUT', `cannot add the rate: ${count}`, problems);
  }
  return { series: name as RateSeries, from, percent: percent.trim() };
}

/**
 * Adds one rate to the user rate file. A half-year that already has a different value
 * (shipped or added) is changed only with `replace`; the same value changes nothing.
 */
export async function addReferenceRate(
  input: { series: string; from: string; percent: string; replace?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): Promise<AddRateResult> {
  const rate = checkNewRate(input.series, input.from, input.percent);
  const loaded = await loadReferenceRates(env);
  const file = loaded.userFile;
  const current = loaded.entries.find((e) => e.series === rate.series && e.from === rate.from);
  const result = { ...rate, halfYear: halfYearLabel(rate.from), file };
  const same = current !== undefined && sameRate(current.percent, rate.percent);
  if (same) return { ...result, status: 'unchanged' };
  if (current !== undefined && !input.replace) {
    const where = current.source === 'user' ? `in ${file}` : 'in the shipped table';
    throw new AppError(
      'INVALID_INPUT',
      `${rate.series} already has ${current.percent} for ${result.halfYear} (${where})`,
      [
        {
          field: 'percent',
          value: rate.percent,
          expected: `${current.percent}, the rate already recorded ${where}; add --replace to change it`,
        },
      ],
    );
  }
  const user = await readRatesFile(file, { missingOk: true });
  const kept = user.filter((e) => !(e.series === rate.series && e.from === rate.from));
  await writeRatesFile(file, [...kept, rate]);
  return current === undefined
    ? { ...result, status: 'added' }
    : { ...result, status: 'replaced', previous: current.percent };
}

function sameRate(a: string, b: string): boolean {
  const x = parseRatePercent(a);
  const y = parseRatePercent(b);
  return x !== null && y !== null && x.n === y.n && x.d === y.d;
}
