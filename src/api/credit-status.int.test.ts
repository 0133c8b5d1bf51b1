import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { csv } from '../../test/helpers/files.ts';
import { TODAY, seedLedger } from '../../test/helpers/ledger-fixture.ts';
import type { Database } from '../store/database.ts';
import { signInAs, testServer } from './auth/api-auth.fixture.ts';

const CUSTOMERS = csv(
  'code,name,country,language,currency,credit_limit',
  'C1,Un SARL,FR,fr,EUR,1000.00',
  'C2,Zwei GmbH,DE,de,EUR,100.00',
  'C3,Trois SA,FR,fr,EUR,',
);
const ITEMS = csv(
  'customer,number,type,issue_date,due_date,currency,amount,open_amount',
  'C1,F1,invoice,2026-02-01,2026-03-01,EUR,300.00,300.00',
  'C1,F2,invoice,2026-03-01,2026-04-30,EUR,250.00,250.00',
  'C2,G1,invoice,2026-03-01,2026-04-30,EUR,150.00,150.00',
  'C3,H1,invoice,2026-02-01,2026-03-01,EUR,10.00,10.00',
);

for (const backend of BACKENDS) {
  describe(
    `GET /api/customers/:code/credit-status (${backend.name})`,
    { skip: backend.skip },
    () => {
      let database: Database;
      let app: FastifyInstance;
      let headers: Record<string, string> = {};
      const get = (url: string) => app.inject({ method: 'GET', url, headers });

      before(async () => {
        database = await backend.open();
        await seedLedger(database, CUSTOMERS, ITEMS);
        await sql`update customers set status = 'on_hold' where code = 'C3'`.execute(database.db);
        app = testServer(database);
        headers = (await signInAs(app, database.db, 'viewer@example.com', 'viewer')).read;
      });
      after(async () => {
        await app?.close();
        await database?.close();
      });

      it('200: the credit status JSON of an active customer within its limit', async () => {
        const r = await get(`/api/customers/C1/credit-status?asOf=${TODAY}`);
        assert.equal(r.statusCode, 200);
        assert.match(String(r.headers['content-type']), /^application\/json/);
        assert.deepEqual(r.json(), {
          company: 'MAIN',
          asOf: TODAY,
          customer: { code: 'C1', name: 'Un SARL', currency: 'EUR', status: 'active' },
          status: 'ok',
          mayTakeOrders: true,
          reason: { code: 'OK', detail: 'the account is active and within its credit limit' },
          reasons: [
            { code: 'OK', detail: 'the account is active and within its credit limit' },
            {
              code: 'OVERDUE_BEYOND_TOLERANCE',
              detail: 'F1 (due 2026-03-01) is 9 days overdue; the company tolerates 0 days',
              since: '2026-03-02',
            },
          ],
          overdueMinor: { EUR: 30000 },
          overdueBeyondToleranceMinor: { EUR: 30000 },
          balanceMinor: { EUR: 55000 },
          exposureMinor: 55000,
          creditLimitMinor: 100000,
          availableCreditMinor: 45000,
          toleranceDays: 0,
        });
      });

      it('200: above the credit limit, and on hold (no new orders)', async () => {
        const over = (await get(`/api/customers/C2/credit-status?asOf=${TODAY}`)).json();
        assert.equal(over.status, 'blocked');
        assert.equal(over.mayTakeOrders, false);
        assert.equal(over.reason.code, 'CREDIT_LIMIT_EXCEEDED');
        assert.equal(over.availableCreditMinor, -5000);
        const held = (
          await get(`/api/customers/C3/credit-status?asOf=${TODAY}&company=MAIN`)
        ).json();
        assert.equal(held.status, 'on_hold');
        assert.equal(held.mayTakeOrders, false);
        assert.equal(held.reason.code, 'ACCOUNT_ON_HOLD');
      });

      it('defaults to today in the company time zone', async () => {
        const r = await get('/api/customers/C1/credit-status');
        assert.equal(r.statusCode, 200);
        assert.match(r.json().asOf, /^\d{4}-\d{2}-\d{2}$/);
      });

      it('404 for an unknown customer or company, 400 for a bad date, naming field and value', async () => {
        const missing = await get('/api/customers/NOPE/credit-status');
        assert.equal(missing.statusCode, 404);
        assert.deepEqual(missing.json(), {
          error: {
            code: 'NOT_FOUND',
            message: 'no customer with code NOPE in company MAIN',
            issues: [
              { field: 'customer', value: 'NOPE', expected: 'the code of an imported customer' },
            ],
            problems: [
              { field: 'customer', value: 'NOPE', expected: 'the code of an imported customer' },
            ],
          },
        });
        const company = await get('/api/customers/C1/credit-status?company=ACME');
        assert.equal(company.statusCode, 404);
        assert.equal(company.json().error.code, 'NOT_FOUND');
        const bad = await get('/api/customers/C1/credit-status?asOf=2026-02-30');
        assert.equal(bad.statusCode, 400);
        assert.deepEqual(bad.json().error.issues, [
          { field: 'asOf', value: '2026-02-30', expected: 'a valid date written YYYY-MM-DD' },
        ]);
      });
    },
  );
}
