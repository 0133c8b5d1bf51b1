import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { BACKENDS, SERVER_URL } from '../../../test/helpers/test-databases.ts';
import { csv } from '../../../test/helpers/files.ts';
import type { Database } from '../../store/database.ts';
import { importCsv } from '../../delivery/delivery.fixture.ts';
import { signInAs, testServer, type SignedIn } from '../auth/api-auth.fixture.ts';
import { ResponseCache } from './response-cache.ts';

const CUSTOMERS = csv(
  'code,name,country,language,currency,email,collector,sales_owner,segment',
  'K1,Kilo SARL,FR,fr,EUR,ap@kilo.example,Marie Martin,Sam Sales,smb',
  'K2,Lima GmbH,DE,de,EUR,ap@lima.example,Stefan Krause,Sam Sales,key',
  'K3,Mike Ltd,GB,en,EUR,ap@mike.example,Marie Martin,Other Seller,smb',
);
const ITEMS = csv(
  'customer,number,type,issue_date,due_date,currency,amount,open_amount',
  'K1,I1,invoice,2025-12-01,2026-01-01,EUR,100.00,100.00',
  'K2,I2,invoice,2025-12-01,2026-01-31,EUR,900.00,900.00',
  'K2,I3,invoice,2025-12-01,2099-01-31,EUR,50.00,50.00',
  'K3,I4,invoice,2025-12-01,2099-01-31,EUR,70.00,70.00',
);

/** A cache whose computations can be held after they have read the database. */
class GatedCache extends ResponseCache {
  gate: Promise<void> | undefined;
  reached: (() => void) | undefined;
  override get(key: string, compute: () => Promise<Buffer>): Promise<Buffer> {
    return super.get(key, async () => {
      const text = await compute();
      if (this.gate) {
        this.reached?.();
        await this.gate;
      }
      return text;
    });
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const limit = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > limit) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

interface Page {
  total: number;
  rows: { code: string; collector: string | null; overdueMinor: number; balanceMinor: number }[];
}

for (const backend of BACKENDS) {
  describe(`API response cache (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let app: FastifyInstance;
    let admin: SignedIn;
    let marie: SignedIn;
    let stefan: SignedIn;
    let clock = new Date('2026-03-10T12:00:00Z');
    const cache = new GatedCache({ now: () => clock });

    before(async () => {
      database = await backend.open();
      await importCsv(database, 'customers', CUSTOMERS);
      await importCsv(database, 'items', ITEMS);
      app = testServer(database, { cache });
      admin = await signInAs(app, database.db, 'admin@seller.example', 'admin');
      marie = await signInAs(app, database.db, 'marie@seller.example', 'collector', 'Marie Martin');
      stefan = await signInAs(
        app,
        database.db,
        'stefan@seller.example',
        'collector',
        'Stefan Krause',
      );
    });
    after(async () => {
      await app?.close();
      await database?.close();
    });

    const get = async (who: SignedIn, url: string) => {
      const r = await app.inject({ url, headers: who.read });
      return { status: r.statusCode, body: r.body, json: () => r.json() as unknown };
    };
    const list = async (who: SignedIn, query = '?sort=code&order=asc') => {
      const r = await get(who, `/api/customers${query}`);
      assert.equal(r.status, 200, r.body);
      return { page: r.json() as Page, body: r.body };
    };
    const account = async (who: SignedIn, code: string) => {
      const r = await get(who, `/api/customers/${code}/account`);
      return {
        status: r.status,
        json: r.json() as {
          customer: { collector: string | null };
          balances: { balanceMinor: number }[];
        },
      };
    };
    /** Writes without the API: another connection on the server, the same PGlite otherwise. */
    const writeElsewhere = async (statement: string) => {
      if (backend.name === 'postgres') {
        const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(database.db))
          .rows[0]!.s;
        const other = new pg.Client({
          connectionString: SERVER_URL,
          options: `-c search_path=${schema}`,
        });
        await other.connect();
        try {
          await other.query(statement);
        } finally {
          await other.end();
        }
      } else {
        await sql.raw(statement).execute(database.db);
      }
    };

    it('answers the list and the account from memory while nothing changes', async () => {
      const first = await list(admin);
      assert.deepEqual(
        first.page.rows.map((r) => r.code),
        ['K1', 'K2', 'K3'],
      );
      assert.ok(cache.active);
      const hits = cache.stats.hits;
      const again = await list(admin, '?order=asc&sort=code'); // same query, another order
      assert.equal(again.body, first.body);
      const a1 = await account(admin, 'K2');
      const a2 = await account(admin, 'K2');
      assert.equal(a1.status, 200);
      assert.deepEqual(a2.json, a1.json);
      assert.equal(cache.stats.hits, hits + 2);
    });

    it("never gives a collector another portfolio's cached page or account", async () => {
      assert.deepEqual(
        (await list(marie)).page.rows.map((r) => r.code),
        ['K1', 'K3'],
      );
      assert.deepEqual(
        (await list(stefan)).page.rows.map((r) => r.code),
        ['K2'],
      );
      assert.deepEqual(
        (await list(marie)).page.rows.map((r) => r.code),
        ['K1', 'K3'],
      );
      assert.equal((await account(admin, 'K3')).status, 200); // cached now
      assert.equal((await account(stefan, 'K3')).status, 404); // as if it did not exist
      assert.equal((await account(marie, 'K3')).status, 200);
    });

    it('sees a change made through the API on the next read', async () => {
      await list(marie);
      await account(admin, 'K1');
      const r = await app.inject({
        method: 'PATCH',
        url: '/api/customers/K1',
        headers: admin.write,
        payload: { collector: 'Stefan Krause' },
      });
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual(
        (await list(marie)).page.rows.map((x) => x.code),
        ['K3'],
      );
      assert.deepEqual(
        (await list(stefan)).page.rows.map((x) => x.code),
        ['K1', 'K2'],
      );
      assert.equal((await account(admin, 'K1')).json.customer.collector, 'Stefan Krause');
      assert.equal((await account(marie, 'K1')).status, 404);
    });

    it('sees a change committed by another connection on the next read', async () => {
      const row = async () => (await list(admin)).page.rows.find((x) => x.code === 'K1')!;
      assert.equal((await row()).balanceMinor, 10000);
      await account(admin, 'K1');
      await writeElsewhere(`update items set open_minor = 2500 where number = 'I1'`);
      // No waiting: the read itself makes sure every earlier commit has been reported.
      assert.equal((await row()).balanceMinor, 2500);
      assert.equal((await account(admin, 'K1')).json.balances[0]?.balanceMinor, 2500);
    });

    it('does not keep an answer whose reading began before a commit reported during it', async () => {
      await list(admin);
      cache.invalidate();
      let release!: () => void;
      cache.gate = new Promise<void>((r) => (release = r));
      const reached = new Promise<void>((r) => (cache.reached = r));
      const held = list(admin); // reads K1 at 2500, then waits
      await reached;
      cache.gate = undefined;
      const generation = cache.stats.generation;
      const refused = cache.stats.refused;
      await writeElsewhere(`update items set open_minor = 1000 where number = 'I1'`);
      await until(() => cache.stats.generation > generation, 'the change to be reported');
      release();
      const stale = (await held).page.rows.find((x) => x.code === 'K1')!;
      assert.equal(stale.balanceMinor, 2500); // it began before the write: fine for that request
      assert.equal(cache.stats.refused, refused + 1); // …but not kept
      const fresh = (await list(admin)).page.rows.find((x) => x.code === 'K1')!;
      assert.equal(fresh.balanceMinor, 1000);
    });

    it("computes again when the company's day changes", async () => {
      clock = new Date('2099-01-30T12:00:00Z');
      const k2 = async () => (await list(admin)).page.rows.find((x) => x.code === 'K2')!;
      assert.equal((await k2()).overdueMinor, 90000);
      assert.equal((await k2()).overdueMinor, 90000);
      clock = new Date('2099-02-01T12:00:00Z'); // I3 (due 2099-01-31) is now overdue
      assert.equal((await k2()).overdueMinor, 95000);
    });
  });
}
