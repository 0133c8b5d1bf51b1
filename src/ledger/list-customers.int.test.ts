import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { csv } from '../../test/helpers/files.ts';
import type { Database } from '../store/database.ts';
import { resolveCompany } from '../store/companies.ts';
import { importCsv } from '../delivery/delivery.fixture.ts';
import { runDunning } from '../runs/run-dunning.ts';
import {
  CUSTOMER_SORTS,
  listCustomers,
  type CustomerQuery,
  type CustomerRow,
  type CustomerSort,
} from './list-customers.ts';

const CUSTOMERS = csv(
  'code,name,country,language,currency,email,collector',
  'A1,alpha,FR,fr,EUR,a@x.example,Marie Martin',
  'B2,Bravo,FR,fr,EUR,b@x.example,Marie Martin',
  'C3,charlie,FR,fr,EUR,c@x.example,Stefan Krause',
  'D4,Delta,FR,fr,EUR,d@x.example,Stefan Krause',
  'E5,echo,FR,fr,USD,e@x.example,Marie Martin',
  'F6,Foxtrot,FR,fr,EUR,f@x.example,',
);
// Several items per customer, some not due, one in another currency than the customer's.
const ITEMS = csv(
  'customer,number,type,issue_date,due_date,currency,amount,open_amount',
  'A1,I1,invoice,2025-12-01,2026-01-01,EUR,100.00,100.00',
  'A1,I2,invoice,2025-12-01,2026-02-20,EUR,300.00,300.00',
  'A1,I3,invoice,2025-12-01,2099-01-01,EUR,40.00,40.00',
  'B2,I4,invoice,2025-12-01,2026-01-31,EUR,900.00,900.00',
  'B2,I5,invoice,2025-12-01,2026-01-31,USD,999.00,999.00',
  'C3,I6,invoice,2025-12-01,2099-01-31,EUR,70.00,70.00',
  'D4,I7,invoice,2025-11-01,2025-12-01,EUR,400.00,400.00',
  'D4,I8,credit_note,2025-12-01,2025-12-01,EUR,100.00,100.00',
  'E5,I9,invoice,2025-12-01,2026-02-01,USD,250.00,250.00',
);

/** The rows in the order the query asks, computed in JavaScript from the plain list. */
function expected(all: CustomerRow[], sort: CustomerSort, order: 'asc' | 'desc') {
  const value = (r: CustomerRow): string | number | null =>
    ({
      overdue: r.overdueMinor,
      balance: r.balanceMinor,
      oldest_due: r.oldestDue,
      name: r.name.toLowerCase(),
      code: r.code,
      last_action: r.lastActionOn,
    })[sort];
  return [...all]
    .sort((a, b) => {
      const x = value(a);
      const y = value(b);
      if (x !== y) {
        if (x === null) return 1; // nulls last either way
        if (y === null) return -1;
        return (x < y ? -1 : 1) * (order === 'asc' ? 1 : -1);
      }
      return a.code < b.code ? -1 : 1;
    })
    .map((r) => r.code);
}

for (const backend of BACKENDS) {
  describe(`listCustomers (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let base: Omit<CustomerQuery, 'sort' | 'order' | 'page' | 'pageSize'>;

    before(async () => {
      database = await backend.open();
      await importCsv(database, 'customers', CUSTOMERS);
      await importCsv(database, 'items', ITEMS);
      await runDunning(database, { asOf: '2026-03-10', now: new Date(), force: true });
      const company = await resolveCompany(database.db, undefined);
      base = {
        companyId: company.id,
        asOf: '2026-03-10',
        portfolio: { kind: 'all' },
        collectorsReadAll: false,
      };
    });
    after(async () => {
      await database?.close();
    });

    const all = async (extra: Partial<CustomerQuery> = {}) =>
      (
        await listCustomers(database.db, {
          ...base,
          sort: 'code',
          order: 'asc',
          page: 1,
          pageSize: 500,
          ...extra,
        })
      ).rows;

    it('gives each customer its figures in its own currency and its latest step', async () => {
      const rows = await all();
      const byCode = new Map(rows.map((r) => [r.code, r]));
      assert.deepEqual(
        rows.map((r) => [r.code, r.balanceMinor, r.overdueMinor, r.oldestDue]),
        [
          ['A1', 44000, 40000, '2026-01-01'],
          ['B2', 90000, 90000, '2026-01-31'],
          ['C3', 7000, 0, null],
          ['D4', 30000, 30000, '2025-12-01'],
          ['E5', 25000, 25000, '2026-02-01'],
          ['F6', 0, 0, null],
        ],
      );
      assert.equal(byCode.get('D4')!.daysLate, 99);
      assert.ok(
        rows.some((r) => r.lastStep !== null),
        'the run planned actions',
      );
    });

    it('sorts by every key both ways, ties by code, nulls last, and pages', async () => {
      const rows = await all();
      for (const sort of CUSTOMER_SORTS) {
        for (const order of ['asc', 'desc'] as const) {
          const page = await listCustomers(database.db, {
            ...base,
            sort,
            order,
            page: 1,
            pageSize: 500,
          });
          assert.deepEqual(
            page.rows.map((r) => r.code),
            expected(rows, sort, order),
            `${sort} ${order}`,
          );
          assert.deepEqual(
            page.rows,
            expected(rows, sort, order).map((c) => rows.find((r) => r.code === c)),
          );
          const second = await listCustomers(database.db, {
            ...base,
            sort,
            order,
            page: 2,
            pageSize: 4,
          });
          assert.deepEqual(
            second.rows.map((r) => r.code),
            expected(rows, sort, order).slice(4),
            `${sort} ${order} page 2`,
          );
          assert.equal(second.total, 6);
        }
      }
    });

    it('filters by overdue, step, portfolio and search, and counts what it filters', async () => {
      const rows = await all();
      const overdue = await listCustomers(database.db, {
        ...base,
        overdueOnly: true,
        sort: 'balance',
        order: 'asc',
        page: 1,
        pageSize: 2,
      });
      assert.equal(overdue.total, rows.filter((r) => r.overdueMinor > 0).length);
      assert.deepEqual(
        overdue.rows.map((r) => r.code),
        ['E5', 'D4'],
      );
      const step = rows.find((r) => r.lastStep !== null)!.lastStep!;
      const stepped = await all({ step });
      assert.deepEqual(
        stepped.map((r) => r.code),
        rows.filter((r) => r.lastStep === step).map((r) => r.code),
      );
      const marie = await listCustomers(database.db, {
        ...base,
        portfolio: { kind: 'collector', name: 'marie martin' },
        sort: 'overdue',
        order: 'desc',
        page: 1,
        pageSize: 50,
      });
      assert.deepEqual([marie.total, marie.rows.map((r) => r.code)], [3, ['B2', 'A1', 'E5']]);
      assert.deepEqual(
        (await all({ search: 'ha', sort: 'overdue', order: 'desc' })).map((r) => r.code),
        ['A1', 'C3'],
      );
    });
  });
}
