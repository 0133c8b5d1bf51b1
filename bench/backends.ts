import pg from 'pg';
import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { openDatabase, redactUrl, type Database } from '../src/store/database.ts';

/** One back-end under test: opens a fresh, migrated, empty database and removes it after. */
export interface BenchBackend {
  readonly name: 'pglite' | 'postgres';
  /** Where the data lives (no password). */
  readonly where: string;
  open(): Promise<Database>;
  /** Bytes the data takes on disk once loaded, when it can be measured. */
  size(database: Database): Promise<number | undefined>;
  cleanup(): Promise<void>;
}

export function serverUrl(): string | undefined {
  return process.env.RELANCE_BENCH_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

/** Embedded PGlite in a fresh data folder on disk, as the default deployment runs it. */
export function pgliteBackend(outDir: string): BenchBackend {
  const dataDir = join(outDir, `pglite-${Date.now()}-${randomBytes(3).toString('hex')}`);
  return {
    name: 'pglite',
    where: dataDir,
    open: () => openDatabase({ dataDir, purpose: 'benchmark' }),
    size: () => folderBytes(dataDir),
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
}

/** The PostgreSQL server at `url`, in a fresh schema `bench_<random>` dropped at the end. */
export function postgresBackend(url: string): BenchBackend {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  let created = false;
  return {
    name: 'postgres',
    where: `${redactUrl(url)} schema ${schema}`,
    async open() {
      await admin((c) => c.query(`create schema ${schema}`));
      created = true;
      return openDatabase({ url, schema });
    },
    size: () =>
      admin(async (c) => {
        const result = await c.query<{ bytes: string }>(
          `select coalesce(sum(pg_total_relation_size(c.oid)), 0)::text as bytes
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = $1 and c.relkind in ('r', 'm')`,
          [schema],
        );
        return Number(result.rows[0]?.bytes ?? 0);
      }),
    async cleanup() {
      if (created) await admin((c) => c.query(`drop schema if exists ${schema} cascade`));
    },
  };
}

/** The server's version string, e.g. "PostgreSQL 15.20". */
export async function serverVersion(database: Database): Promise<string> {
  const result = await sql<{ v: string }>`select version() as v`.execute(database.db);
  const full = result.rows[0]?.v ?? 'unknown';
  return full.split(' on ')[0] ?? full;
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      total += (await stat(join(entry.parentPath ?? entry.path, entry.name))).size;
  }
  return total;
}
