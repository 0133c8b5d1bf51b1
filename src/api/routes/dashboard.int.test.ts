import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { BACKENDS } from '../../../test/helpers/test-databases.ts';
import { csv } from '../../../test/helpers/files.ts';
import type { Database } from '../../store/database.ts';
import { todayIn } from '../../store/companies.ts';
import { addDays } from '../../core/calendar/local-date.ts';
import { importCsv } from '../../delivery/delivery.fixture.ts';
import { insertTasks } from '../../tasks/create-tasks.ts';
import { signInAs, testServer, type SignedIn } from '../auth/api-auth.fixture.ts';

for (const backend of BACKENDS) {
  describe(`API: dashboard and worklist (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let app: FastifyInstance;
    let admin: SignedIn;
    let today: string;

    before(async () => {
      database = await backend.open();
      await importCsv(
        database,
        'customers',
        csv(
          'code,name,country,language,currency,email,collector',
          'D1,Delta SARL,FR,fr,EUR,ap@delta.example,Marie Martin',
          'D2,Echo SA,FR,fr,EUR,ap@echo.example,Paul Petit',
          'D3,Fox Ltd,GB,en,GBP,ap@fox.example,Paul Petit',
        ),
      );
      const company = await database.db
        .selectFrom('companies')
        .select(['id', 'timezone'])
        .executeTakeFirstOrThrow();
      today = todayIn(company.timezone);
      const due = (days: number) => addDays(today, -days);
      // K-13-like spread: not due, 1–30, 61–90, over 120; a GBP item is left out (EUR company).
      await importCsv(
        database,
        'items',
        csv(
          'customer,number,type,issue_date,due_date,currency,amount,open_amount',
          `D1,E1,invoice,${due(400)},${due(-10)},EUR,100.00,100.00`,
          `D1,E2,invoice,${due(400)},${due(5)},EUR,200.00,200.00`,
          `D2,E3,invoice,${due(400)},${due(75)},EUR,300.00,300.00`,
          `D2,E4,invoice,${due(400)},${due(200)},EUR,400.00,400.00`,
          `D3,E5,invoice,${due(400)},${due(20)},GBP,999.00,999.00`,
        ),
      );
      const ids = new Map(
        (await database.db.selectFrom('customers').select(['id', 'code']).execute()).map((c) => [
          c.code,
          c.id,
        ]),
      );
      await insertTasks(
        database.db,
        ['D1', 'D2'].map((code) => ({
          company_id: company.id,
          customer_id: ids.get(code)!,
          kind: 'call_task' as const,
          title: `Call ${code}`,
          due_date: today,
          assignee_role: 'collector' as const,
          assignee: null,
          template_code: null,
        })),
        today,
      );
      app = testServer(database);
      admin = await signInAs(app, database.db, 'admin@seller.example', 'admin');
    });
    after(async () => {
      await app?.close();
      await database?.close();
    });

    it('gives the aged balance by bucket in the company currency, and the top overdue', async () => {
      const r = await app.inject({ url: '/api/dashboard', headers: admin.read });
      assert.equal(r.statusCode, 200, r.body);
      const d = r.json() as {
        currency: string;
        aging: { bucket: string; amountMinor: number }[];
        trend: { month: string; overdueMinor: number }[];
        topOverdue: { code: string; overdueMinor: number }[];
      };
      assert.equal(d.currency, 'EUR');
      assert.deepEqual(Object.fromEntries(d.aging.map((a) => [a.bucket, a.amountMinor])), {
        current: 10000,
        '1-30': 20000,
        '31-60': 0,
        '61-90': 30000,
        '91-120': 0,
        '120+': 40000,
      });
      assert.equal(d.trend.length, 12);
      assert.equal(d.trend[11]!.overdueMinor, 90000);
      assert.deepEqual(
        d.topOverdue.map((t) => [t.code, t.overdueMinor]),
        [
          ['D2', 70000],
          ['D1', 20000],
        ],
      );
    });

    it('orders the worklist by priority and explains each score; a collector sees their own', async () => {
      const r = await app.inject({ url: '/api/worklist', headers: admin.read });
      assert.equal(r.statusCode, 200, r.body);
      const w = r.json() as {
        tasks: { customer: { code: string }; score: number; explanation: string }[];
      };
      assert.deepEqual(
        w.tasks.map((t) => t.customer.code),
        ['D2', 'D1'],
      );
      assert.ok(w.tasks[0]!.score > w.tasks[1]!.score);
      assert.match(
        w.tasks[0]!.explanation,
        /^700\.00 EUR overdue × lateness \d\.\d\d \(200 days\) × risk 1\.00$/,
      );
      const marie = await signInAs(
        app,
        database.db,
        'marie@seller.example',
        'collector',
        'Marie Martin',
      );
      const mine = (await app.inject({ url: '/api/worklist', headers: marie.read })).json() as {
        tasks: { customer: { code: string } }[];
      };
      assert.deepEqual(
        mine.tasks.map((t) => t.customer.code),
        ['D1'],
      );
      const aging = (await app.inject({ url: '/api/dashboard', headers: marie.read })).json() as {
        aging: { amountMinor: number }[];
      };
      assert.equal(
        aging.aging.reduce((s, a) => s + a.amountMinor, 0),
        30000,
      );
    });
  });
}
