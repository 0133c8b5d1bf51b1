import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { tempDir, writeFile, csv } from '../../test/helpers/files.ts';
import type { Database } from '../store/database.ts';
import { importFile } from '../imports/import-file.ts';
import { saveScenario } from '../store/scenarios.ts';
import { resolveCompany } from '../store/companies.ts';
import { validateScenario } from '../core/scenario/validate-scenario.ts';
import { approveActions } from '../ledger/approve-actions.ts';
import { creditStatus } from '../ledger/credit-status.ts';
import { runDunning, type RunOptions } from './run-dunning.ts';

/*
 * The run across days, company MAIN (FR, Europe/Paris):
 *   Tue 2026-03-10  reminders for H1 (due 03-03), P1 (due 03-05), Q1 (due 03-06)
 *   Wed 2026-03-11  P1 paid before the reminder went out → the reminder is cancelled (PAID)
 *   Sat 2026-03-14  not a business day: everything waits (NON_BUSINESS_DAY)
 *   Mon 2026-03-16  notice for H1 (auto, holds the account) and Q1 (confirm: awaits approval)
 *   then H1 pays → released at the next run; Q1's notice approved → held
 */
const dir = tempDir('relance-lifecycle-');
const CUSTOMERS = csv(
  'code,name,country,language,currency,email,address_line1,postal_code,city,scenario',
  'H1,Hold SARL,FR,fr,EUR,ap@h1.example,1 rue A,75001,Paris,fast',
  'P1,Paid SARL,FR,fr,EUR,ap@p1.example,2 rue B,75002,Paris,fast',
  'Q1,Quiet SARL,FR,fr,EUR,ap@q1.example,3 rue C,75003,Paris,confirm_notice',
);
const ITEMS_HEADER = 'customer,number,type,issue_date,due_date,currency,amount,open_amount';
const ITEMS = [
  'H1,H-1,invoice,2026-02-01,2026-03-03,EUR,100.00,100.00',
  'P1,P-1,invoice,2026-02-01,2026-03-05,EUR,200.00,200.00',
  'Q1,Q-1,invoice,2026-02-01,2026-03-06,EUR,300.00,300.00',
];

function scenario(code: string, noticeMode: 'auto' | 'confirm') {
  return validateScenario(
    {
      code,
      name: code,
      steps: [
        {
          id: 'reminder',
          name: 'Reminder',
          kind: 'reminder',
          offsetDays: 1,
          actions: [{ kind: 'email', template: 'reminder_email' }],
        },
        {
          id: 'notice',
          name: 'Notice',
          kind: 'formal_notice',
          offsetDays: 6,
          minDaysSincePrevious: 3,
          mode: noticeMode,
          actions: [{ kind: 'email', template: 'notice_email' }, { kind: 'hold_account' }],
        },
      ],
    },
    null,
  );
}

for (const backend of BACKENDS) {
  describe(`the dunning run across days (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let files = 0;
    const importItems = async (rows: string[], asOf: string) => {
      files += 1;
      await importFile(database, {
        kind: 'items',
        path: writeFile(dir, `${backend.name}-items-${files}.csv`, csv(ITEMS_HEADER, ...rows)),
        asOf,
      });
    };
    const run = (asOf: string, over: Partial<RunOptions> = {}) =>
      runDunning(database, { asOf, now: new Date(), ...over });
    const states = async () =>
      (
        await database.db
          .selectFrom('dunning_actions as a')
          .innerJoin('customers as c', 'c.id', 'a.customer_id')
          .select(['c.code', 'a.step_id', 'a.as_of', 'a.state', 'a.cancel_reason'])
          .orderBy('a.id')
          .execute()
      ).map(
        (r) =>
          `${r.code} ${r.step_id} ${r.as_of} ${r.state}${r.cancel_reason ? ` ${r.cancel_reason}` : ''}`,
      );

    before(async () => {
      database = await backend.open();
      await importFile(database, {
        kind: 'customers',
        path: writeFile(dir, `${backend.name}-customers.csv`, CUSTOMERS),
        asOf: '2026-03-10',
      });
      await importItems(ITEMS, '2026-03-10');
      const company = await resolveCompany(database.db, undefined);
      await saveScenario(database.db, company.id, scenario('fast', 'auto'));
      await saveScenario(database.db, company.id, scenario('confirm_notice', 'confirm'));
    });
    after(async () => database?.close());

    it('plans the reminders, once however often it runs that day', async () => {
      const first = await run('2026-03-10');
      assert.deepEqual(first.actions.map((a) => `${a.customer} ${a.step}`).sort(), [
        'H1 reminder',
        'P1 reminder',
        'Q1 reminder',
      ]);
      // Hourly re-runs the same day.
      for (let hour = 1; hour <= 3; hour++) {
        const again = await run('2026-03-10', { now: new Date(Date.now() + hour * 3_600_000) });
        assert.equal(again.counts.actions, 0);
        assert.equal(again.counts.skipsByCode.ALREADY_DONE, 3);
      }
      assert.equal((await states()).length, 3);
    });

    it('a payment imported after planning cancels the action before it goes out', async () => {
      await importItems(['P1,P-1,invoice,2026-02-01,2026-03-05,EUR,200.00,0.00'], '2026-03-11');
      const r = await run('2026-03-11');
      assert.deepEqual(
        r.cancelled.map((c) => `${c.customer} ${c.step} ${c.reason}`),
        ['P1 reminder PAID'],
      );
      assert.deepEqual(await states(), [
        'H1 reminder 2026-03-10 planned',
        'P1 reminder 2026-03-10 cancelled PAID',
        'Q1 reminder 2026-03-10 planned',
      ]);
      const events = await database.db
        .selectFrom('timeline')
        .select(['code', 'detail'])
        .where('code', '=', 'ACTION_CANCELLED')
        .execute();
      assert.equal(events.length, 1);
      assert.match(events[0]!.detail, /PAID/);
      // Re-checking again cancels nothing more.
      const again = await run('2026-03-11');
      assert.deepEqual(again.cancelled, []);
    });

    it('a partial payment keeps the action and the item at the same step', async () => {
      await importItems(['H1,H-1,invoice,2026-02-01,2026-03-03,EUR,100.00,60.00'], '2026-03-12');
      const r = await run('2026-03-12');
      assert.deepEqual(r.cancelled, []);
      assert.ok((await states()).includes('H1 reminder 2026-03-10 planned'));
    });

    it('waits on a Saturday and on a public holiday of the company country', async () => {
      for (const day of ['2026-03-14', '2026-05-01']) {
        const r = await run(day, { dryRun: true, force: true });
        assert.equal(r.businessDay, false, day);
        assert.equal(r.counts.actions, 0, day);
        assert.deepEqual(Object.keys(r.counts.skipsByCode), ['NON_BUSINESS_DAY'], day);
      }
    });

    it('a dry run says how its plan differs from the last run', async () => {
      const dry = await run('2026-03-16', { dryRun: true, force: true });
      // The last stored run (2026-03-12) planned nothing new.
      assert.deepEqual(dry.diff?.against?.asOf, '2026-03-12');
      assert.deepEqual(dry.diff?.added.map((e) => `${e.customer} ${e.step}`).sort(), [
        'H1 notice',
        'Q1 notice',
      ]);
      assert.deepEqual(dry.diff?.removed, []);
      assert.deepEqual(dry.holds.held, ['H1']);
    });

    it('hold_account holds the account; a confirm-mode hold waits for approval', async () => {
      const r = await run('2026-03-16', { force: true });
      assert.deepEqual(r.actions.map((a) => `${a.customer} ${a.step} ${a.mode}`).sort(), [
        'H1 notice auto',
        'Q1 notice confirm',
      ]);
      assert.deepEqual(r.holds, { held: ['H1'], released: [] });
      const h1 = await creditStatus(database.db, undefined, 'H1', '2026-03-16');
      assert.equal(h1.status, 'on_hold');
      assert.equal(h1.mayTakeOrders, false);
      assert.equal(h1.reason.code, 'ACCOUNT_ON_HOLD');
      assert.equal(h1.reason.step, 'notice');
      const q1 = await creditStatus(database.db, undefined, 'Q1', '2026-03-16');
      assert.equal(q1.status, 'ok');
      assert.ok(q1.reasons.some((x) => x.code === 'OVERDUE_BEYOND_TOLERANCE'));

      const pending = await database.db
        .selectFrom('dunning_actions')
        .select('id')
        .where('state', '=', 'awaiting_approval')
        .execute();
      assert.equal(pending.length, 1);
      await approveActions(database.db, {
        ids: [pending[0]!.id],
        now: new Date('2026-03-17T09:00:00Z'),
      });
      // The dry run shows the hold the approved action will apply, and stores nothing.
      const preview = await run('2026-03-17', { force: true, dryRun: true });
      assert.deepEqual(preview.holds, { held: ['Q1'], released: [] });
      const next = await run('2026-03-17', { force: true });
      assert.deepEqual(next.holds, { held: ['Q1'], released: [] });
      // A hold action holds once: running again changes nothing.
      const again = await run('2026-03-17', { force: true });
      assert.deepEqual(again.holds, { held: [], released: [] });
    });

    it('a paid account is released by the next run, and stays released', async () => {
      await importItems(['H1,H-1,invoice,2026-02-01,2026-03-03,EUR,100.00,0.00'], '2026-03-18');
      const preview = await run('2026-03-18', { force: true, dryRun: true });
      assert.deepEqual(preview.holds, { held: [], released: ['H1'] });
      const r = await run('2026-03-18', { force: true });
      assert.deepEqual(r.holds, { held: [], released: ['H1'] });
      const h1 = await creditStatus(database.db, undefined, 'H1', '2026-03-18');
      assert.equal(h1.status, 'ok');
      assert.equal(h1.mayTakeOrders, true);
      const next = await run('2026-03-19', { force: true });
      assert.deepEqual(next.holds, { held: [], released: [] });
      const events = await database.db
        .selectFrom('timeline as t')
        .innerJoin('customers as c', 'c.id', 't.customer_id')
        .select('t.code')
        .where('c.code', '=', 'H1')
        .where('t.code', 'in', ['ACCOUNT_HELD', 'ACCOUNT_RELEASED'])
        .orderBy('t.id')
        .execute();
      assert.deepEqual(
        events.map((e) => e.code),
        ['ACCOUNT_HELD', 'ACCOUNT_RELEASED'],
      );
    });

    it('counts only, when asked not to collect (bounded memory)', async () => {
      const r = await run('2026-03-20', { dryRun: true, force: true, collect: false });
      assert.deepEqual(r.actions, []);
      assert.deepEqual(r.skips, []);
      assert.ok(r.counts.skips > 0);
      assert.equal(r.diff, undefined);
    });
  });
}
