import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openDatabase, PGLITE_PARSERS, type Database } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { Kysely } from 'kysely';
import { PgliteDialect } from '../../src/store/pglite-driver.ts';

/**
 * The back-ends every storage test runs against: embedded PGlite always, and the
 * PostgreSQL server named by RELANCE_TEST_DATABASE_URL when it is set (CI sets it).
 * Each `open()` gives a fresh, migrated, empty database.
 */
export interface TestBackend {
  readonly name: 'pglite' | 'postgres';
  /** Why the back-end is skipped, or false. */
  readonly skip: string | false;
  open(): Promise<Database>;
}

export const SERVER_URL = process.env.RELANCE_TEST_DATABASE_URL;

let template: Promise<File | Blob> | undefined;

/** One migrated PGlite per test process, dumped once and loaded for every test database. */
async function pgliteTemplate(): Promise<File | Blob> {
  template ??= (async () => {
    const pglite = await PGlite.create();
    const db = new Kysely<unknown>({ dialect: new PgliteDialect(pglite) });
    await migrateToLatest(db);
    const dump = await pglite.dumpDataDir('none');
    await db.destroy();
    return dump;
  })();
  return template;
}

async function openPglite(): Promise<Database> {
  const pglite = await PGlite.create({
    loadDataDir: await pgliteTemplate(),
    parsers: PGLITE_PARSERS,
  });
  return openDatabase({ pglite });
}

async function openServer(): Promise<Database> {
  const url = SERVER_URL!;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = await openDatabase({ url, schema });
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}

export const BACKENDS: readonly TestBackend[] = [
  { name: 'pglite', skip: false, open: openPglite },
  {
    name: 'postgres',
    skip: SERVER_URL ? false : 'RELANCE_TEST_DATABASE_URL is not set (no PostgreSQL server)',
    open: openServer,
  },
];
