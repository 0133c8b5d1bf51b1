import { readFile } from 'node:fs/promises';
import { cpus, release, totalmem, type as osType } from 'node:os';
import { heapLimitMb } from './measure.ts';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly ramGb: number;
  readonly os: string;
  readonly node: string;
  readonly pglite: string;
  /** Filled in once the server has been reached; 'not measured' otherwise. */
  postgres: string;
}

/** Describes the machine the benchmark runs on (CPU from /proc/cpuinfo, RAM, versions). */
export async function describeMachine(): Promise<Machine> {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? '?';
  const pkg = await readFile(
    new URL('../node_modules/@electric-sql/pglite/package.json', import.meta.url),
    'utf8',
  ).catch(() => '{}');
  const pglite = (JSON.parse(pkg) as { version?: string }).version ?? 'unknown';
  return {
    cpu: model,
    cores: cpus().length,
    ramGb: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    node: `${process.version} (V8 heap limit ${heapLimitMb()} MiB)`,
    pglite,
    postgres: 'not measured (set RELANCE_BENCH_DATABASE_URL)',
  };
}
