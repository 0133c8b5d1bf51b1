/**
 * Planning benchmark (`npm run bench:plan`, also run by `npm run bench`): the daily dunning
 * run over the demo ledger (100 k customers, 1 M items) on embedded PGlite and, when
 * RELANCE_BENCH_DATABASE_URL or DATABASE_URL is set, on that PostgreSQL server. Each step runs
 * in its own process (bench/plan-child.ts) so its peak resident memory is its own. The floor,
 * measured in the same run, is one query that reads the open-item rows the planner needs
 * (customer, currency, due date, open amount, flags) ordered by customer. Writes its section
 * of bench/RESULTS.md (bench/out/RESULTS.md for a shrunk workload).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { redactUrl } from '../src/store/database.ts';
import { generateBenchFiles, BENCH_AS_OF } from './generate.ts';
import { serverUrl } from './backends.ts';
import { describeMachine } from './machine.ts';
import { writeSection } from './sections.ts';
import type { ChildResult, ChildTarget } from './plan-child.ts';

const run = promisify(execFile);
const FULL = { customers: 100_000, items: 1_000_000 };
const GOALS = { ratio: 1.5, serverSeconds: 10, rssMb: 500 };

function count(name: string, fallback: number): number {
  const text = process.env[name];
  const value = text === undefined || text === '' ? fallback : Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a count`);
  return value;
}

async function child(step: string, target: ChildTarget): Promise<ChildResult> {
  const script = fileURLToPath(new URL('./plan-child.ts', import.meta.url));
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', '--max-old-space-size=8192', script, step, JSON.stringify(target)],
    { maxBuffer: 1 << 20 },
  );
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as ChildResult;
}

interface BackendFigures {
  readonly name: string;
  readonly where: string;
  readonly setup: ChildResult;
  readonly open: ChildResult;
  readonly floor: ChildResult;
  readonly dry: ChildResult;
  readonly real: ChildResult;
}

async function measure(
  name: string,
  where: string,
  target: ChildTarget,
  files: ChildTarget['files'],
  log: (line: string) => void,
): Promise<BackendFigures> {
  log(`\n== ${name}: ${where}`);
  const setup = await child('setup', { ...target, files });
  log(
    `setup (import customers, contacts, items): ${setup.rows} rows in ${setup.seconds.toFixed(1)} s`,
  );
  const open = await child('open', target);
  log(`open only (memory baseline): peak RSS ${open.peakRssMb} MB`);
  const floor = await child('floor', target);
  log(
    `floor (one query, ${floor.rows} open-item rows): ${floor.seconds.toFixed(2)} s, peak RSS ${floor.peakRssMb} MB`,
  );
  const dry = await child('dry', target);
  log(
    `dry run: ${dry.customers} customers, ${dry.actions} actions, ${dry.skips} skips in ` +
      `${dry.seconds.toFixed(2)} s (${(dry.seconds / floor.seconds).toFixed(2)}× floor), peak RSS ${dry.peakRssMb} MB`,
  );
  const real = await child('real', target);
  log(
    `real run: ${real.actions} actions stored in ${real.seconds.toFixed(2)} s ` +
      `(${(real.seconds / floor.seconds).toFixed(2)}× floor), peak RSS ${real.peakRssMb} MB`,
  );
  return { name, where, setup, open, floor, dry, real };
}

function section(
  date: string,
  machine: Awaited<ReturnType<typeof describeMachine>>,
  customers: number,
  items: number,
  results: readonly BackendFigures[],
  notes: readonly string[],
): string {
  const ratio = (x: ChildResult, f: ChildResult) => `${(x.seconds / f.seconds).toFixed(2)}×`;
  const rows = results.flatMap((r) => [
    `| ${r.name} | open the database only (memory baseline) | — | — | ${r.open.peakRssMb} MB |`,
    `| ${r.name} | floor: one query, ${r.floor.rows.toLocaleString('en')} rows | ${r.floor.seconds.toFixed(2)} s | 1.00× | ${r.floor.peakRssMb} MB |`,
    `| ${r.name} | dry run (${r.dry.actions?.toLocaleString('en')} actions, ${r.dry.skips?.toLocaleString('en')} skips) | ${r.dry.seconds.toFixed(2)} s | ${ratio(r.dry, r.floor)} | ${r.dry.peakRssMb} MB |`,
    `| ${r.name} | real run (stores actions + timeline) | ${r.real.seconds.toFixed(2)} s | ${ratio(r.real, r.floor)} | ${r.real.peakRssMb} MB |`,
  ]);
  return `## Planning: the daily dunning run

Produced by \`npm run bench:plan\` (bench/plan.ts) on ${date}: ${machine.cpu}, ${machine.cores} cores,
Node ${machine.node}. Workload: the deterministic demo ledger, ${customers.toLocaleString('en')} customers and
${items.toLocaleString('en')} items, run as of ${BENCH_AS_OF} (default scenarios), each step in its own
process so its peak resident memory (RSS) is its own. The floor is one query that reads the open-item
rows the planner needs (customer, currency, due date, open amount, flags) ordered by customer, into
JavaScript, measured in the same run on the same back-end. Goals: ≤ ${GOALS.ratio}× the floor,
≤ ${GOALS.serverSeconds} s on the PostgreSQL server, ≤ ${GOALS.rssMb} MB peak RSS for the run.

| back-end | step | time | vs floor | peak RSS |
|---|---|---|---|---|
${rows.join('\n')}

${notes.map((n) => `- ${n}`).join('\n')}
`;
}

async function main(): Promise<void> {
  const benchDir = fileURLToPath(new URL('.', import.meta.url));
  const outDir = join(benchDir, 'out');
  await mkdir(outDir, { recursive: true });
  const customers = count('RELANCE_BENCH_CUSTOMERS', FULL.customers);
  const items = count('RELANCE_BENCH_ITEMS', FULL.items);
  const full = customers === FULL.customers && items === FULL.items;
  const date = new Date().toISOString();
  const machine = await describeMachine();
  const log = (line: string) => console.log(line);
  const loadStart = loadavg();
  log(`Relance planning benchmark, ${date}`);
  const generated = await generateBenchFiles(join(outDir, 'plan-demo'), customers, items);
  const files = {
    customers: generated.paths.customers,
    contacts: generated.paths.contacts,
    items: generated.paths.items,
  };
  log(`generated ${customers} customers / ${items} items in ${generated.seconds.toFixed(1)} s`);
  const results: BackendFigures[] = [];
  const notes: string[] = [];

  const dataDir = join(outDir, `plan-pglite-${randomBytes(3).toString('hex')}`);
  try {
    results.push(await measure('pglite', 'data folder on disk', { dataDir }, files, log));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }

  const url = serverUrl();
  if (url) {
    const schema = `bench_plan_${randomBytes(4).toString('hex')}`;
    const admin = async (text: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(text);
      } finally {
        await client.end();
      }
    };
    await admin(`create schema ${schema}`);
    try {
      results.push(
        await measure(
          'postgres',
          `${redactUrl(url)} schema ${schema}`,
          { url, schema },
          files,
          log,
        ),
      );
    } finally {
      await admin(`drop schema ${schema} cascade`);
    }
  } else notes.push('PostgreSQL server not measured: RELANCE_BENCH_DATABASE_URL was not set.');

  for (const r of results) {
    const met = [
      r.dry.seconds / r.floor.seconds <= GOALS.ratio ? 'dry run within' : 'dry run OVER',
      `${GOALS.ratio}× the floor;`,
      r.dry.peakRssMb <= GOALS.rssMb && r.real.peakRssMb <= GOALS.rssMb
        ? `peak RSS within ${GOALS.rssMb} MB`
        : `peak RSS OVER ${GOALS.rssMb} MB`,
    ];
    if (r.name === 'postgres') {
      met.push(
        r.real.seconds <= GOALS.serverSeconds && r.dry.seconds <= GOALS.serverSeconds
          ? `; within ${GOALS.serverSeconds} s on the server`
          : `; OVER ${GOALS.serverSeconds} s on the server`,
      );
    }
    notes.push(`${r.name}: ${met.join(' ')}.`);
  }
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  notes.push(
    `Load average (1 / 5 / 15 min) at start ${load(loadStart)}, at end ${load(loadavg())}.`,
  );
  const target = full ? join(benchDir, 'RESULTS.md') : join(outDir, 'RESULTS.md');
  await writeSection(target, 'plan', section(date, machine, customers, items, results, notes));
  log(`\nwrote the planning section of ${target}`);
}

await main();
