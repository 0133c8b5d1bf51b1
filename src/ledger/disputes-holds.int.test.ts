import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { csv } from '../../test/helpers/files.ts';
import { NOW, TODAY, eventsOf, refused, seedLedger } from '../../test/helpers/ledger-fixture.ts';
import type { Database } from '../store/database.ts';
import { AppError } from '../core/errors.ts';
import { runDunning } from '../runs/run-dunning.ts';
import { openDispute } from './open-dispute.ts';
import { resolveDispute } from './resolve-dispute.ts';
import { placeHold, type PlaceHoldInput } from './place-hold.ts';
import { releaseHold } from './release-hold.ts';
import { excludeCustomer, includeCustomer } from './exclude-customer.ts';

import { creditStatus } from './credit-status.ts';

const CUSTOMERS = csv(
  'code,name,country,language,currency,email',
  'C1,Un SARL,FR,fr,EUR,ap@un.example',
  'C2,Zwei GmbH,DE,de,EUR,ap@zwei.example',
  'C3,Trois SA,FR,fr,EUR,ap@trois.example',
);
// Item "C3" of customer C1 shares its number with customer C3's code.
const ITEMS = csv(
  'customer,number,type,issue_date,due_date,currency,amount,open_amount',
  'C1,F1,invoice,2026-01-01,2026-02-01,EUR,100.00,100.00',
  'C1,F2,invoice,2026-03-01,2026-03-31,EUR,50.00,50.00',
  'C1,F3,invoice,2026-01-01,2026-02-01,EUR,70.00,0',
  'C1,A1,credit_note,2026-02-01,,EUR,20.00,20.00',
  'C1,C3,invoice,2026-01-15,2026-02-15,EUR,30.00,30.00',
  'C2,G1,invoice,2026-01-01,2026-02-01,EUR,10.00,10.00',
  'C3,H1,invoice,2026-01-01,2026-02-01,EUR,10.00,10.00',
);

for (const backend of BACKENDS) {
  describe(
    `disputes, dunning pauses and exclusion (${backend.name})`,
    { skip: backend.skip },
    () => {
      let database: Database;
      const item = (number: string) =>
        database.db
          .selectFrom('items')
          .select(['disputed', 'dispute_reason', 'hold_until', 'hold_reason'])
          .where('number', '=', number)
          .executeTakeFirstOrThrow();
      const customer = (code: string) =>
        database.db
          .selectFrom('customers')
          .select(['status', 'hold_until', 'hold_reason'])
          .where('code', '=', code)
          .executeTakeFirstOrThrow();
      const hold = (over: Partial<PlaceHoldInput>) =>
        placeHold(database.db, {
          target: 'C1',
          until: '2026-03-31',
          reason: 'awaiting the purchase order',
          now: NOW,
          ...over,
        });

      before(async () => {
        database = await backend.open();
        await seedLedger(database, CUSTOMERS, ITEMS);
      });
      after(async () => database?.close());

      describe('disputes', () => {
        it('opens a dispute on an open invoice: flag, reason and a timeline event', async () => {
          const view = await openDispute(database.db, {
            item: 'F1',
            reason: '  short delivery ',
            now: NOW,
          });
          assert.deepEqual(view, {
            customer: 'C1',
            item: 'F1',
            currency: 'EUR',
            openMinor: 10000,
            disputed: true,
            disputeReason: 'short delivery',
          });
          assert.deepEqual(await item('F1'), {
            disputed: true,
            dispute_reason: 'short delivery',
            hold_until: null,
            hold_reason: null,
          });
          assert.deepEqual(await eventsOf(database, 'C1'), [
            'DISPUTE_OPENED: F1 disputed: short delivery',
          ]);
          const row = await database.db
            .selectFrom('timeline')
            .select(['as_of', 'item', 'currency', 'source'])
            .where('code', '=', 'DISPUTE_OPENED')
            .executeTakeFirstOrThrow();
          assert.deepEqual(row, { as_of: TODAY, item: 'F1', currency: 'EUR', source: 'ledger' });
        });

        it('the run skips the disputed invoice (DISPUTED)', async () => {
          const plan = await runDunning(database, { asOf: TODAY, now: NOW, dryRun: true });
          assert.ok(
            plan.skips.some((s) => s.customer === 'C1' && s.code === 'DISPUTED' && s.item === 'F1'),
          );
        });

        it('refuses an unknown, settled, non-invoice or already disputed item; nothing changes', async () => {
          await refused(
            database,
            () => openDispute(database.db, { item: 'NOPE', reason: 'x', now: NOW }),
            'NOT_FOUND',
            ['item: NOPE'],
          );
          await refused(
            database,
            () => openDispute(database.db, { item: 'F3', reason: 'x', now: NOW }),
            'INVALID_INPUT',
            ['item: F3'],
          );
          await refused(
            database,
            () => openDispute(database.db, { item: 'A1', reason: 'x', now: NOW }),
            'INVALID_INPUT',
            ['item: A1'],
          );
          // Every problem at once: the missing reason and the item already disputed.
          await refused(
            database,
            () => openDispute(database.db, { item: 'F1', reason: '  ', now: NOW }),
            'INVALID_INPUT',
            ['reason:   ', 'item: F1'],
          );
          await refused(
            database,
            () => openDispute(database.db, { item: 'F2', now: NOW }),
            'INVALID_INPUT',
            ['reason: '],
          );
          await assert.rejects(
            openDispute(database.db, { item: 'F3', reason: 'x', now: NOW }),
            (e: AppError) =>
              e.message === 'cannot open a dispute on F3' &&
              e.problems[0]?.expected === 'an open invoice (F3 is settled)',
          );
          await assert.rejects(
            openDispute(database.db, { item: 'F1', reason: 'again', now: NOW }),
            (e: AppError) =>
              e.problems[0]?.expected ===
              'an undisputed invoice (F1 is already disputed: short delivery)',
          );
          await assert.rejects(
            openDispute(database.db, { item: 'A1', reason: 'x', now: NOW }),
            (e: AppError) => e.problems[0]?.expected === 'an open invoice (A1 is a credit note)',
          );
        });

        it('resolves a dispute once, keeping the reason it had in the timeline', async () => {
          const view = await resolveDispute(database.db, {
            item: 'F1',
            reason: 'missing goods delivered',
            now: NOW,
          });
          assert.equal(view.disputed, false);
          assert.equal(view.disputeReason, null);
          assert.deepEqual(await item('F1'), {
            disputed: false,
            dispute_reason: null,
            hold_until: null,
            hold_reason: null,
          });
          assert.equal(
            (await eventsOf(database, 'C1')).at(-1),
            'DISPUTE_RESOLVED: dispute on F1 resolved: missing goods delivered (was: short delivery)',
          );
          await refused(
            database,
            () => resolveDispute(database.db, { item: 'F1', now: NOW }),
            'INVALID_INPUT',
            ['item: F1'],
          );
          await refused(
            database,
            () => resolveDispute(database.db, { item: 'NOPE', now: NOW }),
            'NOT_FOUND',
            ['item: NOPE'],
          );
          // Disputed again later, resolved without a reason.
          await openDispute(database.db, { item: 'F1', reason: 'wrong price', now: NOW });
          await resolveDispute(database.db, { item: 'F1', now: NOW });
          assert.deepEqual((await eventsOf(database, 'C1')).slice(-2), [
            'DISPUTE_OPENED: F1 disputed: wrong price',
            'DISPUTE_RESOLVED: dispute on F1 resolved (was: wrong price)',
          ]);
        });
      });

      describe('dunning pauses (relance hold)', () => {
        it('pauses a customer until a date; a new pause replaces the old one', async () => {
          const view = await hold({});
          assert.deepEqual(view, {
            target: 'customer',
            customer: 'C1',
            item: null,
            holdUntil: '2026-03-31',
            holdReason: 'awaiting the purchase order',
          });
          assert.deepEqual(await customer('C1'), {
            status: 'active',
            hold_until: '2026-03-31',
            hold_reason: 'awaiting the purchase order',
          });
          // Today is the earliest date allowed.
          await hold({ until: TODAY, reason: 'call back tomorrow' });
          assert.deepEqual((await eventsOf(database, 'C1')).slice(-2), [
            'HOLD_SET: dunning of customer C1 paused until 2026-03-31: awaiting the purchase order',
            'HOLD_SET: dunning of customer C1 paused until 2026-03-10: call back tomorrow ' +
              '(replaces the pause until 2026-03-31)',
          ]);
          const plan = await runDunning(database, { asOf: TODAY, now: NOW, dryRun: true });
          assert.ok(plan.skips.some((s) => s.customer === 'C1' && s.code === 'ON_HOLD_UNTIL'));
        });

        it('pauses one item; a code that is both a customer and an item means the customer unless --item', async () => {
          const f2 = await hold({ target: 'F2', until: '2026-04-15', reason: 'partial delivery' });
          assert.deepEqual(f2, {
            target: 'item',
            customer: 'C1',
            item: 'F2',
            holdUntil: '2026-04-15',
            holdReason: 'partial delivery',
          });
          assert.equal((await item('F2')).hold_until, '2026-04-15');
          const c3 = await hold({ target: 'C3', until: '2026-04-01', reason: 'new contact' });
          assert.equal(c3.target, 'customer');
          assert.equal((await customer('C3')).hold_until, '2026-04-01');
          assert.equal((await item('C3')).hold_until, null);
          const itemC3 = await hold({ target: 'C3', kind: 'item', reason: 'copy requested' });
          assert.deepEqual(itemC3, {
            target: 'item',
            customer: 'C1',
            item: 'C3',
            holdUntil: '2026-03-31',
            holdReason: 'copy requested',
          });
          assert.equal(
            (await eventsOf(database, 'C1')).at(-1),
            'HOLD_SET: dunning of item C3 paused until 2026-03-31: copy requested',
          );
        });

        it('refuses a bad date, a past date, a missing reason or date, naming each; nothing changes', async () => {
          await refused(database, () => hold({ until: '2026-02-30' }), 'INVALID_INPUT', [
            'until: 2026-02-30',
          ]);
          await refused(database, () => hold({ until: '31/03/2026' }), 'INVALID_INPUT', [
            'until: 31/03/2026',
          ]);
          await refused(database, () => hold({ until: '2026-03-09' }), 'INVALID_INPUT', [
            'until: 2026-03-09',
          ]);
          await refused(database, () => hold({ reason: undefined }), 'INVALID_INPUT', ['reason: ']);
          await refused(database, () => hold({ reason: ' ' }), 'INVALID_INPUT', ['reason:  ']);
          await refused(
            database,
            () => hold({ until: undefined, reason: undefined }),
            'INVALID_INPUT',
            ['until: ', 'reason: '],
          );
          await refused(
            database,
            () => hold({ target: 'F2', until: '2026-01-01', reason: 'x'.repeat(501) }),
            'INVALID_INPUT',
            ['until: 2026-01-01', `reason: ${'x'.repeat(40)}…`],
          );
          await refused(database, () => hold({ target: 'F3' }), 'INVALID_INPUT', ['target: F3']);
          await refused(database, () => hold({ target: 'ZZ' }), 'NOT_FOUND', ['target: ZZ']);
          await refused(database, () => hold({ target: 'F1', kind: 'customer' }), 'NOT_FOUND', [
            'customer: F1',
          ]);
          await refused(database, () => hold({ target: 'C2', kind: 'item' }), 'NOT_FOUND', [
            'item: C2',
          ]);
          await assert.rejects(hold({ until: '2026-03-09' }), (e: AppError) => {
            assert.equal(e.message, 'cannot pause customer C1');
            assert.deepEqual(e.problems, [
              {
                field: 'until',
                value: '2026-03-09',
                expected: "today (2026-03-10) or a later date in the company's time zone",
              },
            ]);
            return true;
          });
          await assert.rejects(hold({ until: '2026-02-30' }), (e: AppError) =>
            /valid date written YYYY-MM-DD/.test(e.problems[0]!.expected),
          );
        });

        it('releases a pause before its date, once', async () => {
          const view = await releaseHold(database.db, { target: 'C1', now: NOW });
          assert.deepEqual(view, {
            target: 'customer',
            customer: 'C1',
            item: null,
            holdUntil: null,
            holdReason: null,
          });
          assert.deepEqual(await customer('C1'), {
            status: 'active',
            hold_until: null,
            hold_reason: null,
          });
          assert.equal(
            (await eventsOf(database, 'C1')).at(-1),
            'HOLD_RELEASED: pause of customer C1 until 2026-03-10 released (was: call back tomorrow)',
          );
          await refused(
            database,
            () => releaseHold(database.db, { target: 'C1', now: NOW }),
            'INVALID_INPUT',
            ['target: C1'],
          );
          await refused(
            database,
            () => releaseHold(database.db, { target: 'NOPE', now: NOW }),
            'NOT_FOUND',
            ['target: NOPE'],
          );
          const f2 = await releaseHold(database.db, { target: 'F2', kind: 'item', now: NOW });
          assert.equal(f2.item, 'F2');
          assert.equal((await item('F2')).hold_until, null);
          assert.equal(
            (await eventsOf(database, 'C1')).at(-1),
            'HOLD_RELEASED: pause of item F2 until 2026-04-15 released (was: partial delivery)',
          );
        });
      });

      describe('exclusion from dunning', () => {
        it('excludes an active customer, once; the run skips it (EXCLUDED); orders within the limit', async () => {
          const change = await excludeCustomer(database.db, {
            customer: 'C2',
            reason: 'handled by the sales director',
            now: NOW,
          });
          assert.deepEqual(change, {
            customer: 'C2',
            status: 'excluded',
            previousStatus: 'active',
          });
          assert.equal((await customer('C2')).status, 'excluded');
          assert.deepEqual(await eventsOf(database, 'C2'), [
            'CUSTOMER_EXCLUDED: C2 excluded from dunning: handled by the sales director',
          ]);
          const plan = await runDunning(database, { asOf: TODAY, now: NOW, dryRun: true });
          assert.ok(plan.skips.some((s) => s.customer === 'C2' && s.code === 'EXCLUDED'));
          assert.ok(!plan.actions.some((a) => a.customer === 'C2'));
          const status = await creditStatus(database.db, undefined, 'C2', TODAY);
          assert.equal(status.status, 'excluded');
          assert.equal(status.mayTakeOrders, true);
          assert.equal(status.reason.code, 'EXCLUDED');
          assert.equal(status.reason.since, TODAY);
          await refused(
            database,
            () => excludeCustomer(database.db, { customer: 'C2', now: NOW }),
            'INVALID_INPUT',
            ['customer: C2'],
          );
        });

        it('includes it again, once; unknown customers and other statuses are refused', async () => {
          const change = await includeCustomer(database.db, { customer: 'C2', now: NOW });
          assert.deepEqual(change, {
            customer: 'C2',
            status: 'active',
            previousStatus: 'excluded',
          });
          assert.equal((await customer('C2')).status, 'active');
          assert.equal(
            (await eventsOf(database, 'C2')).at(-1),
            'CUSTOMER_INCLUDED: C2 included in dunning again',
          );
          await refused(
            database,
            () => includeCustomer(database.db, { customer: 'C2', now: NOW }),
            'INVALID_INPUT',
            ['customer: C2'],
          );
          await refused(
            database,
            () => excludeCustomer(database.db, { customer: 'NOPE', now: NOW }),
            'NOT_FOUND',
            ['customer: NOPE'],
          );
          await sql`update customers set status = 'litigation' where code = 'C3'`.execute(
            database.db,
          );
          await assert.rejects(
            excludeCustomer(database.db, { customer: 'C3', now: NOW }),
            (e: AppError) =>
              e.code === 'INVALID_INPUT' &&
              e.problems[0]?.expected === 'an active customer (C3 is litigation)',
          );
          await refused(
            database,
            () => includeCustomer(database.db, { customer: 'C3', reason: 'x', now: NOW }),
            'INVALID_INPUT',
            ['customer: C3'],
          );
        });
      });
    },
  );
}
