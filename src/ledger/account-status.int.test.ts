import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { csv } from '../../test/helpers/files.ts';
import { NOW, TODAY, eventsOf, refused, seedLedger } from '../../test/helpers/ledger-fixture.ts';
import type { Database } from '../store/database.ts';
import { resolveCompany } from '../store/companies.ts';
import { applyAccountHolds } from './apply-holds.ts';
import { creditStatus } from './credit-status.ts';
import { excludeCustomer } from './exclude-customer.ts';
import { setAccountStatus, type SetAccountStatusInput } from './set-account-status.ts';

const CUSTOMERS = csv(
  'code,name,country,language,currency,email',
  'B1,Bravo SARL,FR,fr,EUR,ap@bravo.example',
  'B2,Charlie SAS,FR,fr,EUR,ap@charlie.example',
  'B3,Delta SA,FR,fr,EUR,ap@delta.example',
);
// B1 owes nothing overdue (the run would release it if it were on hold); B2 is late.
const ITEMS = csv(
  'customer,number,type,issue_date,due_date,currency,amount,open_amount',
  'B1,N1,invoice,2026-03-01,2026-03-31,EUR,100.00,100.00',
  'B2,L1,invoice,2026-01-01,2026-02-01,EUR,250.00,250.00',
  'B3,D1,invoice,2026-01-01,2026-02-01,EUR,10.00,10.00',
);

for (const backend of BACKENDS) {
  describe(`account status set by hand (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let companyId: number;
    const set = (input: Omit<SetAccountStatusInput, 'now'>) =>
      setAccountStatus(database.db, { now: NOW, ...input });
    const statusOf = async (code: string) =>
      (
        await database.db
          .selectFrom('customers')
          .select('status')
          .where('code', '=', code)
          .executeTakeFirstOrThrow()
      ).status;

    before(async () => {
      database = await backend.open();
      await seedLedger(database, CUSTOMERS, ITEMS);
      companyId = (await resolveCompany(database.db, undefined)).id;
    });
    after(async () => database?.close());

    it('blocks an active account: event with who and why; the credit status says so', async () => {
      const change = await set({
        customer: 'B1',
        status: 'blocked',
        reason: '  cheque bounced ',
        actor: 'marie@seller.example',
      });
      assert.deepEqual(change, {
        customer: 'B1',
        status: 'blocked',
        previousStatus: 'active',
        reason: 'cheque bounced',
        asOf: TODAY,
      });
      assert.equal(await statusOf('B1'), 'blocked');
      assert.deepEqual(await eventsOf(database, 'B1'), [
        'ACCOUNT_BLOCKED: account blocked for new orders by marie@seller.example: cheque bounced',
      ]);
      const credit = await creditStatus(database.db, undefined, 'B1', TODAY);
      assert.equal(credit.mayTakeOrders, false);
      assert.deepEqual(credit.reason, {
        code: 'ACCOUNT_BLOCKED',
        detail:
          'account blocked for new orders by marie@seller.example: cheque bounced; lifted by hand only',
        since: TODAY,
      });
    });

    it('the run never lifts a manual block, even with nothing overdue', async () => {
      const holds = await applyAccountHolds(database.db, companyId, '2026-03-12', 0);
      assert.deepEqual(holds, { held: [], released: [] });
      assert.equal(await statusOf('B1'), 'blocked');
    });

    it('refuses the same status, a missing reason, an unknown status, an excluded customer; nothing changes', async () => {
      await refused(
        database,
        () => set({ customer: 'B1', status: 'blocked', reason: 'again' }),
        'INVALID_INPUT',
        ['status: blocked'],
      );
      await refused(
        database,
        () => set({ customer: 'B2', status: 'litigation', reason: '  ' }),
        'INVALID_INPUT',
        ['reason:   '],
      );
      await refused(
        database,
        () => set({ customer: 'B2', status: 'on_hold', reason: 'x' }),
        'INVALID_INPUT',
        ['status: on_hold'],
      );
      await excludeCustomer(database.db, { customer: 'B3', reason: 'parent pays', now: NOW });
      // Every problem at once: the customer is excluded and no reason was given.
      await refused(database, () => set({ customer: 'B3', status: 'blocked' }), 'INVALID_INPUT', [
        'reason: ',
        'customer: B3',
      ]);
      await refused(database, () => set({ customer: 'B3', status: 'active' }), 'INVALID_INPUT', [
        'customer: B3',
      ]);
      await refused(
        database,
        () => set({ customer: 'NOPE', status: 'blocked', reason: 'x' }),
        'NOT_FOUND',
        ['customer: NOPE'],
      );
    });

    it('hands a blocked account over to litigation, then releases it (reason optional)', async () => {
      const handed = await set({ customer: 'B1', status: 'litigation', reason: 'agency Dupont' });
      assert.equal(handed.previousStatus, 'blocked');
      const credit = await creditStatus(database.db, undefined, 'B1', TODAY);
      assert.deepEqual(
        [credit.status, credit.reason.code, credit.reason.detail],
        [
          'litigation',
          'LITIGATION',
          'account handed over to litigation (was blocked): agency Dupont; lifted by hand only',
        ],
      );
      const released = await set({ customer: 'B1', status: 'active', actor: 'token:erp' });
      assert.deepEqual([released.status, released.reason], ['active', null]);
      assert.equal((await creditStatus(database.db, undefined, 'B1', TODAY)).mayTakeOrders, true);
      assert.deepEqual((await eventsOf(database, 'B1')).slice(1), [
        'ACCOUNT_LITIGATION: account handed over to litigation (was blocked): agency Dupont',
        'ACCOUNT_RELEASED: account released by hand by token:erp (was in litigation): takes new orders again',
      ]);
    });

    it('releases an account held by dunning; blocks one on hold, which the run then keeps', async () => {
      await sql`update customers set status = 'on_hold' where code in ('B1', 'B2')`.execute(
        database.db,
      );
      const released = await set({ customer: 'B2', status: 'active', reason: 'paid by wire' });
      assert.equal(released.previousStatus, 'on_hold');
      assert.deepEqual(
        (await eventsOf(database, 'B2')).at(-1),
        'ACCOUNT_RELEASED: account released by hand (was on hold): takes new orders again (paid by wire)',
      );
      await set({ customer: 'B1', status: 'blocked', reason: 'director says so' });
      await applyAccountHolds(database.db, companyId, '2026-03-12', 0);
      assert.deepEqual([await statusOf('B1'), await statusOf('B2')], ['blocked', 'active']);
    });
  });
}
