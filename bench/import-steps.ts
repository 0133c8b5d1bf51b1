import { sql, type Kysely } from 'kysely';
import { readFile } from 'node:fs/promises';
import type { Database } from '../src/store/database.ts';
import { importFile } from '../src/imports/import-file.ts';
import type { ImportKind } from '../src/imports/columns.ts';
import { copyCsvInto } from '../src/store/copy-payload.ts';
import { DEMO_COLUMNS } from '../src/demo/to-csv.ts';
import { BENCH_AS_OF } from './generate.ts';
import { PhaseClock, collectGarbage, now, timed } from './measure.ts';

export const BENCH_COMPANY = 'BENCH';

export interface ImportFigure {
  readonly seconds: number;
  readonly rows: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Seconds per phase of the import, split with its progress callback. */
  readonly phases: Record<string, number>;
}

/** Imports one file through the regular importer, timing it and its phases. */
export async function timedImport(
  database: Database,
  kind: ImportKind,
  path: string,
): Promise<ImportFigure> {
  collectGarbage();
  const clock = new PhaseClock();
  const report = await importFile(database, {
    kind,
    path,
    company: BENCH_COMPANY,
    asOf: BENCH_AS_OF,
    maxBytes: Infinity,
    onProgress: clock.onProgress,
  });
  const end = now();
  const phases = clock.phases(end);
  const seconds = Object.values(phases).reduce((a, b) => a + b, 0);
  return {
    seconds,
    rows: report.rows,
    inserted: report.inserted,
    updated: report.updated,
    unchanged: report.unchanged,
    phases,
  };
}

const SCRATCH = 'bench_copy_items';
type Count = { n: number };

/**
 * The floor for loading an items file: read it, strip the header and COPY the raw rows
 * into a plain table whose columns take the CSV text as it is (text codes, dates, numeric
 * amounts, boolean yes/no). No validation, no staging, no upsert, no index.
 */
export async function timedRawCopy(
  database: Database,
  path: string,
): Promise<{ seconds: number; rows: number }> {
  const db = database.db as unknown as Kysely<unknown>;
  await sql`drop table if exists ${sql.table(SCRATCH)}`.execute(db);
  await sql`create table ${sql.table(SCRATCH)} (
      customer text, number text, type text, issue_date date, due_date date, currency text,
      amount numeric, open_amount numeric, po_number text, document_url text,
      disputed boolean, dispute_reason text)`.execute(db);
  const { seconds } = await timed(async () => {
    const text = await readFile(path, 'utf8');
    const body = text.slice(text.indexOf('\n') + 1);
    await copyCsvInto(db, SCRATCH, DEMO_COLUMNS.items, body);
  });
  // Counted apart: copyCsvInto's own count is 0 on the server (Kysely maps no COPY row count).
  const count = sql<Count>`select count(*)::int as n from ${sql.table(SCRATCH)}`;
  const rows = (await count.execute(db)).rows[0]?.n ?? 0;
  await sql`drop table ${sql.table(SCRATCH)}`.execute(db);
  return { seconds, rows };
}
