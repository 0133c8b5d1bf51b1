import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * The importer holds a whole file in memory: 1 M items peak at about 2.2 GB resident. Node's
 * default heap limit depends on the machine's RAM; below this many MiB the benchmark re-runs
 * itself with --max-old-space-size=8192 (the figures are otherwise taken with the defaults,
 * as the CLI runs).
 */
const MIN_HEAP_MB = 4000;
const BIG_HEAP_MB = 8192;
const CHILD_FLAG = 'RELANCE_BENCH_CHILD';

/** Re-runs this script with a bigger heap if needed; true when the caller must stop. */
export function respawnWithBigHeap(): boolean {
  const heapMb = getHeapStatistics().heap_size_limit / 2 ** 20;
  if (heapMb >= MIN_HEAP_MB || process.env[CHILD_FLAG] === '1') return false;
  const script = process.argv[1];
  if (script === undefined) return false;
  const args = [...process.execArgv, `--max-old-space-size=${BIG_HEAP_MB}`, script];
  const child = spawnSync(process.execPath, [...args, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, [CHILD_FLAG]: '1' },
  });
  process.exitCode = child.status ?? 1;
  return true;
}

/** The heap limit in MiB, for the report. */
export function heapLimitMb(): number {
  return Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
}

setFlagsFromString('--expose-gc');
const fullGc = runInNewContext('gc') as () => void;

/** Full garbage collection, so one step's garbage is not billed to the next. */
export function collectGarbage(): void {
  fullGc();
}

export function now(): number {
  return performance.now();
}

/** Runs `fn` and returns its result with the elapsed wall time in seconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  collectGarbage();
  const start = now();
  const value = await fn();
  return { value, seconds: (now() - start) / 1000 };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median wall time in milliseconds of `runs` calls of `fn`, after `warmups` untimed calls. */
export async function medianMs(
  fn: () => Promise<unknown>,
  runs: number,
  warmups: number,
): Promise<{ medianMs: number; minMs: number; maxMs: number }> {
  for (let i = 0; i < warmups; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    await fn();
    times.push(now() - start);
  }
  return { medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times) };
}

/**
 * Timestamps of importFile's progress phases, to split an import's wall time from outside:
 * read + parse (until 'validate' starts), validate (until 'load' starts), COPY into the
 * staging table (until 'load' reports every row) and the rest (upsert + commit).
 */
export class PhaseClock {
  private readonly start = now();
  private validateAt: number | undefined;
  private loadAt: number | undefined;
  private stagedAt: number | undefined;

  readonly onProgress = (phase: string, done: number, total: number): void => {
    const t = now();
    if (phase === 'validate') this.validateAt ??= t;
    if (phase === 'load' && done === 0) this.loadAt ??= t;
    if (phase === 'load' && done === total) this.stagedAt = t;
  };

  /** Seconds per phase, given the time the import returned. */
  phases(end: number): Record<string, number> {
    const s = (from: number, to: number) => (to - from) / 1000;
    const validate = this.validateAt ?? end;
    if (this.loadAt === undefined) {
      return { 'read + parse CSV': s(this.start, validate), 'validate + apply': s(validate, end) };
    }
    const staged = this.stagedAt ?? this.loadAt;
    return {
      'read + parse CSV': s(this.start, validate),
      'validate (+ customer lookup)': s(validate, this.loadAt),
      'COPY to staging': s(this.loadAt, staged),
      'upsert + commit': s(staged, end),
    };
  }
}
