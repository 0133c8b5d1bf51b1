import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { BACKENDS } from '../../../test/helpers/test-databases.ts';
import { csv } from '../../../test/helpers/files.ts';
import { addDays, type LocalDate } from '../../core/calendar/local-date.ts';
import type { Database } from '../../store/database.ts';
import { todayIn } from '../../store/companies.ts';
import { importCsv } from '../../delivery/delivery.fixture.ts';
import { runDunning } from '../../runs/run-dunning.ts';
import { isBusinessDay } from '../../runs/business-calendar.ts';
import { addPromise } from '../../ledger/add-promise.ts';
import { signInAs, testServer, type SignedIn } from '../auth/api-auth.fixture.ts';

interface Plan {
  runId: number | null;
  dryRun: boolean;
  customers: number;
  actions: { customer: string; step: string; reasons: string[]; mode: string }[];
  skips: { customer: string; code: string }[];
}

for (const backend of BACKENDS) {
  describe(`API: send a step now (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let app: FastifyInstance;
    let credit: SignedIn;
    let marie: SignedIn;
    let other: SignedIn;
    let sales: SignedIn;
    let today: LocalDate;

    before(async () => {
      database = await backend.open();
      await importCsv(
        database,
        'customers',
        csv(
          'code,name,country,language,currency,email,collector,sales_owner',
          'S1,Sierra SARL,FR,fr,EUR,ap@sierra.example,Marie Martin,Sam Sales',
          'S2,Tango SAS,FR,fr,EUR,ap@tango.example,Marie Martin,Sam Sales',
        ),
      );
      const company = await database.db
        .selectFrom('companies')
        .select('timezone')
        .executeTakeFirstOrThrow();
      today = todayIn(company.timezone) as LocalDate;
      // The reminder went out on the last business day before yesterday, two days after the due date.
      let reminded = addDays(today, -2);
      while (!isBusinessDay('FR', reminded)) reminded = addDays(reminded, -1);
      const due = addDays(reminded, -2);
      await importCsv(
        database,
        'items',
        csv(
          'customer,number,type,issue_date,due_date,currency,amount,open_amount',
          `S1,SN1,invoice,${addDays(due, -30)},${due},EUR,100.00,100.00`,
          `S2,SN2,invoice,${addDays(due, -30)},${due},EUR,200.00,200.00`,
        ),
      );
      // Both had their reminder; the next step (level 1, eight days late) is days away.
      await runDunning(database, { asOf: reminded, now: new Date(), force: true });
      await addPromise(database.db, {
        customer: 'S2',
        date: addDays(today, 5),
        amount: '200.00',
      });
      app = testServer(database);
      credit = await signInAs(app, database.db, 'credit@seller.example', 'credit_manager');
      marie = await signInAs(app, database.db, 'marie@seller.example', 'collector', 'Marie Martin');
      other = await signInAs(app, database.db, 'olga@seller.example', 'collector', 'Olga Other');
      sales = await signInAs(app, database.db, 'sam@seller.example', 'sales', 'Sam Sales');
    });
    after(async () => {
      await app?.close();
      await database?.close();
    });

    const sendNow = (code: string, who: SignedIn, payload: object = {}) =>
      app.inject({
        method: 'POST',
        url: `/api/customers/${code}/send-now`,
        headers: who.write,
        payload,
      });
    const actionCount = async () =>
      (await database.db.selectFrom('dunning_actions').select('id').execute()).length;

    it('a dry run says what the next step would be, and stores nothing', async () => {
      const before = await actionCount();
      const r = await sendNow('S1', marie, { dryRun: true });
      assert.equal(r.statusCode, 200, r.body);
      const plan = r.json() as Plan;
      assert.equal(plan.dryRun, true);
      assert.equal(plan.customers, 1);
      assert.deepEqual(
        plan.actions.map((a) => [a.customer, a.step, a.reasons.includes('SENT_NOW')]),
        [['S1', 'level_1', true]],
      );
      assert.equal(await actionCount(), before);
    });

    it('the collector sends it: one action, ahead of its schedule, audited; not twice a day', async () => {
      const r = await sendNow('S1', marie);
      assert.equal(r.statusCode, 200, r.body);
      const plan = r.json() as Plan;
      assert.ok(plan.runId);
      assert.deepEqual(
        plan.actions.map((a) => a.step),
        ['level_1'],
      );
      const stored = await database.db
        .selectFrom('dunning_actions as a')
        .innerJoin('customers as c', 'c.id', 'a.customer_id')
        .select(['c.code', 'a.step_id', 'a.as_of', 'a.reasons'])
        .where('a.run_id', '=', plan.runId)
        .execute();
      assert.deepEqual(
        stored.map((s) => [s.code, s.step_id, s.as_of]),
        [['S1', 'level_1', today]],
      );
      const audit = await database.db
        .selectFrom('audit_log')
        .select(['action', 'target_id'])
        .where('action', '=', 'customer.send_now')
        .execute();
      assert.deepEqual(audit, [{ action: 'customer.send_now', target_id: 'S1' }]);
      const again = (await sendNow('S1', marie)).json() as Plan;
      assert.deepEqual(again.actions, []);
      assert.deepEqual(
        again.skips.map((s) => s.code),
        ['ALREADY_DONE'],
      );
    });

    it('a promise still stops it, and the answer says so', async () => {
      const plan = (await sendNow('S2', credit)).json() as Plan;
      assert.deepEqual(plan.actions, []);
      assert.deepEqual(
        plan.skips.map((s) => [s.customer, s.code]),
        [['S2', 'PROMISE_PENDING']],
      );
    });

    it('only for those who collect that customer', async () => {
      assert.equal((await sendNow('S1', other)).statusCode, 404);
      assert.equal((await sendNow('S1', sales)).statusCode, 403);
      assert.equal((await sendNow('NOPE', credit)).statusCode, 404);
      const noCsrf = await app.inject({
        method: 'POST',
        url: '/api/customers/S1/send-now',
        headers: marie.read,
        payload: {},
      });
      assert.equal(noCsrf.statusCode, 403);
      const bad = await sendNow('S1', marie, { dryRun: 'yes' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /body\.dryRun/);
    });
  });
}
