/**
 * Delivery benchmark (`node --import tsx bench/delivery.ts`): e-mails with a 30 KB PDF-like
 * attachment to a loopback SMTP server (its own process, bench/smtp-sink-child.ts).
 *
 *   a. the outbox: 2 workers draining one queue (on the PostgreSQL server: two connection
 *      pools, as two processes would; on PGlite: one database), each with its own pooled SMTP
 *      transport — claim, re-check, compose (built-in composer), send, record, per message;
 *   b. the baseline in the same run: a bare nodemailer loop over one pooled transport with
 *      as many messages in flight, sending the same messages already composed.
 *
 * Setup (import, dunning run, enqueue) is timed apart. RELANCE_BENCH_MESSAGES (default
 * 10,000), RELANCE_BENCH_CONCURRENCY (per worker, default 4); the server of
 * RELANCE_BENCH_DATABASE_URL or DATABASE_URL when set, else embedded PGlite. Writes the
 * `delivery` section of bench/RESULTS.md (bench/out/RESULTS.md for fewer messages).
 */
import { fork } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/store/database.ts';
import { importFile } from '../src/imports/import-file.ts';
import { runDunning } from '../src/runs/run-dunning.ts';
import { enqueueActions } from '../src/delivery/enqueue.ts';
import { basicComposer } from '../src/delivery/basic-composer.ts';
import type { Composer } from '../src/delivery/composer.ts';
import { createSmtpSender } from '../src/delivery/smtp-sender.ts';
import { createWorker } from '../src/delivery/worker.ts';
import { pgliteBackend, postgresBackend, serverUrl, type BenchBackend } from './backends.ts';
import { describeMachine } from './machine.ts';
import { writeSection } from './sections.ts';

const FULL = 10_000;
const GOAL = 300;
const AS_OF = '2026-03-10';
const FROM = { name: 'Bench Credit', address: 'credit@bench.example' };
const count = (name: string, fallback: number) => {
  const v = Number(process.env[name] || fallback);
  if (!Number.isSafeInteger(v) || v <= 0) throw new Error(`${name} must be a count`);
  return v;
};
const messages = count('RELANCE_BENCH_MESSAGES', FULL);
const concurrency = count('RELANCE_BENCH_CONCURRENCY', 8);
const outDir = fileURLToPath(new URL('./out/', import.meta.url));

/** 30 KB that look like a PDF: header, deterministic bytes, trailer. */
function pdfLike(): Buffer {
  const body = Buffer.alloc(30 * 1024 - 20);
  let x = 2463534242;
  for (let i = 0; i < body.length; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    body[i] = x & 0xff;
  }
  return Buffer.concat([Buffer.from('%PDF-1.7\n'), body, Buffer.from('\n%%EOF\n')]);
}
const ATTACHMENT = pdfLike();

function composer(): Composer {
  const basic = basicComposer({ fromFor: () => FROM });
  return async (db, row) => {
    const email = await basic(db, row);
    return {
      ...email,
      attachments: [
        { filename: 'statement.pdf', contentType: 'application/pdf', content: ATTACHMENT },
      ],
    };
  };
}

async function startSink(): Promise<{ url: string; accepted(): Promise<number>; stop(): void }> {
  const child = fork(fileURLToPath(new URL('./smtp-sink-child.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
  });
  const port = await new Promise<number>((resolve) =>
    child.once('message', (m) => resolve((m as { port: number }).port)),
  );
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve((m as { accepted: number }).accepted));
        child.send('count');
      }),
    stop: () => child.send('stop'),
  };
}

async function seed(database: Database, dir: string) {
  const ids = Array.from({ length: messages }, (_, i) => String(i + 1).padStart(6, '0'));
  const customers = join(dir, 'customers.csv');
  const items = join(dir, 'items.csv');
  await writeFile(
    customers,
    ['code,name,country,language,currency,email,collector']
      .concat(
        ids.map(
          (i) =>
            `B${i},Bench Customer ${i} Ltd,GB,en,EUR,ap${i}@customer${i}.example,collector@bench.example`,
        ),
      )
      .join('\n') + '\n',
  );
  await writeFile(
    items,
    ['customer,number,type,issue_date,due_date,currency,amount,open_amount']
      .concat(
        ids.flatMap((i) => [
          `B${i},INV${i}A,invoice,2026-01-15,2026-02-14,EUR,1${i}.50,1${i}.50`,
          `B${i},INV${i}B,invoice,2026-02-15,2026-03-01,EUR,2${i}.25,2${i}.25`,
          `B${i},INV${i}C,invoice,2026-03-01,2026-03-31,EUR,3${i}.00,3${i}.00`,
        ]),
      )
      .join('\n') + '\n',
  );
  await importFile(database, { kind: 'customers', path: customers, asOf: AS_OF });
  await importFile(database, { kind: 'items', path: items, asOf: AS_OF });
  const run = await runDunning(database, {
    asOf: AS_OF,
    now: new Date(),
    collect: false,
    force: true,
  });
  return run.counts.actions;
}

/** The bare loop: the same messages, composed beforehand, over one pooled transport. */
async function baseline(
  url: string,
  sample: Awaited<ReturnType<Composer>>,
): Promise<{ seconds: number; cpu: number }> {
  const transport = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: 2 * concurrency,
    maxMessages: 1000,
  });
  let next = 0;
  const c0 = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: 2 * concurrency }, async () => {
      while (next < messages) {
        const i = next++;
        await transport.sendMail({
          messageId: `<baseline-${i}@bench.example>`,
          from: sample.from,
          replyTo: sample.replyTo,
          to: [{ name: `Bench ${i}`, address: `ap${i}@customer.example` }],
          subject: sample.subject,
          text: sample.text,
          html: sample.html,
          headers: { 'Auto-Submitted': 'auto-generated' },
          attachments: [
            { filename: 'statement.pdf', contentType: 'application/pdf', content: ATTACHMENT },
          ],
        });
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const c1 = process.cpuUsage(c0);
  transport.close();
  return { seconds, cpu: (c1.user + c1.system) / 1e6 };
}

async function measure(backend: BenchBackend) {
  const dir = join(outDir, `delivery-${Date.now()}`);
  await mkdir(dir, { recursive: true });
  const database = await backend.open();
  const second =
    database.backend === 'postgres'
      ? await openDatabase({
          url: serverUrl(),
          schema: (await sql<{ s: string }>`select current_schema() as s`.execute(database.db))
            .rows[0]!.s,
          migrate: false,
        })
      : database;
  const sink = await startSink();
  try {
    let t = performance.now();
    const actions = await seed(database, dir);
    const setupSeconds = (performance.now() - t) / 1000;
    const company = await database.db
      .selectFrom('companies')
      .select('id')
      .executeTakeFirstOrThrow();
    t = performance.now();
    const queued = await enqueueActions(database.db, company.id, {
      domain: 'bench.example',
      now: new Date(),
    });
    const enqueueSeconds = (performance.now() - t) / 1000;
    const row = await database.db
      .selectFrom('outbox')
      .selectAll()
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const sample = await composer()(database.db, row);

    const base = await baseline(sink.url, sample);
    const afterBaseline = await sink.accepted();

    const workers = [database, second].map((d, n) => {
      const sender = createSmtpSender({ urlFor: () => sink.url, maxConnections: concurrency });
      const worker = createWorker(d.db, {
        composer: composer(),
        sender,
        domainFor: () => 'bench.example',
        concurrency,
        name: `w${n}`,
      });
      return { worker, sender };
    });
    const cpu0 = process.cpuUsage();
    t = performance.now();
    const reports = await Promise.all(workers.map((w) => w.worker.drain()));
    const outboxSeconds = (performance.now() - t) / 1000;
    const cpu1 = process.cpuUsage(cpu0);
    const outboxCpu = (cpu1.user + cpu1.system) / 1e6;
    for (const w of workers) w.sender.close();
    const accepted = (await sink.accepted()) - afterBaseline;
    const sent = await database.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '=', 'sent')
      .executeTakeFirstOrThrow();
    return {
      backend,
      actions,
      rows: queued.rows,
      setupSeconds,
      enqueueSeconds,
      baseSeconds: base.seconds,
      baseCpu: base.cpu,
      outboxSeconds,
      outboxCpu,
      accepted,
      sentRows: Number(sent.n),
      perWorker: reports.map((r) => r.sent),
      baselineAccepted: afterBaseline,
    };
  } finally {
    sink.stop();
    if (second !== database) await second.close();
    await database.close();
    await backend.cleanup();
    await rm(dir, { recursive: true, force: true });
  }
}

const machine = await describeMachine();
const loadStart = loadavg();
const url = serverUrl();
const runs = [await measure(pgliteBackend(outDir))];
if (url) runs.push(await measure(postgresBackend(url)));
const loadEnd = loadavg();
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const rate = (s: number) => messages / s;
const ms = (cpu: number) => ((cpu * 1000) / messages).toFixed(2);
const size = Math.round((ATTACHMENT.length * 4) / 3 / 1024);
const rows = runs.flatMap((r) => [
  `| ${r.backend.name}: setup — import ${fmt(messages)} customers, ${fmt(3 * messages)} invoices, dunning run (${fmt(r.actions)} actions) | — | ${r.setupSeconds.toFixed(2)} s | — | — |`,
  `| ${r.backend.name}: enqueue ${fmt(r.rows)} outbox rows | — | ${r.enqueueSeconds.toFixed(2)} s | ${fmt(rate(r.enqueueSeconds))} rows/s | — |`,
  `| **${r.backend.name}: a. outbox, 2 workers** | ${fmt(r.accepted)} | ${r.outboxSeconds.toFixed(2)} s | **${fmt(rate(r.outboxSeconds))}** | ${ms(r.outboxCpu)} ms |`,
  `| ${r.backend.name}: b. bare nodemailer loop (baseline) | ${fmt(r.baselineAccepted)} | ${r.baseSeconds.toFixed(2)} s | ${fmt(rate(r.baseSeconds))} | ${ms(r.baseCpu)} ms |`,
]);
const verdicts = runs.map(
  (r) =>
    `${r.backend.name}: outbox ${fmt(rate(r.outboxSeconds))} messages/s (goal ≥ ${GOAL}: ${rate(r.outboxSeconds) >= GOAL ? 'met' : 'not met'}), ` +
    `${(r.baseSeconds / r.outboxSeconds).toFixed(2)}× the bare loop's rate; rows sent ${fmt(r.sentRows)}, ` +
    `messages accepted by the server ${fmt(r.accepted)} (per worker ${r.perWorker.join(' + ')}): none twice.`,
);
const markdown = `
## Delivery (bench/delivery.ts)

Run on ${new Date().toISOString()}: ${machine.cpu.split(' ').slice(0, 2).join(' ')}, ${machine.cores} cores, Node ${machine.node}.
Workload: ${fmt(messages)} e-mails (one per dunning action: text + HTML statement of 3 invoices,
a 30 KB PDF-like attachment, ~${size} KB in base64), to a loopback SMTP server (smtp-server in
its own process, counting what it accepts). The outbox runs 2 workers of ${concurrency} messages in flight
each (two pipelines of ${Math.ceil(concurrency / 2)}: claim a batch, re-check it, compose and send side by side,
record the batch; on the server the two workers use two connection pools, as two processes would;
embedded, they share the one PGlite). The baseline, in the same run, is a bare nodemailer loop
with ${2 * concurrency} messages in flight over one pooled transport, sending the same messages composed
beforehand. CPU is this process's (the workers', and PGlite's when embedded), per message.

| Step | Messages | Wall | Messages/s | CPU per message |
| --- | ---: | ---: | ---: | ---: |
${rows.join('\n')}

${verdicts.join('\n')}
Load average (1 / 5 / 15 min) at start ${loadStart.map((l) => l.toFixed(2)).join(' / ')}, at end ${loadEnd.map((l) => l.toFixed(2)).join(' / ')} on ${machine.cores} cores.
`;
process.stdout.write(markdown);
const results =
  messages === FULL
    ? fileURLToPath(new URL('./RESULTS.md', import.meta.url))
    : join(outDir, 'RESULTS.md');
await writeSection(results, 'delivery', markdown);
process.stdout.write(`written to ${results}\n`);
