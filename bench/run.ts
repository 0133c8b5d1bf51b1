/**
 * Relance benchmark (`npm run bench`): generates the demo ledger (100 k customers, 1 M items),
 * imports it into embedded PGlite (data folder on disk) and, when RELANCE_BENCH_DATABASE_URL
 * or DATABASE_URL is set, into a fresh schema of that PostgreSQL server; compares each import
 * with a raw COPY of the same file and the account computation with a bare select, both
 * measured in the same run; prints the figures and rewrites bench/RESULTS.md.
 *
 * RELANCE_BENCH_CUSTOMERS / RELANCE_BENCH_ITEMS shrink the workload for a quick try; such runs
 * write bench/out/RESULTS.md instead of bench/RESULTS.md.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { respawnWithBigHeap } from './measure.ts';
import { describeMachine } from './machine.ts';
import { generateBenchFiles } from './generate.ts';
import { pgliteBackend, postgresBackend, serverUrl, type BenchBackend } from './backends.ts';
import { runBackend, type BackendResult } from './run-backend.ts';
import { figuresTable, phasesTable, interpretation } from './report.ts';
import { writeResultsFile } from './results-file.ts';

const FULL = { customers: 100_000, items: 1_000_000 };

function count(name: string, fallback: number): number {
  const text = process.env[name];
  const value = text === undefined || text === '' ? fallback : Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a count`);
  return value;
}

async function main(): Promise<void> {
  const benchDir = fileURLToPath(new URL('.', import.meta.url));
  const outDir = join(benchDir, 'out');
  await mkdir(outDir, { recursive: true });
  const customers = count('RELANCE_BENCH_CUSTOMERS', FULL.customers);
  const items = count('RELANCE_BENCH_ITEMS', FULL.items);
  const full = customers === FULL.customers && items === FULL.items;
  const date = new Date().toISOString();
  const loadStart = loadavg();
  const machine = await describeMachine();
  const log = (line: string) => console.log(line);
  log(`Relance benchmark, ${date}`);
  log(`${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GiB, Node ${machine.node}`);

  const files = await generateBenchFiles(join(outDir, 'demo'), customers, items);
  log(
    `generated ${customers} customers / ${items} items ` +
      `(items.csv ${(files.itemsBytes / 1e6).toFixed(1)} MB) in ${files.seconds.toFixed(2)} s`,
  );

  const url = serverUrl();
  const backends: BenchBackend[] = [pgliteBackend(outDir)];
  const notes: string[] = [];
  if (url) backends.push(postgresBackend(url));
  else notes.push('PostgreSQL server not measured: RELANCE_BENCH_DATABASE_URL was not set.');

  const results: BackendResult[] = [];
  for (const backend of backends) {
    try {
      const result = await runBackend(backend, files, outDir, log);
      if (result.name === 'postgres') machine.postgres = result.version;
      if (result.dataBytes !== undefined) {
        notes.push(
          `${result.name}: ${(result.dataBytes / 1e6).toFixed(0)} MB of data after the run ` +
            `(${backend.name === 'pglite' ? 'data folder' : 'tables + indexes of the schema'}).`,
        );
      }
      results.push(result);
    } catch (error) {
      process.exitCode = 1;
      console.error(`${backend.name} failed:`, error);
      notes.push(`${backend.name} failed: ${String(error)}`);
    }
  }

  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  notes.push(
    `Load average (1 / 5 / 15 min) at start ${load(loadStart)}, at end ${load(loadavg())}; ` +
      `the benchmark and the server keep 1–2 of the ${machine.cores} cores busy; more means other processes competed.`,
  );
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  notes.push(`Peak resident memory of the benchmark process: ${peakMb} MB.`);
  log('\n' + figuresTable(files, results));
  log('\n' + phasesTable(results));
  log('\n' + interpretation(results));
  const target = full ? join(benchDir, 'RESULTS.md') : join(outDir, 'RESULTS.md');
  await writeResultsFile(target, { machine, date, files, results, notes });
  log(`\nwrote ${target}`);
}

if (!respawnWithBigHeap()) await main();
