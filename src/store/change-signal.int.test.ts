import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { sql } from 'kysely';
import { BACKENDS, SERVER_URL } from '../../test/helpers/test-databases.ts';
import { openDatabase, type Database } from './database.ts';
import { ensureCompany, DEFAULT_COMPANY } from './companies.ts';
import {
  CHANGE_CHANNEL,
  CHANGE_TRIGGER,
  UNWATCHED_TABLES,
  type ChangeFeed,
  type ChangeHandlers,
} from './change-signal.ts';
import { watchServerChanges } from './change-feed-server.ts';

/** Handlers that record what the feed says. */
function recorder() {
  const seen = { changes: 0, listening: [] as boolean[] };
  const handlers: ChangeHandlers = {
    changed: () => (seen.changes += 1),
    listening: (on) => seen.listening.push(on),
  };
  return { seen, handlers };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const limit = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > limit) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

for (const backend of BACKENDS) {
  describe(`change signal (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let feed: ChangeFeed;
    const { seen, handlers } = recorder();
    let schema: string;

    before(async () => {
      database = await backend.open();
      feed = await database.watchChanges!(handlers);
      schema = (await sql<{ s: string }>`select current_schema() as s`.execute(database.db))
        .rows[0]!.s;
    });
    after(async () => {
      await feed?.close();
      await database?.close();
    });

    it('has the trigger on every table but the deliberately unwatched ones', async () => {
      const tables = await sql<{ name: string; watched: boolean }>`
        select c.relname as name, exists (
          select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname = ${CHANGE_TRIGGER}
        ) as watched
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind in ('r', 'p')
        order by 1`.execute(database.db);
      const unclassified = tables.rows
        .filter((t) => t.watched === UNWATCHED_TABLES.includes(t.name))
        .map((t) => t.name);
      assert.deepEqual(
        unclassified,
        [],
        'each table needs the relance_changed trigger (see migration 0014) or a place in ' +
          'UNWATCHED_TABLES (src/store/change-signal.ts) if no cached answer reads it',
      );
      assert.ok(tables.rows.some((t) => t.name === 'items' && t.watched));
    });

    it('reports a committed transaction once, a rolled back one and unwatched tables never', async () => {
      assert.deepEqual(seen.listening, [true]);
      await feed.sync();
      const start = seen.changes;
      await database.db.transaction().execute(async (trx) => {
        await ensureCompany(trx, { ...DEFAULT_COMPANY, code: 'SIG1' });
        await ensureCompany(trx, { ...DEFAULT_COMPANY, code: 'SIG2' });
      });
      await feed.sync();
      assert.equal(seen.changes, start + 1);
      await database.db
        .transaction()
        .execute(async (trx) => {
          await ensureCompany(trx, { ...DEFAULT_COMPANY, code: 'SIG3' });
          throw new Error('roll back');
        })
        .catch(() => {});
      await database.db.insertInto('audit_log').values({ action: 'test.unwatched' }).execute();
      await feed.sync();
      assert.equal(seen.changes, start + 1);
      await sql`truncate ledger_sync`.execute(database.db);
      await feed.sync();
      assert.equal(seen.changes, start + 2);
    });

    it(
      'has reported every commit of another connection once sync() resolves',
      {
        skip: backend.name === 'postgres' ? false : 'one session: no other connection',
      },
      async () => {
        const other = new pg.Client({
          connectionString: SERVER_URL,
          options: `-c search_path=${schema}`,
        });
        await other.connect();
        try {
          for (let i = 0; i < 20; i += 1) {
            const before = seen.changes;
            await other.query(`update companies set name = $1 where code = 'SIG1'`, [`n${i}`]);
            // No waiting: the round trip of sync() comes back after the notification.
            await feed.sync();
            assert.equal(seen.changes, before + 1, `write ${i}`);
          }
          // Another schema's changes (another deployment, another test) are not ours.
          const before = seen.changes;
          await other.query(`select pg_notify($1, 'some_other_schema')`, [CHANGE_CHANNEL]);
          await feed.sync();
          assert.equal(seen.changes, before);
        } finally {
          await other.end();
        }
      },
    );

    it(
      'says when the listening connection is lost, and listens again',
      {
        skip: backend.name === 'postgres' ? false : 'no connection to lose',
      },
      async () => {
        const own = recorder();
        const watched = await watchServerChanges(
          { url: SERVER_URL!, schema, retryMs: 20 },
          own.handlers,
        );
        const admin = new pg.Client({ connectionString: SERVER_URL });
        await admin.connect();
        try {
          assert.deepEqual(own.seen.listening, [true]);
          const killed = await admin.query(
            `select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1
           and pid <> pg_backend_pid()`,
            [`relance change feed ${schema}`],
          );
          assert.ok(killed.rowCount! >= 1);
          await until(() => own.seen.listening.includes(false), 'listening(false)');
          await until(() => own.seen.listening.at(-1) === true, 'listening again');
          await watched.sync();
          const before = own.seen.changes;
          await ensureCompany(database.db, { ...DEFAULT_COMPANY, code: 'SIG4' });
          await watched.sync();
          assert.equal(own.seen.changes, before + 1);
        } finally {
          await admin.end();
          await watched.close();
        }
      },
    );
  });
}

describe('change signal without migration 0014', () => {
  it('never says it is listening, and cannot sync', async () => {
    const database = await openDatabase({ dataDir: 'memory://', migrate: false });
    try {
      const { seen, handlers } = recorder();
      const feed = await database.watchChanges!(handlers);
      assert.deepEqual(seen.listening, [false]);
      await assert.rejects(feed.sync());
      await feed.close();
    } finally {
      await database.close();
    }
  });
});
