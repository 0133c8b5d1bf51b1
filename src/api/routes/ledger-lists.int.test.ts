import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { BACKENDS } from '../../../test/helpers/test-databases.ts';
import { csv } from '../../../test/helpers/files.ts';
import type { Database } from '../../store/database.ts';
import { importCsv } from '../../delivery/delivery.fixture.ts';
import { signInAs, testServer, type SignedIn } from '../auth/api-auth.fixture.ts';

const CUSTOMERS = csv(
  'code,name,country,language,currency,email,collector,sales_owner',
  'K1,Kilo SARL,FR,fr,EUR,ap@kilo.example,Marie Martin,Sam Sales',
  'K2,Lima GmbH,DE,de,EUR,ap@lima.example,Stefan Krause,Other Seller',
);
const ITEMS = csv(
  'customer,number,type,issue_date,due_date,currency,amount,open_amount,disputed',
  'K1,I1,invoice,2025-12-01,2026-01-01,EUR,100.00,100.00,no',
  'K1,I2,invoice,2026-01-15,2026-02-15,EUR,200.00,200.00,no',
  'K1,I3,invoice,2026-02-01,2099-01-31,EUR,50.00,50.00,no',
  'K1,I4,invoice,2026-01-01,2026-02-01,EUR,80.00,80.00,yes',
  'K1,CN1,credit_note,2026-02-10,,EUR,30.00,30.00,',
  'K1,U1,invoice,2026-01-01,2026-02-20,USD,500.00,500.00,no',
  'K2,J1,invoice,2026-01-01,2026-02-01,EUR,900.00,900.00,no',
);
// P1 settles I1 and pays 50.00 of I2; P2 is not allocated; Q1 pays 100.00 of J1.
const PAYMENTS = csv(
  'customer,reference,date,currency,amount,item_number,allocated_amount',
  'K1,P1,2026-03-01,EUR,150.00,I1,100.00',
  'K1,P1,2026-03-01,EUR,150.00,I2,50.00',
  'K1,P2,2026-03-05,EUR,40.00,,',
  'K2,Q1,2026-02-20,EUR,100.00,J1,',
);

interface ItemPage {
  asOf: string;
  total: number;
  rows: { number: string; status: string; openMinor: number; settledOn: string | null }[];
}
interface PaymentPage {
  total: number;
  rows: {
    reference: string;
    customer: { code: string };
    amountMinor: number;
    allocatedMinor: number;
    unallocatedMinor: number;
    allocations: { item: string; amountMinor: number }[];
  }[];
}

for (const backend of BACKENDS) {
  describe(`API: items and payments lists (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let app: FastifyInstance;
    let admin: SignedIn;
    let marie: SignedIn;
    let sam: SignedIn;

    before(async () => {
      database = await backend.open();
      await importCsv(database, 'customers', CUSTOMERS);
      await importCsv(database, 'items', ITEMS);
      await importCsv(database, 'payments', PAYMENTS);
      app = testServer(database);
      admin = await signInAs(app, database.db, 'admin@seller.example', 'admin');
      marie = await signInAs(app, database.db, 'marie@seller.example', 'collector', 'Marie Martin');
      sam = await signInAs(app, database.db, 'sam@seller.example', 'sales', 'Sam Sales');
    });
    after(async () => {
      await app?.close();
      await database?.close();
    });

    const get = async <T>(who: SignedIn, url: string, status = 200): Promise<T> => {
      const r = await app.inject({ url, headers: who.read });
      assert.equal(r.statusCode, status, `${url}: ${r.body}`);
      return r.json() as T;
    };
    const numbers = (page: ItemPage) => page.rows.map((r) => r.number);
    const items = (query: string) =>
      get<ItemPage>(admin, `/api/customers/K1/items?asOf=2026-03-10${query}`);

    it("lists a customer's open items by due date, filtered by state and currency", async () => {
      const open = await items('');
      assert.equal(open.asOf, '2026-03-10');
      assert.equal(open.total, 6);
      assert.deepEqual(numbers(open), ['I4', 'CN1', 'I2', 'U1', 'P2', 'I3']);
      assert.deepEqual(
        open.rows.map((r) => [r.number, r.status, r.openMinor]),
        [
          ['I4', 'overdue', 8000],
          ['CN1', 'credit_note', -3000],
          ['I2', 'overdue', 15000],
          ['U1', 'overdue', 50000],
          ['P2', 'unallocated_payment', -4000],
          ['I3', 'not_due', 5000],
        ],
      );
      assert.deepEqual(numbers(await items('&status=overdue')), ['I4', 'I2', 'U1']);
      assert.deepEqual(numbers(await items('&status=overdue&currency=eur')), ['I4', 'I2']);
      assert.deepEqual(numbers(await items('&status=not_due')), ['I3']);
      assert.deepEqual(numbers(await items('&status=disputed')), ['I4']);
      const all = await items('&status=all');
      assert.equal(all.total, 7);
      const settled = all.rows.find((r) => r.number === 'I1');
      assert.deepEqual([settled?.status, settled?.openMinor], ['settled', 0]);
      assert.ok(settled?.settledOn);
    });

    it('sorts and pages', async () => {
      const page2 = await items('&pageSize=2&page=2');
      assert.deepEqual([page2.total, numbers(page2)], [6, ['I2', 'U1']]);
      assert.deepEqual(numbers(await items('&order=desc&pageSize=2')), ['I3', 'P2']);
      assert.deepEqual(numbers(await items('&sort=open_amount&order=desc&pageSize=2')), [
        'U1',
        'I2',
      ]);
    });

    it("lists a customer's payments with their allocations, newest first", async () => {
      const page = await get<PaymentPage>(admin, '/api/customers/K1/payments');
      assert.equal(page.total, 2);
      assert.deepEqual(
        page.rows.map((p) => [p.reference, p.amountMinor, p.allocatedMinor, p.unallocatedMinor]),
        [
          ['P2', 4000, 0, 4000],
          ['P1', 15000, 15000, 0],
        ],
      );
      assert.deepEqual(page.rows[1]!.allocations, [
        { item: 'I1', type: 'invoice', amountMinor: 10000 },
        { item: 'I2', type: 'invoice', amountMinor: 5000 },
      ]);
      const unallocated = await get<PaymentPage>(
        admin,
        '/api/customers/K1/payments?unallocated=true',
      );
      assert.deepEqual(
        unallocated.rows.map((p) => p.reference),
        ['P2'],
      );
    });

    it("lists the company's payments by date range, limited to the caller's portfolio", async () => {
      const refs = (page: PaymentPage) => page.rows.map((p) => p.reference);
      assert.deepEqual(refs(await get<PaymentPage>(admin, '/api/payments')), ['P2', 'P1', 'Q1']);
      assert.deepEqual(
        refs(await get<PaymentPage>(admin, '/api/payments?order=asc&from=2026-03-01')),
        ['P1', 'P2'],
      );
      assert.deepEqual(refs(await get<PaymentPage>(admin, '/api/payments?to=2026-02-28')), ['Q1']);
      assert.deepEqual(
        refs(await get<PaymentPage>(admin, '/api/payments?from=2026-03-01&to=2026-03-01')),
        ['P1'],
      );
      const mine = await get<PaymentPage>(marie, '/api/payments');
      assert.deepEqual([mine.total, refs(mine)], [2, ['P2', 'P1']]);
      assert.deepEqual(refs(await get<PaymentPage>(sam, '/api/payments?unallocated=1')), ['P2']);
      const paged = await get<PaymentPage>(admin, '/api/payments?pageSize=1&page=3');
      assert.deepEqual([paged.total, refs(paged)], [3, ['Q1']]);
    });

    it("answers 404 for another portfolio's customer, as for one that does not exist", async () => {
      for (const url of ['/api/customers/K2/items', '/api/customers/K2/payments']) {
        const hidden = await get<{ error: { code: string; message: string } }>(marie, url, 404);
        const missing = await get<{ error: { code: string; message: string } }>(
          marie,
          url.replace('K2', 'K9'),
          404,
        );
        assert.equal(hidden.error.message, missing.error.message.replace('K9', 'K2'));
        await get(sam, url, 404);
        await get(admin, url, 200);
      }
      await get(marie, '/api/customers/K1/items', 200);
      await get(sam, '/api/customers/K1/payments', 200);
      const anonymous = await app.inject({ url: '/api/payments' });
      assert.equal(anonymous.statusCode, 401);
    });

    it('describes the routes in the OpenAPI document', async () => {
      const doc = await app.inject({ url: '/api/openapi.json' });
      assert.equal(doc.statusCode, 200, doc.body);
      const spec = doc.json() as { paths: Record<string, Record<string, unknown>> };
      for (const path of [
        '/api/customers/{code}/items',
        '/api/customers/{code}/payments',
        '/api/payments',
      ])
        assert.ok(spec.paths[path]?.get, path);
      assert.ok(spec.paths['/api/users/{id}']?.patch, 'PATCH /api/users/{id}');
    });

    it('refuses bad query parameters, naming each one', async () => {
      const fields = async (url: string) => {
        const body = await get<{ error: { code: string; issues: { field: string }[] } }>(
          admin,
          url,
          400,
        );
        assert.equal(body.error.code, 'INVALID_INPUT');
        return body.error.issues.map((i) => i.field).sort();
      };
      assert.deepEqual(
        await fields('/api/customers/K1/items?status=late&currency=EURO&asOf=2026-02-30'),
        ['querystring.asOf', 'querystring.currency', 'querystring.status'],
      );
      assert.deepEqual(await fields('/api/customers/K1/items?pageSize=501&sort=size'), [
        'querystring.pageSize',
        'querystring.sort',
      ]);
      assert.deepEqual(await fields('/api/payments?unallocated=maybe&page=0'), [
        'querystring.page',
        'querystring.unallocated',
      ]);
      assert.deepEqual(await fields('/api/payments?from=2026-03-02&to=2026-03-01'), [
        'querystring.to',
      ]);
      assert.deepEqual(await fields('/api/customers/K1/payments?from=01/03/2026'), [
        'querystring.from',
      ]);
    });
  });
}
