import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { resolve } from 'node:path';
import type { DB } from './schema.ts';
import { PgliteDialect } from './pglite-driver.ts';
import { createPgPool } from './pg-pool.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { migrateToLatest } from './migrate.ts';
import { parseInt8 } from './type-parsers.ts';
import type { ChangeFeed, ChangeHandlers } from './change-signal.ts';
import { watchPgliteChanges } from './change-feed-pglite.ts';
import { watchServerChanges } from './change-feed-server.ts';

export type Backend = 'pglite' | 'postgres';

export interface DatabaseOptions {
  /** PostgreSQL server URL; when absent, the embedded database in `dataDir` is used. */
  readonly url?: string | undefined;
  /** Folder of the embedded database; `memory://` keeps it in memory (tests). */
  readonly dataDir?: string | undefined;
  /** Schema to use on the server (tests isolate themselves this way). */
  readonly schema?: string | undefined;
  /** What this process is, written in the embedded database's lock file. */
  readonly purpose?: string | undefined;
  /** Run pending migrations when opening (default true). */
  readonly migrate?: boolean | undefined;
  /** An existing PGlite instance to wrap (tests clone a migrated template). */
  readonly pglite?: PGlite | undefined;
}

export interface Database {
  readonly db: Kysely<DB>;
  readonly backend: Backend;
  /** Human description of where the data lives (no secrets). */
  readonly location: string;
  /**
   * Subscribes to the change signal (migration 0014): `changed()` after each commit that
   * touched a watched table, `listening(false)` while changes may go unreported. Absent: this
   * database cannot report changes, and nothing read from it may be cached.
   */
  watchChanges?(handlers: ChangeHandlers): Promise<ChangeFeed>;
  close(): Promise<void>;
}

export const PGLITE_PARSERS = {
  20: parseInt8,
  1082: (v: string) => v,
};

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const database = options.url
    ? openServer(options.url, options.schema)
    : await openEmbedded(options);
  if (options.migrate !== false) {
    // Migrations go to the schema the connection works in (search_path may name one).
    const schema =
      options.schema ??
      (await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db))
        .rows[0]?.schema ??
      'public';
    await migrateToLatest(database.db as Kysely<unknown>, schema);
  }
  return database;
}

function openServer(url: string, schema: string | undefined): Database {
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: createPgPool(url, schema) }) });
  return {
    db,
    backend: 'postgres',
    location: redactUrl(url),
    watchChanges: (handlers) => watchServerChanges({ url, schema }, handlers),
    close: () => db.destroy(),
  };
}

async function openEmbedded(options: DatabaseOptions): Promise<Database> {
  if (options.pglite) {
    const db = new Kysely<DB>({ dialect: new PgliteDialect(options.pglite) });
    const pglite = options.pglite;
    return {
      db,
      backend: 'pglite',
      location: 'memory',
      watchChanges: (handlers) => watchPgliteChanges(pglite, db as Kysely<unknown>, handlers),
      close: () => db.destroy(),
    };
  }
  const dataDir = options.dataDir ?? './data';
  const inMemory = dataDir.startsWith('memory://');
  const path = inMemory ? dataDir : resolve(dataDir);
  const unlock = inMemory ? () => {} : lockDataDir(path, options.purpose ?? 'relance');
  try {
    const pglite = await PGlite.create(inMemory ? undefined : path, { parsers: PGLITE_PARSERS });
    const db = new Kysely<DB>({ dialect: new PgliteDialect(pglite) });
    const close = async () => {
      try {
        await db.destroy();
      } finally {
        unlock();
      }
    };
    return {
      db,
      backend: 'pglite',
      location: path,
      watchChanges: (handlers) => watchPgliteChanges(pglite, db as Kysely<unknown>, handlers),
      close,
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

/** Removes the password from a connection URL so it can be printed. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres server';
  }
}
