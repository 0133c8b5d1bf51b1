import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  decideCredit,
  type CreditDecision,
  type CreditFacts,
  type CreditReasonCode,
  type CreditVerdict,
} from './credit-decision.ts';
import type { LedgerItem } from './types.ts';

const AS_OF = '2026-03-10';

/** An invoice (by default) of 1,000.00 EUR, open in full, undisputed. */
function item(fields: Partial<LedgerItem> & Pick<LedgerItem, 'number' | 'dueDate'>): LedgerItem {
  const type = fields.type ?? 'invoice';
  const amountMinor = fields.amountMinor ?? (type === 'invoice' ? 100000 : -100000);
  return {
    type,
    issueDate: '2026-01-01',
    currency: 'EUR',
    amountMinor,
    openMinor: amountMinor,
    disputed: false,
    ...fields,
  };
}

function facts(over: Partial<CreditFacts> = {}): CreditFacts {
  return {
    status: 'active',
    currency: 'EUR',
    creditLimitMinor: null,
    items: [],
    toleranceDays: 0,
    asOf: AS_OF,
    ...over,
  };
}

/** Not due yet (due after AS_OF). */
const NOT_DUE = item({ number: 'N1', dueDate: '2026-03-31' });
/** 30 days overdue. */
const LATE = item({ number: 'L1', dueDate: '2026-02-08' });
const HOLD = {
  since: '2026-03-02',
  step: 'formal_notice',
  actionId: 42,
  detail: 'account on hold for new orders by Formal notice (step formal_notice, action #42)',
};

interface Case {
  readonly name: string;
  readonly facts: Partial<CreditFacts>;
  readonly status: CreditVerdict;
  readonly mayTakeOrders: boolean;
  readonly codes: readonly CreditReasonCode[];
}

const CASES: readonly Case[] = [
  {
    name: 'active, no credit limit, nothing overdue',
    facts: { items: [NOT_DUE] },
    status: 'ok',
    mayTakeOrders: true,
    codes: ['OK'],
  },
  {
    name: 'active, within its credit limit',
    facts: { items: [NOT_DUE], creditLimitMinor: 500000 },
    status: 'ok',
    mayTakeOrders: true,
    codes: ['OK'],
  },
  {
    name: 'active, exposure exactly at the credit limit',
    facts: { items: [NOT_DUE], creditLimitMinor: 100000 },
    status: 'ok',
    mayTakeOrders: true,
    codes: ['OK'],
  },
  {
    name: 'active, exposure one cent above the credit limit',
    facts: { items: [NOT_DUE], creditLimitMinor: 99999 },
    status: 'blocked',
    mayTakeOrders: false,
    codes: ['CREDIT_LIMIT_EXCEEDED'],
  },
  {
    name: 'active, overdue beyond tolerance: reported, not blocking',
    facts: { items: [LATE] },
    status: 'ok',
    mayTakeOrders: true,
    codes: ['OK', 'OVERDUE_BEYOND_TOLERANCE'],
  },
  {
    name: 'active, above the limit and overdue',
    facts: { items: [LATE, NOT_DUE], creditLimitMinor: 150000 },
    status: 'blocked',
    mayTakeOrders: false,
    codes: ['CREDIT_LIMIT_EXCEEDED', 'OVERDUE_BEYOND_TOLERANCE'],
  },
  {
    name: 'on hold by dunning, still overdue',
    facts: { status: 'on_hold', hold: HOLD, items: [LATE] },
    status: 'on_hold',
    mayTakeOrders: false,
    codes: ['ACCOUNT_ON_HOLD', 'OVERDUE_BEYOND_TOLERANCE'],
  },
  {
    name: 'on hold, nothing overdue any more (the next run releases it)',
    facts: { status: 'on_hold', hold: HOLD, items: [NOT_DUE], creditLimitMinor: 500000 },
    status: 'on_hold',
    mayTakeOrders: false,
    codes: ['ACCOUNT_ON_HOLD'],
  },
  {
    name: 'on hold, above the limit and overdue: every reason, the hold first',
    facts: { status: 'on_hold', hold: null, items: [LATE], creditLimitMinor: 0 },
    status: 'on_hold',
    mayTakeOrders: false,
    codes: ['ACCOUNT_ON_HOLD', 'CREDIT_LIMIT_EXCEEDED', 'OVERDUE_BEYOND_TOLERANCE'],
  },
  {
    name: 'blocked by hand, nothing owed',
    facts: { status: 'blocked' },
    status: 'blocked',
    mayTakeOrders: false,
    codes: ['ACCOUNT_BLOCKED'],
  },
  {
    name: 'blocked by hand, above the limit and overdue',
    facts: { status: 'blocked', items: [LATE], creditLimitMinor: 1000 },
    status: 'blocked',
    mayTakeOrders: false,
    codes: ['ACCOUNT_BLOCKED', 'CREDIT_LIMIT_EXCEEDED', 'OVERDUE_BEYOND_TOLERANCE'],
  },
  {
    name: 'in litigation, within its limit',
    facts: { status: 'litigation', items: [NOT_DUE], creditLimitMinor: 500000 },
    status: 'litigation',
    mayTakeOrders: false,
    codes: ['LITIGATION'],
  },
  {
    name: 'in litigation, above the limit and overdue',
    facts: { status: 'litigation', items: [LATE], creditLimitMinor: 1000 },
    status: 'litigation',
    mayTakeOrders: false,
    codes: ['LITIGATION', 'CREDIT_LIMIT_EXCEEDED', 'OVERDUE_BEYOND_TOLERANCE'],
  },
  {
    name: 'excluded from dunning, within its limit',
    facts: { status: 'excluded', items: [NOT_DUE], creditLimitMinor: 500000 },
    status: 'excluded',
    mayTakeOrders: true,
    codes: ['EXCLUDED'],
  },
  {
    name: 'excluded: overdue items do not count, only the limit',
    facts: { status: 'excluded', items: [LATE], excludedSince: '2026-01-15' },
    status: 'excluded',
    mayTakeOrders: true,
    codes: ['EXCLUDED'],
  },
  {
    name: 'excluded, above its limit',
    facts: { status: 'excluded', items: [LATE], creditLimitMinor: 50000 },
    status: 'excluded',
    mayTakeOrders: false,
    codes: ['CREDIT_LIMIT_EXCEEDED', 'EXCLUDED'],
  },
];

describe('decideCredit: every status and reason', () => {
  for (const c of CASES) {
    it(`${c.name} → ${c.status}, ${c.codes.join(' + ')}`, () => {
      const d = decideCredit(facts(c.facts));
      assert.equal(d.status, c.status);
      assert.equal(d.mayTakeOrders, c.mayTakeOrders);
      assert.deepEqual(
        d.reasons.map((r) => r.code),
        c.codes,
      );
      assert.deepEqual(d.reason, d.reasons[0], 'the deciding reason is the first');
    });
  }

  it('every reason code and every verdict is covered by the table', () => {
    const codes = new Set(CASES.flatMap((c) => c.codes));
    const all: CreditReasonCode[] = [
      'OK',
      'LITIGATION',
      'ACCOUNT_BLOCKED',
      'ACCOUNT_ON_HOLD',
      'EXCLUDED',
      'CREDIT_LIMIT_EXCEEDED',
      'OVERDUE_BEYOND_TOLERANCE',
    ];
    assert.deepEqual([...codes].sort(), [...all].sort());
    const verdicts = new Set(CASES.map((c) => c.status));
    assert.deepEqual([...verdicts].sort(), ['blocked', 'excluded', 'litigation', 'ok', 'on_hold']);
  });
});

describe('decideCredit: reason details', () => {
  it('OK says whether there is a limit', () => {
    assert.equal(
      decideCredit(facts()).reason.detail,
      'the account is active and has no credit limit',
    );
    assert.equal(
      decideCredit(facts({ creditLimitMinor: 0 })).reason.detail,
      'the account is active and within its credit limit',
    );
  });

  it('CREDIT_LIMIT_EXCEEDED names the exposure and the limit in the customer currency', () => {
    const d = decideCredit(facts({ items: [NOT_DUE], creditLimitMinor: 99999 }));
    assert.deepEqual(d.reason, {
      code: 'CREDIT_LIMIT_EXCEEDED',
      detail: 'exposure 1000.00 EUR is above the credit limit 999.99 EUR',
    });
    assert.equal(d.exposureMinor, 100000);
    assert.equal(d.creditLimitMinor, 99999);
    assert.equal(d.availableCreditMinor, -1);
  });

  it('ACCOUNT_ON_HOLD carries the step, the action and the day it was held', () => {
    const d = decideCredit(facts({ status: 'on_hold', hold: HOLD, toleranceDays: 3 }));
    assert.deepEqual(d.reason, {
      code: 'ACCOUNT_ON_HOLD',
      detail: `${HOLD.detail}; released by the run once nothing is overdue more than 3 days`,
      since: '2026-03-02',
      step: 'formal_notice',
      actionId: 42,
    });
    const unknown = decideCredit(
      facts({ status: 'on_hold', hold: { ...HOLD, step: null, actionId: null } }),
    );
    assert.equal(unknown.reason.step, undefined);
    assert.equal(unknown.reason.actionId, undefined);
    const bare = decideCredit(facts({ status: 'on_hold', toleranceDays: 1 }));
    assert.deepEqual(bare.reason, {
      code: 'ACCOUNT_ON_HOLD',
      detail: 'the account is on hold; released by the run once nothing is overdue more than 1 day',
    });
  });

  it('EXCLUDED carries the day of the exclusion when known', () => {
    const d = decideCredit(facts({ status: 'excluded', excludedSince: '2026-01-15' }));
    assert.deepEqual(d.reason, {
      code: 'EXCLUDED',
      detail: 'excluded from dunning: only the credit limit applies to orders',
      since: '2026-01-15',
    });
    assert.equal(decideCredit(facts({ status: 'excluded' })).reason.since, undefined);
  });

  it('LITIGATION and ACCOUNT_BLOCKED', () => {
    assert.deepEqual(decideCredit(facts({ status: 'litigation' })).reason, {
      code: 'LITIGATION',
      detail: 'the account is in litigation',
    });
    assert.deepEqual(decideCredit(facts({ status: 'blocked' })).reason, {
      code: 'ACCOUNT_BLOCKED',
      detail: 'the account is blocked',
    });
  });
});

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
