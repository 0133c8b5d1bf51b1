import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { BACKENDS } from '../../../test/helpers/test-databases.ts';
import { csv } from '../../../test/helpers/files.ts';
import type { Database } from '../../store/database.ts';
import { importCsv } from '../../delivery/delivery.fixture.ts';
import { runDunning } from '../../runs/run-dunning.ts';
import { signInAs, testServer, type SignedIn } from '../auth/api-auth.fixture.ts';

const CUSTOMERS = csv(
  'code,name,country,language,currency,email,collector,sales_owner,segment',
  'K1,Kilo SARL,FR,fr,EUR,ap@kilo.example,Marie Martin <marie@seller.example>,Sam Sales,smb',
  'K2,Lima GmbH,DE,de,EUR,ap@lima.example,Stefan Krause,Sam Sales,key',
  'K3,Mike Ltd,GB,en,EUR,ap@mike.example,Marie Martin,Other Seller,smb',
);
// Overdue as of any day after 2026-01-31; K3 owes nothing overdue.
const ITEMS = csv(
  'customer,number,type,issue_date,due_date,currency,amount,open_amount',
  'K1,I1,invoice,2025-12-01,2026-01-01,EUR,100.00,100.00',
  'K2,I2,invoice,2025-12-01,2026-01-31,EUR,900.00,900.00',
  'K2,I3,invoice,2025-12-01,2099-01-31,EUR,50.00,50.00',
  'K3,I4,invoice,2025-12-01,2099-01-31,EUR,70.00,70.00',
);

for (const backend of BACKENDS) {
  describe(`API: customers list and timeline (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let app: FastifyInstance;
    let admin: SignedIn;

    before(async () => {
      database = await backend.open();
      await importCsv(database, 'customers', CUSTOMERS);
      await importCsv(database, 'items', ITEMS);
      await runDunning(database, { asOf: '2026-03-10', now: new Date(), force: true });
      await runDunning(database, { asOf: '2026-03-20', now: new Date(), force: true });
      app = testServer(database);
      admin = await signInAs(app, database.db, 'admin@seller.example', 'admin');
    });
    after(async () => {
      await app?.close();
      await database?.close();
    });

    const list = async (who: SignedIn, query = '') => {
      const r = await app.inject({ url: `/api/customers${query}`, headers: who.read });
      assert.equal(r.statusCode, 200, r.body);
      return r.json() as {
        total: number;
        rows: {
          code: string;
          overdueMinor: number;
          balanceMinor: number;
          lastStep: string | null;
        }[];
      };
    };

    it('lists customers sorted by overdue, with balance and latest step', async () => {
      const page = await list(admin);
      assert.equal(page.total, 3);
      assert.deepEqual(
        page.rows.map((r) => [r.code, r.overdueMinor, r.balanceMinor]),
        [
          ['K2', 90000, 95000],
          ['K1', 10000, 10000],
          ['K3', 0, 7000],
        ],
      );
      assert.equal(page.rows[0]!.lastStep, 'level_1');
    });

    it('filters, searches, sorts and pages', async () => {
      assert.deepEqual(
        (await list(admin, '?segment=smb&sort=code&order=asc')).rows.map((r) => r.code),
        ['K1', 'K3'],
      );
      assert.deepEqual(
        (await list(admin, '?q=lima')).rows.map((r) => r.code),
        ['K2'],
      );
      assert.deepEqual(
        (await list(admin, '?overdue=true&sort=overdue&order=asc')).rows.map((r) => r.code),
        ['K1', 'K2'],
      );
      const second = await list(admin, '?pageSize=2&page=2&sort=code&order=asc');
      assert.deepEqual([second.total, second.rows.map((r) => r.code)], [3, ['K3']]);
      assert.deepEqual(
        (await list(admin, '?collector=marie%20martin&sort=code&order=asc')).rows.map(
          (r) => r.code,
        ),
        ['K1', 'K3'],
      );
    });

    it('refuses a bad query naming the field and what was expected', async () => {
      const r = await app.inject({
        url: '/api/customers?sort=size&pageSize=9999',
        headers: admin.read,
      });
      assert.equal(r.statusCode, 400);
      const error = r.json().error as { code: string; issues: { field: string; value?: string }[] };
      assert.equal(error.code, 'INVALID_INPUT');
      assert.deepEqual(error.issues.map((i) => i.field).sort(), [
        'querystring.pageSize',
        'querystring.sort',
      ]);
      assert.ok(error.issues.some((i) => i.value === 'size'));
    });

    it('shows a collector their portfolio and a sales person their customers only', async () => {
      const marie = await signInAs(
        app,
        database.db,
        'marie@seller.example',
        'collector',
        'Marie Martin',
      );
      assert.deepEqual(
        (await list(marie, '?sort=code&order=asc')).rows.map((r) => r.code),
        ['K1', 'K3'],
      );
      const sam = await signInAs(app, database.db, 'sam@seller.example', 'sales', 'Sam Sales');
      assert.deepEqual(
        (await list(sam, '?sort=code&order=asc')).rows.map((r) => r.code),
        ['K1', 'K2'],
      );
      const other = await app.inject({ url: '/api/customers/K2/timeline', headers: marie.read });
      assert.equal(other.statusCode, 404);
    });

    it('gives the timeline newest first, with pages', async () => {
      const r = await app.inject({
        url: '/api/customers/K2/timeline?limit=1',
        headers: admin.read,
      });
      assert.equal(r.statusCode, 200, r.body);
      const first = r.json() as {
        entries: { id: number; code: string }[];
        nextBefore: number | null;
      };
      assert.equal(first.entries.length, 1);
      assert.ok(first.nextBefore !== null);
      const next = await app.inject({
        url: `/api/customers/K2/timeline?limit=100&before=${first.nextBefore}`,
        headers: admin.read,
      });
      const rest = next.json() as { entries: { id: number; code: string }[] };
      assert.ok(rest.entries.length >= 1);
      assert.ok(rest.entries.every((e) => e.id < first.entries[0]!.id));
    });

    it('answers 401 without a session, and serves the OpenAPI document without one', async () => {
      assert.equal((await app.inject({ url: '/api/customers' })).statusCode, 401);
      const doc = await app.inject({ url: '/api/openapi.json' });
      assert.equal(doc.statusCode, 200);
      const spec = doc.json() as { openapi: string; paths: Record<string, unknown> };
      assert.match(spec.openapi, /^3\./);
      for (const path of ['/api/customers', '/api/customers/{code}/timeline', '/api/session']) {
        assert.ok(path in spec.paths, `${path} in ${Object.keys(spec.paths).join(', ')}`);
      }
      const page = await app.inject({ url: '/api/docs/' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /swagger/i);
    });
  });
}
