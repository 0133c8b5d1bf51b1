/**
 * One measured step of the planning benchmark, in its own process so that its peak
 * resident memory is its own: `node --import tsx bench/plan-child.ts <step> <target-json>`.
 * Prints one JSON line { seconds, rows, peakRssMb, ... } on stdout.
 *   open   opens the database and does nothing (the memory baseline)
 *   setup  imports the generated files (customers, contacts, items) into company BENCH
 *   floor  one query reading the open-item rows the planner needs, ordered by customer
 *   dry    relance run --dry-run (counts only, as a scheduler would)
 *   real   relance run (stores actions and timeline)
 */
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/store/database.ts';
import { ensureCompany, resolveCompany } from '../src/store/companies.ts';
import { importFile } from '../src/imports/import-file.ts';
import { runDunning } from '../src/runs/run-dunning.ts';
import { BENCH_AS_OF } from './generate.ts';
import { BENCH_COMPANY } from './import-steps.ts';
import { collectGarbage, now } from './measure.ts';

export interface ChildTarget {
  readonly dataDir?: string;
  readonly url?: string;
  readonly schema?: string;
  readonly files?: { customers: string; contacts: string; items: string };
}

export interface ChildResult {
  readonly seconds: number;
  readonly rows: number;
  readonly peakRssMb: number;
  readonly customers?: number;
  readonly actions?: number;
  readonly skips?: number;
}

async function open(target: ChildTarget): Promise<Database> {
  return target.url
    ? openDatabase({ url: target.url, schema: target.schema, purpose: 'benchmark' })
    : openDatabase({ dataDir: target.dataDir, purpose: 'benchmark' });
}

async function step(name: string, target: ChildTarget): Promise<Omit<ChildResult, 'peakRssMb'>> {
  const database = await open(target);
  try {
    if (name === 'setup') {
      await ensureCompany(database.db, {
        code: BENCH_COMPANY,
        name: 'Benchmark SAS',
        country: 'FR',
        currency: 'EUR',
        timezone: 'Europe/Paris',
        locale: 'fr-FR',
      });
      const start = now();
      let rows = 0;
      for (const kind of ['customers', 'contacts', 'items'] as const) {
        const path = target.files?.[kind];
        if (!path) throw new Error(`setup needs the ${kind} file`);
        const report = await importFile(database, {
          kind,
          path,
          company: BENCH_COMPANY,
          asOf: BENCH_AS_OF,
          maxBytes: Infinity,
        });
        rows += report.rows;
      }
      await sql`analyze`.execute(database.db);
      return { seconds: (now() - start) / 1000, rows };
    }
    const company = await resolveCompany(database.db, BENCH_COMPANY);
    collectGarbage();
    const start = now();
    // The resident memory of a process that only opens the database: what the run adds is above it.
    if (name === 'open') return { seconds: (now() - start) / 1000, rows: 0 };
    if (name === 'floor') {
      const result = await sql<{
        customer_id: number;
        currency: string;
        due_date: string;
        open_minor: number;
        disputed: boolean;
        hold_until: string | null;
        type: string;
      }>`select customer_id, currency, due_date, open_minor, disputed, hold_until, type
         from items where company_id = ${company.id} and open_minor <> 0
         order by customer_id`.execute(database.db);
      return { seconds: (now() - start) / 1000, rows: result.rows.length };
    }
    if (name === 'dry' || name === 'real') {
      const report = await runDunning(database, {
        company: BENCH_COMPANY,
        asOf: BENCH_AS_OF,
        dryRun: name === 'dry',
        force: true,
        collect: false,
        batchSize: process.env.RELANCE_BENCH_BATCH
          ? Number(process.env.RELANCE_BENCH_BATCH)
          : undefined,
        now: new Date(),
      });
      return {
        seconds: (now() - start) / 1000,
        rows: report.customers,
        customers: report.customers,
        actions: report.counts.actions,
        skips: report.counts.skips,
      };
    }
    throw new Error(`unknown step ${name}`);
  } finally {
    await database.close();
  }
}

const [name, json] = process.argv.slice(2);
if (!name || !json) throw new Error('usage: plan-child.ts <setup|floor|dry|real> <target-json>');
const result = await step(name, JSON.parse(json) as ChildTarget);
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(JSON.stringify({ ...result, peakRssMb }) + '\n');
