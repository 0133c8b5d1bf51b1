import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { csv } from '../../test/helpers/files.ts';
import { NOW, eventsOf, refused, seedLedger } from '../../test/helpers/ledger-fixture.ts';
import type { Database } from '../store/database.ts';
import { AppError } from '../core/errors.ts';
import { addPromise, type AddPromiseInput } from './add-promise.ts';
import { listPromises } from './list-promises.ts';
import { cancelPromise } from './cancel-promise.ts';

const CUSTOMERS = csv(
  'code,name,country,language,currency',
  'C1,Un SARL,FR,fr,EUR',
  'C2,Zwei GmbH,DE,de,EUR',
);
const ITEMS = csv(
  'customer,number,type,issue_date,due_date,currency,amount,open_amount',
  'C1,F1,invoice,2026-01-01,2026-02-01,EUR,100.00,100.00',
  'C1,F2,invoice,2026-03-01,2026-03-31,EUR,50.00,50.00',
  'C1,F3,invoice,2026-01-01,2026-02-01,EUR,70.00,0',
  'C1,A1,credit_note,2026-02-01,,EUR,20.00,20.00',
  'C1,U1,invoice,2026-01-01,2026-02-01,USD,30.00,30.00',
  'C2,G1,invoice,2026-01-01,2026-02-01,EUR,10.00,10.00',
);

for (const backend of BACKENDS) {
  describe(`promises to pay (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    const add = (over: Partial<AddPromiseInput>) =>
      addPromise(database.db, {
        customer: 'C1',
        date: '2026-03-20',
        amount: '100.00',
        now: NOW,
        ...over,
      });

    before(async () => {
      database = await backend.open();
      await seedLedger(database, CUSTOMERS, ITEMS);
    });
    after(async () => database?.close());

    it('records a promise in the customer currency, amount parsed exactly, with an event', async () => {
      const p = await add({ amount: '1,234.56', items: ['F1', ' F2', 'F1'] });
      assert.deepEqual(
        { ...p, createdAt: undefined, updatedAt: undefined },
        {
          id: p.id,
          customer: 'C1',
          currency: 'EUR',
          promisedDate: '2026-03-20',
          amountMinor: 123456,
          items: ['F1', 'F2'],
          status: 'open',
          createdAt: undefined,
          updatedAt: undefined,
        },
      );
      const today = await add({ date: '2026-03-10', amount: '30', currency: 'usd' });
      assert.equal(today.currency, 'USD');
      assert.deepEqual(today.items, []);
      assert.deepEqual(await eventsOf(database, 'C1'), [
        `PROMISE_ADDED: promise #${p.id} to pay 1234.56 EUR by 2026-03-20 (items F1, F2)`,
        `PROMISE_ADDED: promise #${today.id} to pay 30.00 USD by 2026-03-10 (the overdue balance)`,
      ]);
      const list = await listPromises(database.db, { customer: 'C1' });
      assert.deepEqual(
        list.promises.map((x) => `${x.id} ${x.promisedDate} ${x.status}`),
        [`${today.id} 2026-03-10 open`, `${p.id} 2026-03-20 open`],
      );
    });

    it('refuses bad input naming each field, value and expectation; nothing changes', async () => {
      await refused(
        database,
        () => add({ date: '2026-03-09', amount: '12.345', items: ['G1', 'F3', 'A1', 'U1', 'ZZ'] }),
        'INVALID_INPUT',
        [
          'date: 2026-03-09',
          'amount: 12.345',
          'items: G1',
          'items: F3',
          'items: A1',
          'items: U1',
          'items: ZZ',
        ],
      );
      await refused(database, () => add({ date: '2026-02-30', amount: '0' }), 'INVALID_INPUT', [
        'date: 2026-02-30',
        'amount: 0',
      ]);
      await refused(database, () => add({ amount: '-5' }), 'INVALID_INPUT', ['amount: -5']);
      await refused(database, () => add({ currency: 'EURO' }), 'INVALID_INPUT', ['currency: EURO']);
      await refused(database, () => add({ customer: 'NOPE' }), 'NOT_FOUND', ['customer: NOPE']);
      await assert.rejects(add({ items: ['G1'] }), (e: AppError) =>
        /\(it belongs to customer C2\)$/.test(e.problems[0]!.expected),
      );
    });

    it('cancels an open promise once; unknown and bad ids are refused', async () => {
      const p = await add({ date: '2026-04-01' });
      const cancelled = await cancelPromise(database.db, { id: String(p.id), now: NOW });
      assert.equal(cancelled.status, 'cancelled');
      assert.match((await eventsOf(database, 'C1')).at(-1)!, /^PROMISE_CANCELLED: promise #\d+/);
      await refused(
        database,
        () => cancelPromise(database.db, { id: p.id, now: NOW }),
        'INVALID_INPUT',
        [`id: ${p.id}`],
      );
      await refused(database, () => cancelPromise(database.db, { id: 999 }), 'NOT_FOUND', [
        'id: 999',
      ]);
      await refused(database, () => cancelPromise(database.db, { id: 'x1' }), 'INVALID_INPUT', [
        'id: x1',
      ]);
    });
  });
}
