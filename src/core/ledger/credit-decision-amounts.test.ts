import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decideCredit, type CreditDecision } from './credit-decision.ts';
import { AS_OF, item, facts, LATE, HOLD } from './credit-decision.fixture.ts';

describe('decideCredit: tolerance', () => {
  const overdueReason = (d: CreditDecision) =>
    d.reasons.find((r) => r.code === 'OVERDUE_BEYOND_TOLERANCE');
  const cases: [tolerance: number, due: string, late: number, beyond: boolean][] = [
    [0, '2026-03-10', 0, false], // due today: not overdue at all
    [0, '2026-03-09', 1, true], // one day late, no tolerance
    [5, '2026-03-05', 5, false], // exactly the tolerance
    [5, '2026-03-04', 6, true], // one day more
    [30, '2026-02-08', 30, false],
    [30, '2026-02-07', 31, true],
  ];
  for (const [tolerance, due, late, beyond] of cases) {
    it(`tolerance ${tolerance}: due ${due} (${late} day(s) late) → ${beyond ? 'beyond' : 'within'}`, () => {
      const d = decideCredit(
        facts({ toleranceDays: tolerance, items: [item({ number: 'F1', dueDate: due })] }),
      );
      assert.deepEqual(d.overdueMinor, late > 0 ? { EUR: 100000 } : {});
      assert.deepEqual(d.overdueBeyondToleranceMinor, beyond ? { EUR: 100000 } : {});
      assert.equal(d.status, 'ok');
      assert.equal(d.mayTakeOrders, true);
      const reason = overdueReason(d);
      if (!beyond) assert.equal(reason, undefined);
      else {
        assert.deepEqual(reason, {
          code: 'OVERDUE_BEYOND_TOLERANCE',
          detail:
            `F1 (due ${due}) is ${late} day${late === 1 ? '' : 's'} overdue; ` +
            `the company tolerates ${tolerance} day${tolerance === 1 ? '' : 's'}`,
          // The first day beyond the tolerance: here, as of today.
          since: AS_OF,
        });
      }
    });
  }

  it('since is the first day beyond the tolerance, for the oldest item', () => {
    const d = decideCredit(
      facts({
        toleranceDays: 10,
        items: [
          item({ number: 'F2', dueDate: '2026-02-20' }),
          item({ number: 'F1', dueDate: '2026-01-31' }),
          item({ number: 'F3', dueDate: '2026-03-01' }), // 9 days: within
        ],
      }),
    );
    const reason = overdueReason(d);
    assert.equal(reason?.since, '2026-02-11');
    assert.match(reason?.detail ?? '', /^F1 \(due 2026-01-31\) is 38 days overdue/);
    assert.deepEqual(d.overdueMinor, { EUR: 300000 });
    assert.deepEqual(d.overdueBeyondToleranceMinor, { EUR: 200000 });
  });

  it('disputed items count as overdue but never beyond the tolerance', () => {
    const disputed = item({ number: 'D1', dueDate: '2025-12-01', disputed: true });
    const alone = decideCredit(facts({ items: [disputed] }));
    assert.deepEqual(alone.overdueMinor, { EUR: 100000 });
    assert.deepEqual(alone.overdueBeyondToleranceMinor, {});
    assert.deepEqual(
      alone.reasons.map((r) => r.code),
      ['OK'],
    );
    // An on-hold account with only disputed items overdue shows no overdue reason.
    const held = decideCredit(facts({ status: 'on_hold', hold: HOLD, items: [disputed] }));
    assert.deepEqual(
      held.reasons.map((r) => r.code),
      ['ACCOUNT_ON_HOLD'],
    );
    // The oldest undisputed item is the one reported, not the older disputed one.
    const both = decideCredit(
      facts({ items: [disputed, item({ number: 'F9', dueDate: '2026-03-01' })] }),
    );
    assert.match(overdueReason(both)?.detail ?? '', /^F9 \(due 2026-03-01\) is 9 days overdue/);
    assert.deepEqual(both.overdueBeyondToleranceMinor, { EUR: 100000 });
    // A disputed item still counts in the exposure.
    assert.equal(both.exposureMinor, 200000);
  });

  it('only invoices are overdue: old credit notes and payments are not', () => {
    const d = decideCredit(
      facts({
        items: [
          item({ number: 'A1', type: 'credit_note', dueDate: '2025-01-01', amountMinor: -3000 }),
          item({ number: 'P1', type: 'payment', dueDate: '2025-01-01', amountMinor: -2000 }),
        ],
      }),
    );
    assert.deepEqual(d.overdueMinor, {});
    assert.deepEqual(d.balanceMinor, { EUR: -5000 });
    assert.deepEqual(
      d.reasons.map((r) => r.code),
      ['OK'],
    );
  });
});

describe('decideCredit: amounts and currencies', () => {
  it('nets credits into the exposure; settled items count for nothing', () => {
    const d = decideCredit(
      facts({
        creditLimitMinor: 100000,
        items: [
          item({ number: 'F1', dueDate: '2026-03-31', amountMinor: 120000 }),
          item({ number: 'F2', dueDate: '2026-01-31', amountMinor: 50000, openMinor: 0 }),
          item({ number: 'A1', type: 'credit_note', dueDate: '2026-02-01', amountMinor: -30000 }),
        ],
      }),
    );
    assert.deepEqual(d.balanceMinor, { EUR: 90000 });
    assert.deepEqual(d.overdueMinor, {});
    assert.equal(d.exposureMinor, 90000);
    assert.equal(d.availableCreditMinor, 10000);
    assert.equal(d.status, 'ok');
  });

  it('the limit applies to the customer currency only; other currencies are reported apart', () => {
    const d = decideCredit(
      facts({
        currency: 'GBP',
        creditLimitMinor: 50000,
        items: [
          item({ number: 'G1', dueDate: '2026-03-31', currency: 'GBP', amountMinor: 40000 }),
          item({ number: 'E1', dueDate: '2026-01-10', currency: 'EUR', amountMinor: 900000 }),
          item({ number: 'U1', dueDate: '2026-02-10', currency: 'USD', amountMinor: 700000 }),
          item({ number: 'U2', type: 'payment', dueDate: '2026-02-10', currency: 'USD' }),
        ],
      }),
    );
    assert.deepEqual(d.balanceMinor, { GBP: 40000, EUR: 900000, USD: 600000 });
    assert.equal(d.exposureMinor, 40000);
    assert.equal(d.availableCreditMinor, 10000);
    assert.deepEqual(d.overdueMinor, { EUR: 900000, USD: 700000 });
    assert.deepEqual(d.overdueBeyondToleranceMinor, { EUR: 900000, USD: 700000 });
    assert.equal(d.status, 'ok');
    assert.deepEqual(
      d.reasons.map((r) => r.code),
      ['OK', 'OVERDUE_BEYOND_TOLERANCE'],
    );
    // The oldest item beyond the tolerance, whatever its currency.
    assert.match(d.reasons[1]?.detail ?? '', /^E1 \(due 2026-01-10\) is 59 days overdue/);
  });

  it('exposure in a currency with no item is zero; a currency without decimals is formatted so', () => {
    const none = decideCredit(facts({ currency: 'JPY', creditLimitMinor: 0, items: [LATE] }));
    assert.equal(none.exposureMinor, 0);
    assert.equal(none.availableCreditMinor, 0);
    assert.equal(none.status, 'ok');
    const yen = decideCredit(
      facts({
        currency: 'JPY',
        creditLimitMinor: 100000,
        items: [
          item({ number: 'J1', dueDate: '2026-03-31', currency: 'JPY', amountMinor: 100001 }),
        ],
      }),
    );
    assert.equal(yen.reason.detail, 'exposure 100001 JPY is above the credit limit 100000 JPY');
  });
});
