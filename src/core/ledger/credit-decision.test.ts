import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  decideCredit,
  type CreditFacts,
  type CreditReasonCode,
  type CreditVerdict,
} from './credit-decision.ts';
import { facts, NOT_DUE, LATE, HOLD } from './credit-decision.fixture.ts';

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

  it('LITIGATION and ACCOUNT_BLOCKED set by hand say who, why and since when', () => {
    const manual = { since: '2026-03-09', detail: 'account blocked for new orders by a@b: unpaid' };
    assert.deepEqual(decideCredit(facts({ status: 'blocked', manual })).reason, {
      code: 'ACCOUNT_BLOCKED',
      detail: 'account blocked for new orders by a@b: unpaid; lifted by hand only',
      since: '2026-03-09',
    });
    const handedOver = { since: '2026-03-08', detail: 'account handed over to litigation: agency' };
    const d = decideCredit(facts({ status: 'litigation', manual: handedOver, items: [LATE] }));
    assert.deepEqual(
      d.reasons.map((r) => [r.code, r.since]),
      [
        ['LITIGATION', '2026-03-08'],
        ['OVERDUE_BEYOND_TOLERANCE', '2026-02-09'],
      ],
    );
    assert.equal(d.mayTakeOrders, false);
  });
});
