import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { csv, tempDir, writeFile } from '../../test/helpers/files.ts';
import {
  NOW,
  TODAY,
  eventsOf,
  ledgerState,
  refused,
  seedLedger,
} from '../../test/helpers/ledger-fixture.ts';
import type { Database } from '../store/database.ts';
import { AppError } from '../core/errors.ts';
import { resolveCompany } from '../store/companies.ts';
import { importFile } from '../imports/import-file.ts';
import { listActions } from './list-actions.ts';
import { approveActions, type ApproveActionsInput } from './approve-actions.ts';
import { applyAccountHolds } from './apply-holds.ts';
import { creditStatus } from './credit-status.ts';
import { openDispute } from './open-dispute.ts';

import {
  CUSTOMERS,
  ITEMS,
  customerStatus,
  customerStatuses,
  holdEventsOf,
  storeActions,
} from './account-holds.fixture.ts';

const dir = tempDir('relance-holds-');

for (const backend of BACKENDS) {
  describe(
    `plan approval, account holds, credit status (${backend.name})`,
    { skip: backend.skip },
    () => {
      let database: Database;
      let companyId: number;
      const ids: Record<string, number> = {};
      const approve = (input: Omit<ApproveActionsInput, 'now'>) =>
        approveActions(database.db, { now: NOW, ...input });
      const statusOf = (code: string) => customerStatus(database, code);
      const statuses = () => customerStatuses(database);
      const holdEvents = () => holdEventsOf(database);

      before(async () => {
        database = await backend.open();
        await seedLedger(database, CUSTOMERS, ITEMS);
        companyId = (await resolveCompany(database.db, undefined)).id;
        await sql`update customers set status = 'blocked' where code = 'H3'`.execute(database.db);
        await storeActions(database, companyId, TODAY);
        // The first action of each customer (H1: its EUR one).
        for (const a of (await listActions(database.db, {})).actions) ids[a.customer] ??= a.id;
      });
      after(async () => database?.close());

      describe('plan list and approve', () => {
        it('lists actions by state and date; refuses an unknown state or a bad date', async () => {
          const waiting = await listActions(database.db, { state: 'awaiting_approval' });
          assert.deepEqual(
            waiting.actions.map((a) => `${a.customer} ${a.step} ${a.state}`),
            ['K1 notice awaiting_approval', 'M1 mail awaiting_approval'],
          );
          assert.deepEqual((await listActions(database.db, { asOf: '2026-03-09' })).actions, []);
          assert.deepEqual(
            (await listActions(database.db, { asOf: TODAY })).actions.map(
              (a) => `${a.customer} ${a.currency} ${a.step} ${a.state}`,
            ),
            [
              'H1 EUR hold planned',
              'H1 USD hold planned',
              'H2 EUR hold planned',
              'H3 EUR hold planned',
              'H4 EUR hold planned',
              'K1 GBP notice awaiting_approval',
              'M1 EUR mail awaiting_approval',
              'P1 EUR reminder planned',
            ],
          );
          await refused(
            database,
            () => listActions(database.db, { state: 'sent', asOf: '2026-3-10' }),
            'INVALID_INPUT',
            ['state: sent', 'asOf: 2026-3-10'],
          );
        });

        it('refuses ids that are unknown or not awaiting approval, naming each; approves nothing', async () => {
          await assert.rejects(approve({ ids: [ids.K1!, ids.P1!, 999999] }), (e: AppError) => {
            assert.equal(e.code, 'INVALID_INPUT');
            assert.equal(
              e.message,
              `nothing approved: action(s) ${ids.P1}, 999999 cannot be approved`,
            );
            assert.deepEqual(e.problems, [
              {
                field: 'id',
                value: String(ids.P1),
                expected: `an action awaiting approval (#${ids.P1} is planned)`,
              },
              { field: 'id', value: '999999', expected: 'the id of a dunning action' },
            ]);
            return true;
          });
          await refused(database, () => approve({ ids: [ids.K1!, ids.P1!] }), 'INVALID_INPUT', [
            `id: ${ids.P1}`,
          ]);
          await refused(database, () => approve({ ids: ['x1', '0', ' '] }), 'INVALID_INPUT', [
            'id: x1',
            'id: 0',
            'id:  ',
          ]);
          await refused(database, () => approve({}), 'INVALID_INPUT', ['ids: ']);
          await refused(database, () => approve({ ids: [ids.K1!], all: true }), 'INVALID_INPUT', [
            'all: true',
          ]);
          await refused(database, () => approve({ ids: [ids.K1!], asOf: TODAY }), 'INVALID_INPUT', [
            `asOf: ${TODAY}`,
          ]);
          await refused(
            database,
            () => approve({ all: true, asOf: '2026-02-30' }),
            'INVALID_INPUT',
            ['asOf: 2026-02-30'],
          );
          assert.equal((await listActions(database.db, { state: 'approved' })).actions.length, 0);
        });

        it('approves the ids given (once), then --all of a date', async () => {
          const one = await approve({ ids: [String(ids.K1), ids.K1!] });
          assert.deepEqual(
            one.approved.map((a) => `${a.id} ${a.customer} ${a.state}`),
            [`${ids.K1} K1 approved`],
          );
          assert.deepEqual(await eventsOf(database, 'K1'), [
            `ACTION_APPROVED: action #${ids.K1} approved: Formal notice and hold of ${TODAY} (letter + hold_account)`,
          ]);
          await refused(database, () => approve({ ids: [ids.K1!] }), 'INVALID_INPUT', [
            `id: ${ids.K1}`,
          ]);
          assert.deepEqual((await approve({ all: true, asOf: '2026-03-09' })).approved, []);
          const all = await approve({ all: true, asOf: TODAY });
          assert.deepEqual(
            all.approved.map((a) => a.customer),
            ['M1'],
          );
          assert.deepEqual((await approve({ all: true })).approved, []);
          assert.deepEqual(
            (await listActions(database.db, { state: 'approved' })).actions.map((a) => a.customer),
            ['K1', 'M1'],
          );
        });
      });

      describe('account holds by dunning', () => {
        it('credit status before the holds: active accounts take orders, overdue is reported', async () => {
          const h1 = await creditStatus(database.db, undefined, 'H1', TODAY);
          assert.equal(h1.status, 'ok');
          assert.equal(h1.mayTakeOrders, true);
          assert.deepEqual(
            h1.reasons.map((r) => r.code),
            ['OK', 'OVERDUE_BEYOND_TOLERANCE'],
          );
          assert.equal(
            h1.reasons[1]?.detail,
            'I1 (due 2026-03-01) is 9 days overdue; the company tolerates 0 days',
          );
        });

        it('refuses a bad date or tolerance, changing nothing', async () => {
          await refused(
            database,
            () => applyAccountHolds(database.db, companyId, '2026-02-30', -1),
            'INVALID_INPUT',
            ['asOf: 2026-02-30', 'toleranceDays: -1'],
          );
          await refused(
            database,
            () => applyAccountHolds(database.db, companyId, TODAY, 1.5),
            'INVALID_INPUT',
            ['toleranceDays: 1.5'],
          );
        });

        it('holds the active customers of a hold_account action (approved when confirm-mode)', async () => {
          const r = await applyAccountHolds(database.db, companyId, TODAY, 0);
          // H1 once, though dunned (and held) in two currencies.
          assert.deepEqual(r, { held: ['H1', 'H2', 'H4', 'K1'], released: [] });
          assert.deepEqual(await statuses(), {
            H1: 'on_hold',
            H2: 'on_hold',
            H3: 'blocked', // only active accounts are held
            H4: 'on_hold',
            K1: 'on_hold',
            L1: 'active',
            M1: 'active', // its approved action holds nothing
            P1: 'active',
          });
          assert.deepEqual(await holdEvents(), [
            `${TODAY} H1 ACCOUNT_HELD hold ${ids.H1}`,
            `${TODAY} H2 ACCOUNT_HELD hold ${ids.H2}`,
            `${TODAY} H4 ACCOUNT_HELD hold ${ids.H4}`,
            `${TODAY} K1 ACCOUNT_HELD notice ${ids.K1}`,
          ]);
          assert.equal(
            (await eventsOf(database, 'K1')).at(-1),
            `ACCOUNT_HELD: account on hold for new orders by Formal notice and hold (step notice, action #${ids.K1})`,
          );
        });

        it('is idempotent: the same day again changes nothing, whatever the tolerance', async () => {
          const before = await ledgerState(database);
          assert.deepEqual(await applyAccountHolds(database.db, companyId, TODAY, 0), {
            held: [],
            released: [],
          });
          // H2 (5 days late) and H4 (1 day) are within 5 days, but were held today:
          // the hold stands until the next day's run.
          assert.deepEqual(await applyAccountHolds(database.db, companyId, TODAY, 5), {
            held: [],
            released: [],
          });
          assert.equal(await ledgerState(database), before);
        });

        it('credit status of a held account names the step and action that held it', async () => {
          const s = await creditStatus(database.db, undefined, 'K1', TODAY);
          assert.equal(s.customer.status, 'on_hold');
          assert.equal(s.status, 'on_hold');
          assert.equal(s.mayTakeOrders, false);
          assert.deepEqual(s.reason, {
            code: 'ACCOUNT_ON_HOLD',
            detail:
              `account on hold for new orders by Formal notice and hold (step notice, action #${ids.K1}); ` +
              'released by the run once nothing is overdue more than 0 days',
            since: TODAY,
            step: 'notice',
            actionId: ids.K1,
          });
          assert.deepEqual(
            s.reasons.map((r) => r.code),
            ['ACCOUNT_ON_HOLD', 'OVERDUE_BEYOND_TOLERANCE'],
          );
        });

        it('releases an account once it is paid (another currency still overdue keeps it held)', async () => {
          const paid = (rows: string[]) =>
            importFile(database, {
              kind: 'items',
              path: writeFile(
                dir,
                `${backend.name}-paid-${rows.length}.csv`,
                csv(
                  'customer,number,type,issue_date,due_date,currency,amount,open_amount',
                  ...rows,
                ),
              ),
              asOf: '2026-03-11',
            });
          await paid(['H1,I1,invoice,2026-02-01,2026-03-01,EUR,100.00,0']);
          // I3 (USD) is still overdue: H1 stays held.
          assert.deepEqual(await applyAccountHolds(database.db, companyId, '2026-03-11', 0), {
            held: [],
            released: [],
          });
          await paid([
            'H1,I1,invoice,2026-02-01,2026-03-01,EUR,100.00,0',
            'H1,I3,invoice,2026-03-01,2026-03-01,USD,40.00,0',
          ]);
          assert.deepEqual(await applyAccountHolds(database.db, companyId, '2026-03-11', 0), {
            held: [],
            released: ['H1'],
          });
          assert.equal(await statusOf('H1'), 'active');
          assert.equal(
            (await eventsOf(database, 'H1')).at(-1),
            'ACCOUNT_RELEASED: nothing overdue more than 0 day(s) on 2026-03-11 ' +
              '(disputed items aside): the account takes new orders again',
          );
          // Released, it is not held again by the actions that held it (EUR) or came with it (USD).
          assert.deepEqual(await applyAccountHolds(database.db, companyId, '2026-03-12', 0), {
            held: [],
            released: [],
          });
          assert.equal(await statusOf('H1'), 'active');
          const s = await creditStatus(database.db, undefined, 'H1', '2026-03-12');
          assert.equal(s.status, 'ok');
          assert.deepEqual(
            s.reasons.map((r) => r.code),
            ['OK'],
          );
        });

        it('releases respecting the tolerance: exactly the tolerance late releases, one day more does not', async () => {
          // On 2026-03-12: Q1 (H4) 3 days late, J1 (H2) 7, K11 (K1) 11.
          assert.deepEqual(await applyAccountHolds(database.db, companyId, '2026-03-12', 2), {
            held: [],
            released: [],
          });
          assert.deepEqual(await applyAccountHolds(database.db, companyId, '2026-03-12', 6), {
            held: [],
            released: ['H4'],
          });
          assert.deepEqual(await applyAccountHolds(database.db, companyId, '2026-03-12', 7), {
            held: [],
            released: ['H2'],
          });
          assert.equal(await statusOf('K1'), 'on_hold');
          assert.equal(
            (await eventsOf(database, 'H2')).at(-1),
            'ACCOUNT_RELEASED: nothing overdue more than 7 day(s) on 2026-03-12 ' +
              '(disputed items aside): the account takes new orders again',
          );
        });

        it('a disputed invoice does not keep an account held', async () => {
          await openDispute(database.db, { item: 'K11', reason: 'goods returned', now: NOW });
          assert.deepEqual(await applyAccountHolds(database.db, companyId, '2026-03-12', 0), {
            held: [],
            released: ['K1'],
          });
          assert.deepEqual(await holdEvents(), [
            `${TODAY} H1 ACCOUNT_HELD hold ${ids.H1}`,
            `${TODAY} H2 ACCOUNT_HELD hold ${ids.H2}`,
            `${TODAY} H4 ACCOUNT_HELD hold ${ids.H4}`,
            `${TODAY} K1 ACCOUNT_HELD notice ${ids.K1}`,
            '2026-03-11 H1 ACCOUNT_RELEASED - -',
            '2026-03-12 H4 ACCOUNT_RELEASED - -',
            '2026-03-12 H2 ACCOUNT_RELEASED - -',
            '2026-03-12 K1 ACCOUNT_RELEASED - -',
          ]);
        });
      });

      describe('credit status', () => {
        it('the credit limit: exposure in the customer currency above it blocks new orders', async () => {
          const s = await creditStatus(database.db, undefined, 'L1', TODAY);
          assert.deepEqual(
            { ...s, reasons: s.reasons.map((r) => r.code) },
            {
              company: 'MAIN',
              asOf: TODAY,
              customer: { code: 'L1', name: 'Limit SARL', currency: 'EUR', status: 'active' },
              status: 'blocked',
              mayTakeOrders: false,
              reason: {
                code: 'CREDIT_LIMIT_EXCEEDED',
                detail: 'exposure 150.00 EUR is above the credit limit 100.00 EUR',
              },
              reasons: ['CREDIT_LIMIT_EXCEEDED'],
              overdueMinor: {},
              overdueBeyondToleranceMinor: {},
              balanceMinor: { EUR: 15000 },
              exposureMinor: 15000,
              creditLimitMinor: 10000,
              availableCreditMinor: -5000,
              toleranceDays: 0,
            },
          );
          // H1: limit 500.00, I2 (250.00) still open, other currencies aside.
          const h1 = await creditStatus(database.db, undefined, 'H1', TODAY);
          assert.equal(h1.exposureMinor, 25000);
          assert.equal(h1.availableCreditMinor, 25000);
          assert.equal(h1.status, 'ok');
        });

        it("reads the company's tolerance", async () => {
          await sql`update companies set hold_tolerance_days = 12`.execute(database.db);
          const s = await creditStatus(database.db, undefined, 'P1', TODAY);
          assert.equal(s.toleranceDays, 12);
          assert.deepEqual(
            s.reasons.map((r) => r.code),
            ['OK'],
          );
          const later = await creditStatus(database.db, undefined, 'P1', '2026-03-14');
          assert.equal(later.reasons[1]?.code, 'OVERDUE_BEYOND_TOLERANCE');
          assert.equal(later.reasons[1]?.since, '2026-03-14');
          await sql`update companies set hold_tolerance_days = 0`.execute(database.db);
        });

        it('refuses an unknown customer or company and a bad date', async () => {
          await refused(
            database,
            () => creditStatus(database.db, undefined, 'NOPE', TODAY),
            'NOT_FOUND',
            ['customer: NOPE'],
          );
          await refused(
            database,
            () => creditStatus(database.db, undefined, 'H1', '2026-13-01'),
            'INVALID_INPUT',
            ['asOf: 2026-13-01'],
          );
          await assert.rejects(
            creditStatus(database.db, 'ACME', 'H1', TODAY),
            (e: AppError) => e.code === 'NOT_FOUND',
          );
        });
      });
    },
  );
}
