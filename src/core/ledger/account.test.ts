import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeAccount } from './account.ts';
import type { CurrencyBalance } from './account.ts';
import { AGING_BUCKETS, emptyAging } from './aging.ts';
import type { AgingBucket } from './aging.ts';
import type { LedgerItem } from './types.ts';

/** An item with sensible defaults: open in full, EUR, not disputed. */
function item(fields: Partial<LedgerItem> & Pick<LedgerItem, 'number' | 'dueDate'>): LedgerItem {
  const type = fields.type ?? 'invoice';
  const amountMinor = fields.amountMinor ?? (type === 'invoice' ? 10000 : -10000);
  return {
    type,
    issueDate: '2024-01-01',
    currency: 'EUR',
    amountMinor,
    openMinor: amountMinor,
    disputed: false,
    ...fields,
  };
}

function aging(values: Partial<Record<AgingBucket, number>>): Record<AgingBucket, number> {
  return { ...emptyAging(), ...values };
}

function only(balances: readonly CurrencyBalance[]): CurrencyBalance {
  assert.equal(balances.length, 1);
  const [balance] = balances;
  assert.ok(balance);
  return balance;
}

describe('computeAccount: worked example K-13 (as of 2025-03-31)', () => {
  const asOf = '2025-03-31';
  const cases: [string, number, AgingBucket, 'overdue' | 'not_due'][] = [
    ['2025-04-15', -15, 'current', 'not_due'],
    ['2025-03-31', 0, 'current', 'not_due'],
    ['2025-03-01', 30, '1-30', 'overdue'],
    ['2025-02-28', 31, '31-60', 'overdue'],
    ['2024-12-31', 90, '61-90', 'overdue'],
    ['2024-12-01', 120, '91-120', 'overdue'],
    ['2024-11-30', 121, '120+', 'overdue'],
  ];
  const items = cases.map(([dueDate], i) => item({ number: `K13-${i + 1}`, dueDate }));
  const account = computeAccount(items, asOf);

  for (const [dueDate, dpd, bucket, status] of cases) {
    it(`due ${dueDate} → ${dpd} days, ${bucket}, ${status}`, () => {
      const found = account.items.find((x) => x.dueDate === dueDate);
      assert.ok(found);
      assert.equal(found.daysPastDue, dpd);
      assert.equal(found.bucket, bucket);
      assert.equal(found.status, status);
    });
  }

  it('totals every bucket and the oldest overdue invoice', () => {
    const balance = only(account.balances);
    assert.equal(account.asOf, asOf);
    assert.deepEqual(balance.aging, {
      current: 20000,
      '1-30': 10000,
      '31-60': 10000,
      '61-90': 10000,
      '91-120': 10000,
      '120+': 10000,
    });
    assert.equal(balance.overdueMinor, 50000);
    assert.equal(balance.notDueMinor, 20000);
    assert.equal(balance.balanceMinor, 70000);
    assert.equal(balance.openItemCount, 7);
    assert.equal(balance.overdueItemCount, 5);
    assert.equal(balance.maxDaysPastDue, 121);
    assert.deepEqual(balance.oldestOverdue, {
      number: 'K13-7',
      dueDate: '2024-11-30',
      daysPastDue: 121,
    });
    assert.deepEqual(
      account.items.map((x) => x.dueDate),
      [
        '2024-11-30',
        '2024-12-01',
        '2024-12-31',
        '2025-02-28',
        '2025-03-01',
        '2025-03-31',
        '2025-04-15',
      ],
    );
  });
});

describe('computeAccount: days past due across calendar edges', () => {
  const cases: [string, string, string, number][] = [
    ['leap day due, day after', '2024-02-29', '2024-03-01', 1],
    ['leap year February', '2024-02-01', '2024-03-01', 29],
    ['2100 is not leap', '2100-02-01', '2100-03-01', 28],
    ['2000 is leap', '2000-02-01', '2000-03-01', 29],
    ['month end to month end', '2025-01-31', '2025-02-28', 28],
    ['year end', '2024-12-31', '2025-01-01', 1],
    ['whole leap year', '2024-01-01', '2025-01-01', 366],
    ['due tomorrow', '2025-04-01', '2025-03-31', -1],
  ];
  for (const [label, dueDate, asOf, dpd] of cases) {
    it(`${label}: due ${dueDate}, as of ${asOf} → ${dpd}`, () => {
      const [found] = computeAccount([item({ number: 'A', dueDate })], asOf).items;
      assert.equal(found?.daysPastDue, dpd);
      assert.equal(found?.status, dpd > 0 ? 'overdue' : 'not_due');
    });
  }
});

describe('computeAccount: balances', () => {
  const asOf = '2025-03-31';

  it('nets credit notes and unallocated payments and skips settled items', () => {
    const account = computeAccount(
      [
        item({ number: 'INV-1', dueDate: '2025-02-15', amountMinor: 50000, openMinor: 20000 }),
        item({ number: 'INV-2', dueDate: '2025-04-30', amountMinor: 30000 }),
        item({ number: 'INV-0', dueDate: '2025-01-10', amountMinor: 40000, openMinor: 0 }),
        item({ number: 'CN-1', type: 'credit_note', dueDate: '2025-03-01', amountMinor: -7500 }),
        item({ number: 'PAY-1', type: 'payment', dueDate: '2025-03-20', amountMinor: -2500 }),
        item({ number: 'PAY-0', type: 'payment', dueDate: '2025-03-21', openMinor: 0 }),
      ],
      asOf,
    );
    assert.deepEqual(
      account.items.map((x) => [x.number, x.status, x.bucket]),
      [
        ['INV-1', 'overdue', '31-60'],
        ['CN-1', 'credit_note', null],
        ['PAY-1', 'unallocated_payment', null],
        ['INV-2', 'not_due', 'current'],
      ],
    );
    assert.deepEqual(only(account.balances), {
      currency: 'EUR',
      balanceMinor: 40000,
      overdueMinor: 20000,
      notDueMinor: 30000,
      creditNotesMinor: -7500,
      unallocatedPaymentsMinor: -2500,
      disputedMinor: 0,
      aging: aging({ current: 30000, '31-60': 20000 }),
      openItemCount: 4,
      overdueItemCount: 1,
      maxDaysPastDue: 44,
      oldestOverdue: { number: 'INV-1', dueDate: '2025-02-15', daysPastDue: 44 },
    });
  });

  it('keeps currencies apart, sorted by code, with 0 and 3 decimal currencies', () => {
    const account = computeAccount(
      [
        item({ number: 'J-1', currency: 'JPY', dueDate: '2025-03-01', amountMinor: 150000 }),
        item({ number: 'E-1', currency: 'EUR', dueDate: '2025-03-30', amountMinor: 12345 }),
        item({ number: 'B-1', currency: 'BHD', dueDate: '2025-05-01', amountMinor: 1234567 }),
        item({
          number: 'B-CN',
          type: 'credit_note',
          currency: 'BHD',
          dueDate: '2025-03-01',
          amountMinor: -1500,
        }),
        item({ number: 'J-2', currency: 'JPY', dueDate: '2024-10-01', amountMinor: 8000 }),
      ],
      asOf,
    );
    const summary = account.balances.map((b) => [
      b.currency,
      b.balanceMinor,
      b.overdueMinor,
      b.notDueMinor,
      b.creditNotesMinor,
      b.openItemCount,
    ]);
    assert.deepEqual(summary, [
      ['BHD', 1233067, 0, 1234567, -1500, 2],
      ['EUR', 12345, 12345, 0, 0, 1],
      ['JPY', 158000, 158000, 0, 0, 2],
    ]);
    const jpy = account.balances[2];
    assert.deepEqual(jpy?.aging, aging({ '1-30': 150000, '120+': 8000 }));
    assert.equal(jpy?.maxDaysPastDue, 181);
    assert.equal(jpy?.oldestOverdue?.number, 'J-2');
    const bhd = account.balances[0];
    assert.equal(bhd?.oldestOverdue, null);
    assert.equal(bhd?.maxDaysPastDue, 0);
    assert.equal(bhd?.overdueItemCount, 0);
  });

  it('counts disputed invoices in overdue and in disputedMinor', () => {
    const balance = only(
      computeAccount(
        [
          item({ number: 'D-1', dueDate: '2025-01-31', amountMinor: 9000, disputed: true }),
          item({ number: 'D-2', dueDate: '2025-04-30', amountMinor: 1000, disputed: true }),
          item({ number: 'N-1', dueDate: '2025-03-15', amountMinor: 500 }),
        ],
        asOf,
      ).balances,
    );
    assert.equal(balance.overdueMinor, 9500);
    assert.equal(balance.notDueMinor, 1000);
    assert.equal(balance.disputedMinor, 10000);
    assert.equal(balance.overdueItemCount, 2);
  });

  it('breaks due date ties by the smallest number for order and oldest overdue', () => {
    const account = computeAccount(
      [
        item({ number: 'B-2', dueDate: '2025-01-15' }),
        item({ number: 'A-9', dueDate: '2025-01-15' }),
        item({ number: 'C-1', dueDate: '2025-02-01' }),
      ],
      asOf,
    );
    assert.deepEqual(
      account.items.map((x) => x.number),
      ['A-9', 'B-2', 'C-1'],
    );
    assert.equal(only(account.balances).oldestOverdue?.number, 'A-9');
  });

  it('returns nothing when every item is settled', () => {
    const account = computeAccount(
      [item({ number: 'X', dueDate: '2025-01-01', openMinor: 0 })],
      asOf,
    );
    assert.deepEqual(account, { asOf, balances: [], items: [] });
  });

  it('keeps Σ aging = overdue + notDue and Σ parts = balance', () => {
    const account = computeAccount(
      [
        item({ number: '1', dueDate: '2024-06-30', amountMinor: 111 }),
        item({ number: '2', dueDate: '2025-03-31', amountMinor: 222 }),
        item({ number: '3', dueDate: '2025-02-01', amountMinor: 333, disputed: true }),
        item({ number: '4', type: 'credit_note', dueDate: '2025-02-01', amountMinor: -44 }),
        item({ number: '5', type: 'payment', dueDate: '2025-03-02', amountMinor: -55 }),
      ],
      asOf,
    );
    const b = only(account.balances);
    const agingTotal = AGING_BUCKETS.reduce((sum, bucket) => sum + b.aging[bucket], 0);
    assert.equal(agingTotal, b.overdueMinor + b.notDueMinor);
    assert.equal(
      b.balanceMinor,
      b.overdueMinor + b.notDueMinor + b.creditNotesMinor + b.unallocatedPaymentsMinor,
    );
    assert.equal(b.balanceMinor, 111 + 222 + 333 - 44 - 55);
  });
});
