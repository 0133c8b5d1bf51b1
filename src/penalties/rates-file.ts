import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, isMap, isScalar, parseDocument, type Node } from 'yaml';
import { AppError, type Problem } from '../core/errors.ts';
import { didYouMean } from '../core/text/closest.ts';
import {
  RATE_RULE,
  RATE_SERIES,
  isHalfYearStart,
  isRateSeries,
  parseRatePercent,
  type RateSeries,
} from '../core/penalties/reference-rates.ts';

/**
 * Rate files: YAML maps of series (ECB, FR_LEGAL, DE_BASIS, UK_BASE) to rates by
 * half-year, `2025-07-01: 2.15`. Every problem of a file is reported at once, each
 * naming the entry and its line.
 */
export interface RateEntry {
  readonly series: RateSeries;
  /** First day of the half-year. */
  readonly from: string;
  /** Percent as written in the file ('4.50'). */
  readonly percent: string;
  /** Line of the entry in its file (1-based). */
  readonly line: number;
}

/** The table shipped with Relance (read-only). */
export const SHIPPED_RATES_FILE = fileURLToPath(new URL('./reference-rates.yaml', import.meta.url));

export const MAX_RATES_FILE_BYTES = 1_000_000;

const SERIES_LIST = `${RATE_SERIES.slice(0, -1).join(', ')} or ${RATE_SERIES[RATE_SERIES.length - 1]}`;

/** Reads and checks a rate file; a missing file is NOT_FOUND unless `missingOk` (then empty). */
export async function readRatesFile(
  path: string,
  options: { missingOk?: boolean } = {},
): Promise<RateEntry[]> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && options.missingOk) return [];
    throw new AppError('NOT_FOUND', `rate file ${path} does not exist or cannot be read`, [
      { field: 'file', value: path, expected: 'a readable YAML rate file' },
    ]);
  }
  const name = basename(path);
  if (data.length > MAX_RATES_FILE_BYTES) {
    throw new AppError('INVALID_FILE', `${name} is larger than ${MAX_RATES_FILE_BYTES} bytes`, [
      { field: 'file', value: `${data.length} bytes`, expected: 'a small YAML rate file' },
    ]);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new AppError('INVALID_FILE', `${name} is not UTF-8 text`, [
      { field: 'file', value: name, expected: 'UTF-8 encoded YAML' },
    ]);
  }
  return parseRatesText(text, name);
}

/** Parses and checks the text of a rate file (`name` appears in messages). */
export function parseRatesText(text: string, name: string): RateEntry[] {
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), {
    lineCounter: lines,
    uniqueKeys: true,
    prettyErrors: true,
  });
  const [syntax] = doc.errors;
  if (syntax) {
    const pos = syntax.linePos?.[0] ?? { line: 1, col: 1 };
    const what = (syntax.message.split('\n')[0] ?? syntax.code).replace(/ at line \d+.*$/, '');
    throw new AppError('INVALID_FILE', `${name} is not valid YAML: line ${pos.line}: ${what}`, [
      {
        field: `file (line ${pos.line})`,
        value: `line ${pos.line}, column ${pos.col}`,
        expected: `valid YAML: ${what}`,
      },
    ]);
  }
  const lineOf = (node: Node | null | unknown): number =>
    lines.linePos((node as Node | null)?.range?.[0] ?? 0).line;
  const problems: Problem[] = [];
  const entries: RateEntry[] = [];
  const root = doc.contents;
  if (root !== null && !isMap(root)) {
    problems.push({
      field: `file (line ${lineOf(root)})`,
      expected: `series names (${SERIES_LIST}), each with rates by half-year like "2025-07-01: 2.15"`,
    });
  }
  for (const pair of isMap(root) ? root.items : []) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const at = (field: string, node: unknown) => `${field} (line ${lineOf(node)})`;
    if (!isRateSeries(key)) {
      problems.push({
        field: at(key, pair.key),
        expected: `a series name: ${SERIES_LIST}${didYouMean(key, RATE_SERIES)}`,
      });
      continue;
    }
    const series = pair.value;
    if (series === null || (isScalar(series) && series.value === null)) continue;
    if (!isMap(series)) {
      problems.push({
        field: at(key, series),
        expected: 'rates by half-year, one per line, like "2025-07-01: 2.15"',
      });
      continue;
    }
    for (const item of series.items) {
      const from = isScalar(item.key) ? String(item.key.value) : String(item.key);
      const field = at(`${key}.${from}`, item.key);
      if (!isHalfYearStart(from)) {
        problems.push({
          field,
          value: from,
          expected: 'the first day of a half-year: YYYY-01-01 or YYYY-07-01',
        });
      }
      const value = isScalar(item.value) ? item.value : undefined;
      const raw = value?.value;
      const percent =
        typeof raw === 'number' || typeof raw === 'string' ? (value?.source ?? String(raw)) : '';
      if (parseRatePercent(percent) === null) {
        problems.push({ field, value: percent, expected: RATE_RULE });
      } else if (isHalfYearStart(from)) {
        entries.push({ series: key, from, percent: percent.trim(), line: lineOf(item.key) });
      }
    }
  }
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new AppError('INVALID_FILE', `${name}: ${count} in the rate file`, problems);
  }
  return entries;
}

/** YAML text of a rate file: series in their usual order, half-years ascending. */
export function ratesFileText(entries: readonly Omit<RateEntry, 'line'>[]): string {
  const out = [
    '# Reference rates added with `relance rates add` (percent, by half-year).',
    '# They extend the table shipped with Relance and win over it; see docs/penalties.md.',
  ];
  for (const series of RATE_SERIES) {
    const list = entries
      .filter((e) => e.series === series)
      .sort((a, b) => a.from.localeCompare(b.from));
    if (list.length === 0) continue;
    out.push(`${series}:`, ...list.map((e) => `  ${e.from}: ${e.percent}`));
  }
  return out.join('\n') + '\n';
}

/** Writes a rate file whole (temporary file, then rename), creating its folder. */
export async function writeRatesFile(
  path: string,
  entries: readonly Omit<RateEntry, 'line'>[],
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await writeFile(temporary, ratesFileText(entries));
  await rename(temporary, path);
}
