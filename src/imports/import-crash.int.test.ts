import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { RELANCE_BIN, relance } from '../../test/helpers/cli.ts';
import { tempDir } from '../../test/helpers/files.ts';
import { SERVER_URL } from '../../test/helpers/test-databases.ts';
import { openDatabase } from '../store/database.ts';

/**
 * A process killed (SIGKILL) in the middle of an import leaves the database as
 * it was: the import is one transaction.
 */
const dir = tempDir('relance-crash-');

function killWhen(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: () => Promise<boolean>,
): Promise<void> {
  const child = spawn(process.execPath, [RELANCE_BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  return new Promise((resolve, reject) => {
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const poll = async () => {
      if (child.exitCode !== null)
        return reject(new Error('the import finished before it could be killed'));
      if (await ready().catch(() => false)) {
        child.kill('SIGKILL');
        await exited;
        return resolve();
      }
      setTimeout(() => void poll(), 20);
    };
    void poll();
  });
}

describe('an import killed mid-way', () => {
  const demo = join(dir, 'demo');
  it('prepares a ledger of 150,000 items', () => {
    const r = relance(
      ['demo', '--customers', '3000', '--items', '150000', '--as-of', '2026-06-30', '--out', demo],
      {},
    );
    assert.equal(r.code, 0, r.stderr);
  });

  it(
    'on PostgreSQL: nothing of the killed import remains',
    { skip: SERVER_URL ? false : 'RELANCE_TEST_DATABASE_URL is not set' },
    async () => {
      const schema = `crash_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: SERVER_URL });
      await admin.connect();
      try {
        await admin.query(`create schema ${schema}`);
        const url = new URL(SERVER_URL!);
        url.searchParams.set('options', `-c search_path=${schema}`);
        const env = { DATABASE_URL: url.toString() };
        assert.equal(relance(['import', 'customers', join(demo, 'customers.csv')], env).code, 0);
        await killWhen(['import', 'items', join(demo, 'items.csv')], env, async () => {
          const r = await admin.query(
            `select 1 from pg_stat_activity where state = 'active' and query ilike '%insert into items%' and pid <> pg_backend_pid()`,
          );
          return (r.rowCount ?? 0) > 0;
        });
        await new Promise((r) => setTimeout(r, 200));
        const counts = await admin.query(
          `select (select count(*)::int from ${schema}.items) as items,
                (select count(*)::int from ${schema}.import_batches where kind = 'items') as batches,
                (select count(*)::int from ${schema}.ledger_sync) as sync`,
        );
        assert.deepEqual(counts.rows[0], { items: 0, batches: 0, sync: 0 });
        assert.equal(
          relance(['import', 'items', join(demo, 'items.csv'), '--json'], env).code,
          0,
          'the next import works',
        );
      } finally {
        await admin.query(`drop schema if exists ${schema} cascade`);
        await admin.end();
      }
    },
  );

  it('on the embedded database: the data folder reopens unchanged', async () => {
    const env = { RELANCE_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
    assert.equal(relance(['import', 'customers', join(demo, 'customers.csv')], env).code, 0);
    const started = Date.now();
    // PGlite runs inside the importing process: kill it once it has had time to be mid-import.
    await killWhen(
      ['import', 'items', join(demo, 'items.csv')],
      env,
      async () => Date.now() - started > 6000,
    );
    const database = await openDatabase({ dataDir: env.RELANCE_DATA_DIR });
    try {
      const items = await database.db
        .selectFrom('items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const customers = await database.db
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(items.n), 0);
      assert.equal(Number(customers.n), 3000);
    } finally {
      await database.close();
    }
  });
});
