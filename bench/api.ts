/**
 * API latency benchmark (`npm run bench:api`, also run by `npm run bench`): the demo ledger
 * (100 k customers, 1 M items; BENCH_CUSTOMERS / BENCH_ITEMS shrink it) plus one customer with
 * 1,000 open items, on the PostgreSQL server (RELANCE_BENCH_DATABASE_URL or DATABASE_URL;
 * embedded PGlite otherwise), served by `buildServer` on a loopback port. Each target gets an
 * open-loop load — requests started at a fixed rate (default 200/s for 20 s;
 * BENCH_API_RATE, BENCH_API_SECONDS) whatever the answers, over keep-alive connections — and
 * its p50 / p99 latency is compared with a bare GET /health measured the same way in the same
 * run. Answers come from the response cache once computed (docs/adr/0010-response-cache.md);
 * "after a change" times the first request after a write (a note added through the API),
 * which empties the cache. Writes the `api` section of bench/RESULTS.md (bench/out/RESULTS.md
 * when shrunk).
 */
import http from 'node:http';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { ensureCompany } from '../src/store/companies.ts';
import { importFile } from '../src/imports/import-file.ts';
import { createApiToken } from '../src/auth/api-tokens.ts';
import { CLI_ACTOR } from '../src/auth/audit.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import {
  generateBenchFiles,
  writeBigCustomerFiles,
  BIG_CUSTOMER,
  BENCH_AS_OF,
} from './generate.ts';
import { pgliteBackend, postgresBackend, serverUrl, serverVersion } from './backends.ts';
import { describeMachine } from './machine.ts';
import { writeSection } from './sections.ts';
import { BENCH_COMPANY } from './import-steps.ts';

const FULL = { customers: 100_000, items: 1_000_000 };
const GOAL_P99_MS = 50;

function count(name: string, fallback: number): number {
  const text = process.env[name];
  const value = text === undefined || text === '' ? fallback : Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

const customers = count('BENCH_CUSTOMERS', FULL.customers);
const items = count('BENCH_ITEMS', FULL.items);
const rate = count('BENCH_API_RATE', 200);
const seconds = count('BENCH_API_SECONDS', 20);
const full = customers === FULL.customers && items === FULL.items;
const outDir = fileURLToPath(new URL('./out/', import.meta.url));
await mkdir(outDir, { recursive: true });

interface Figures {
  readonly target: string;
  /** Median of 20 requests sent one after the other: the time one request takes alone. */
  readonly alone: number;
  /** Median of 5 requests each sent just after a write: computed, not from the cache. */
  readonly afterChange: number | undefined;
  readonly sent: number;
  readonly ok: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** Starts `rate` requests a second for `seconds` (open loop) and times each answer. */
async function load(
  base: string,
  path: string,
  token: string,
  change?: () => Promise<void>,
): Promise<Figures> {
  const once = async () => {
    const t = performance.now();
    await fetch(new URL(path, base), { headers: { authorization: `Bearer ${token}` } }).then((r) =>
      r.arrayBuffer(),
    );
    return performance.now() - t;
  };
  const afterChange: number[] = [];
  for (let i = 0; change && i < 5; i += 1) {
    await change();
    afterChange.push(await once());
  }
  afterChange.sort((a, b) => a - b);
  const alone: number[] = [];
  for (let i = 0; i < 20; i += 1) alone.push(await once());
  alone.sort((a, b) => a - b);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const url = new URL(path, base);
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let ok = 0;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const began = performance.now();
    pending.push(
      new Promise<void>((resolve) => {
        const req = http.get(
          url,
          { agent, headers: { authorization: `Bearer ${token}` } },
          (res) => {
            res.resume();
            res.on('end', () => {
              latencies.push(performance.now() - began);
              if (res.statusCode === 200) ok += 1;
              resolve();
            });
          },
        );
        req.on('error', () => {
          latencies.push(performance.now() - began);
          resolve();
        });
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    target: path,
    alone: alone[10] ?? 0,
    afterChange: afterChange[2],
    sent: total,
    ok,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies.at(-1) ?? 0,
  };
}

const machine = await describeMachine();
const url = serverUrl();
const backend = url ? postgresBackend(url) : pgliteBackend(outDir);
const database = await backend.open();
if (url) machine.postgres = await serverVersion(database);
const loadStart = loadavg();
let server: { url: string; child: ChildProcess } | undefined;
try {
  await ensureCompany(database.db, {
    code: BENCH_COMPANY,
    name: 'Benchmark SAS',
    country: 'FR',
    currency: 'EUR',
    timezone: 'Europe/Paris',
    locale: 'fr-FR',
  });
  const files = await generateBenchFiles(join(outDir, 'api-ledger'), customers, items);
  const big = await writeBigCustomerFiles(join(outDir, 'api-account'), 1000);
  for (const [kind, path] of [
    ['customers', files.paths.customers],
    ['contacts', files.paths.contacts],
    ['items', files.paths.items],
    ['customers', big.customers],
    ['items', big.items],
  ] as const) {
    await importFile(database, {
      kind,
      path,
      company: BENCH_COMPANY,
      asOf: BENCH_AS_OF,
      maxBytes: Infinity,
    });
  }
  await sql`analyze`.execute(database.db);
  const { token } = await createApiToken(database.db, { name: 'bench', role: 'admin' }, CLI_ACTOR);
  // The embedded database belongs to one process: close it before the server opens it.
  const where = backend.name === 'postgres' ? backend.where : undefined;
  if (!url) await database.close();
  server = await serve(
    url ? { url, schema: /schema (\S+)$/.exec(where ?? '')?.[1] } : { dataDir: backend.where },
  );
  const targets = [
    '/health',
    `/api/customers?company=${BENCH_COMPANY}&sort=overdue&order=desc&pageSize=50`,
    `/api/customers/${BIG_CUSTOMER}/account?company=${BENCH_COMPANY}`,
  ];
  // Warm-up: a few requests each, not measured.
  for (const t of targets) {
    for (let i = 0; i < 5; i += 1)
      await fetch(new URL(t, server.url), { headers: { authorization: `Bearer ${token}` } }).then(
        (r) => r.arrayBuffer(),
      );
  }
  // A write the cached answers depend on: a note in the big customer's timeline.
  const change = async () => {
    const r = await fetch(
      new URL(`/api/customers/${BIG_CUSTOMER}/notes?company=${BENCH_COMPANY}`, server!.url),
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'benchmark: a change' }),
      },
    );
    if (r.status !== 201) throw new Error(`adding a note answered ${r.status}: ${await r.text()}`);
  };
  const results: Figures[] = [];
  for (const t of targets) {
    const f = await load(server.url, t, token, t === '/health' ? undefined : change);
    results.push(f);
    process.stdout.write(
      `${t}: p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, ${f.ok}/${f.sent} ok\n`,
    );
  }
  const baseline = results[0]!;
  const rows = results.map(
    (f) =>
      `| \`${f.target.replace(/\?.*$/, '')}\`${f.target.includes('sort=overdue') ? ' (50 rows by overdue)' : ''} | ${f.afterChange === undefined ? '—' : `${f.afterChange.toFixed(1)} ms`} | ${f.alone.toFixed(1)} ms | ${f.ok}/${f.sent} | ${f.p50.toFixed(1)} ms | ${f.p99.toFixed(1)} ms | ${f.max.toFixed(0)} ms | ${(f.p50 / Math.max(baseline.p50, 0.001)).toFixed(1)}× | ${(f.p99 / Math.max(baseline.p99, 0.001)).toFixed(1)}× | ${f.target === '/health' ? 'baseline' : f.p99 <= GOAL_P99_MS ? 'met' : 'not met'} |`,
  );
  const loadEnd = loadavg();
  const markdown = `## API latency

Measured ${new Date().toISOString().slice(0, 10)} on ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB, Node ${machine.node}, ${url ? machine.postgres : `PGlite ${machine.pglite}`}.
Ledger: ${customers.toLocaleString('en')} customers, ${items.toLocaleString('en')} items, plus one customer with 1,000 open items. Load: ${rate} requests/s for ${seconds} s per target, open loop, keep-alive, API token, no writes during the load (answers from the response cache); goal p99 ≤ ${GOAL_P99_MS} ms.

| Target | after a change (p50 of 5, uncached) | alone (p50 of 20 in a row) | OK / sent under load | p50 | p99 | max | p50 vs /health | p99 vs /health | goal |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${rows.join('\n')}

Load average (1 / 5 / 15 min) at start ${loadStart.map((l) => l.toFixed(2)).join(' / ')}, at end ${loadEnd.map((l) => l.toFixed(2)).join(' / ')}.
`;
  process.stdout.write(markdown);
  await writeSection(
    full ? fileURLToPath(new URL('./RESULTS.md', import.meta.url)) : join(outDir, 'RESULTS.md'),
    'api',
    markdown,
  );
} finally {
  if (server) {
    const exited = new Promise((r) => server!.child.on('exit', r));
    server.child.kill('SIGTERM');
    await exited;
  }
  if (url) await database.close();
  await backend.cleanup();
}

/** Starts bench/api-server-child.ts on the loaded database; resolves with its URL. */
function serve(target: { url?: string; schema?: string | undefined; dataDir?: string }) {
  const script = fileURLToPath(new URL('./api-server-child.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(target)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise<{ url: string; child: ChildProcess }>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening (\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, child });
    });
    child.on('exit', (code) => reject(new Error(`the API server exited (${code}): ${out}`)));
  });
}
