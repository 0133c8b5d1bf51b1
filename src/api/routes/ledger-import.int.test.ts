import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { BACKENDS } from '../../../test/helpers/test-databases.ts';
import type { Database } from '../../store/database.ts';
import { CLI_ACTOR } from '../../auth/audit.ts';
import { createApiToken } from '../../auth/api-tokens.ts';
import { signInAs, testServer, type SignedIn } from '../auth/api-auth.fixture.ts';

const CUSTOMERS = [
  { code: 'E1', name: 'Echo SARL', country: 'FR', language: 'fr', currency: 'EUR' },
  {
    code: 'E2',
    name: 'Foxtrot GmbH',
    country: 'DE',
    language: 'de',
    currency: 'EUR',
    email: 'ap@foxtrot.example',
    credit_limit: 5000,
    erp_id: 'ignored',
  },
];

const ITEMS = [
  {
    customer: 'E1',
    number: 'INV-1',
    type: 'invoice',
    issue_date: '2026-02-01',
    due_date: '2026-03-03',
    currency: 'EUR',
    amount: '100.00',
    open_amount: 100,
  },
  {
    customer: 'E2',
    number: 'INV-2',
    type: 'invoice',
    issue_date: '2026-02-01',
    due_date: '2026-03-03',
    currency: 'EUR',
    amount: 250.5,
    open_amount: 250.5,
  },
];

for (const backend of BACKENDS) {
  describe(`API: ERP upsert of the ledger (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let app: FastifyInstance;
    let bearer: Record<string, string>;
    let viewer: SignedIn;

    before(async () => {
      database = await backend.open();
      app = testServer(database);
      const token = await createApiToken(
        database.db,
        { name: 'ERP sync', role: 'credit_manager' },
        CLI_ACTOR,
      );
      bearer = { authorization: `Bearer ${token.token}` };
      viewer = await signInAs(app, database.db, 'viewer@seller.example', 'viewer');
    });
    after(async () => {
      await app?.close();
      await database?.close();
    });

    const put = (kind: string, rows: unknown, headers = bearer, query = '') =>
      app.inject({
        method: 'PUT',
        url: `/api/ledger/${kind}${query}`,
        headers,
        payload: { rows },
      });

    it('upserts customers and items with an API token, and counts what changed', async () => {
      const c = await put('customers', CUSTOMERS);
      assert.equal(c.statusCode, 200, c.body);
      const report = c.json() as Record<string, unknown>;
      assert.deepEqual(
        [report.kind, report.rows, report.inserted, report.updated, report.ignoredColumns],
        ['customers', 2, 2, 0, ['erp_id']],
      );
      const i = await put('items', ITEMS);
      assert.equal(i.statusCode, 200, i.body);
      assert.equal((i.json() as { inserted: number }).inserted, 2);
      const again = await put('items', [{ ...ITEMS[0], open_amount: '40.00' }, ITEMS[1]]);
      assert.deepEqual(
        [again.json().inserted, again.json().updated, again.json().unchanged],
        [0, 1, 1],
      );
      const stored = await database.db
        .selectFrom('items')
        .select(['number', 'open_minor'])
        .orderBy('number')
        .execute();
      assert.deepEqual(stored, [
        { number: 'INV-1', open_minor: 4000 },
        { number: 'INV-2', open_minor: 25050 },
      ]);
      const audit = await database.db
        .selectFrom('audit_log')
        .select(['action', 'token_id'])
        .where('action', '=', 'ledger.import')
        .execute();
      assert.equal(audit.length, 3);
      assert.ok(audit.every((a) => a.token_id !== null));
    });

    it('lists every problem of every row, and applies nothing', async () => {
      const r = await put('items', [
        { ...ITEMS[0], open_amount: '10.00' },
        { ...ITEMS[1], number: 'INV-3', customer: 'NOPE', due_date: '2026-02-30' },
        { ...ITEMS[1], number: 'INV-4', amount: 'lots' },
      ]);
      assert.equal(r.statusCode, 400, r.body);
      const error = r.json().error as {
        code: string;
        issues: { row: number; field: string; value?: string; expected: string }[];
      };
      assert.equal(error.code, 'INVALID_INPUT');
      const where = error.issues.map((i) => `${i.row}:${i.field}`).sort();
      assert.ok(where.includes('2:customer'), where.join(' '));
      assert.ok(where.includes('2:due_date'), where.join(' '));
      assert.ok(where.includes('3:amount'), where.join(' '));
      assert.ok(error.issues.some((i) => i.value === 'NOPE' && i.expected.length > 0));
      const stored = await database.db
        .selectFrom('items')
        .select(['number', 'open_minor'])
        .orderBy('number')
        .execute();
      assert.deepEqual(stored, [
        { number: 'INV-1', open_minor: 4000 },
        { number: 'INV-2', open_minor: 25050 },
      ]);
    });

    it('refuses rows without a required column, and a body that is not rows', async () => {
      const missing = await put('payments', [{ customer: 'E1', reference: 'P1' }]);
      assert.equal(missing.statusCode, 400, missing.body);
      const fields = (missing.json().error as { issues: { field: string }[] }).issues.map(
        (i) => i.field,
      );
      assert.deepEqual(fields.sort(), ['amount', 'currency', 'date', 'item_number']);
      const empty = await put('customers', []);
      assert.equal(empty.statusCode, 400);
      const nested = await put('customers', [{ code: { nested: true } }]);
      assert.equal(nested.statusCode, 400);
    });

    it('records a payment, and answers a dry run without storing it', async () => {
      const payment = {
        customer: 'E1',
        reference: 'PAY-1',
        date: '2026-03-05',
        currency: 'EUR',
        amount: '40.00',
        item_number: 'INV-1',
      };
      const dry = await put('payments', [payment], bearer, '?dryRun=true');
      assert.equal(dry.statusCode, 200, dry.body);
      assert.deepEqual([dry.json().dryRun, dry.json().batchId], [true, null]);
      assert.equal((await database.db.selectFrom('payments').select('id').execute()).length, 0);
      const real = await put('payments', [payment]);
      assert.equal(real.statusCode, 200, real.body);
      assert.equal(real.json().inserted, 1);
    });

    it('takes a body over the default 1 MB limit (up to 20 MB)', async () => {
      const note = 'x'.repeat(9000);
      const rows = Array.from({ length: 300 }, (_, i) => ({
        code: `BULK${i}`,
        name: `Bulk ${i}`,
        country: 'FR',
        language: 'fr',
        currency: 'EUR',
        erp_note: note,
      }));
      const r = await put('customers', rows);
      assert.equal(r.statusCode, 200, r.body.slice(0, 500));
      assert.equal(r.json().inserted, 300);
    });

    it('needs ledger:import: a viewer is refused, a request without credentials too', async () => {
      assert.equal((await put('customers', CUSTOMERS, viewer.write)).statusCode, 403);
      assert.equal((await put('customers', CUSTOMERS, {})).statusCode, 401);
      const bad = await put('customers', CUSTOMERS, { authorization: 'Bearer rl_nope' });
      assert.equal(bad.statusCode, 401);
    });
  });
}
