import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planCustomer } from './plan.ts';
import type { Scenario } from '../scenario/types.ts';
import type { DunningItem, HistoryEntry, PlanInput, PromiseToPay } from './plan-types.ts';
import { step, SCENARIO, CUSTOMER, invoice, input, timeline, everyDay } from './plan.fixture.ts';

describe('planner: skips with reasons', () => {
  const F1 = invoice('F1', '2026-03-02');
  const cases: {
    name: string;
    over: Partial<PlanInput>;
    items?: DunningItem[];
    code: string;
    actions?: number;
  }[] = [
    {
      name: 'disputed item',
      items: [invoice('F1', '2026-03-02', 10000, { disputed: true, disputeReason: 'damaged' })],
      over: {},
      code: 'DISPUTED',
      actions: 0,
    },
    {
      name: 'item paused',
      items: [
        invoice('F1', '2026-03-02', 10000, {
          holdUntil: '2026-03-20',
          holdReason: 'credit note coming',
        }),
      ],
      over: {},
      code: 'ON_HOLD_UNTIL',
      actions: 0,
    },
    {
      name: 'customer paused',
      over: { customer: { ...CUSTOMER, holdUntil: '2026-03-10', holdReason: 'audit' } },
      code: 'ON_HOLD_UNTIL',
      actions: 0,
    },
    {
      name: 'excluded customer',
      over: { customer: { ...CUSTOMER, status: 'excluded' } },
      code: 'EXCLUDED',
      actions: 0,
    },
    {
      name: 'account handed over to litigation',
      over: { customer: { ...CUSTOMER, status: 'litigation' } },
      code: 'LITIGATION',
      actions: 0,
    },
    {
      name: 'stale ledger',
      over: {
        settings: { promiseGraceDays: 2, netCredits: true, ledgerFresh: false, businessDay: true },
      },
      code: 'STALE_LEDGER',
      actions: 0,
    },
    {
      name: 'non-business day',
      over: {
        settings: { promiseGraceDays: 2, netCredits: true, ledgerFresh: true, businessDay: false },
      },
      code: 'NON_BUSINESS_DAY',
      actions: 0,
    },
    {
      name: 'below minimum',
      over: {
        scenario: {
          ...SCENARIO,
          steps: SCENARIO.steps.map((s) => ({
            ...s,
            conditions: { minOverdueMinor: { EUR: 50000 } },
          })),
        },
      },
      code: 'BELOW_MINIMUM',
      actions: 0,
    },
    {
      name: 'manual step',
      over: {
        scenario: {
          ...SCENARIO,
          steps: SCENARIO.steps.map((s) => ({ ...s, mode: 'manual' as const })),
        },
      },
      code: 'MANUAL_MODE',
      actions: 0,
    },
    {
      name: 'no e-mail: letter instead',
      over: { customer: { ...CUSTOMER, reach: { emailRoles: [], phoneRoles: [], postal: true } } },
      code: 'NO_CONTACT',
      actions: 1,
    },
    {
      name: 'no channel at all',
      over: { customer: { ...CUSTOMER, reach: { emailRoles: [], phoneRoles: [], postal: false } } },
      code: 'NO_CONTACT',
      actions: 0,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const plan = planCustomer(input('2026-03-05', c.items ?? [F1], c.over));
      assert.ok(
        plan.skips.some((s) => s.code === c.code),
        JSON.stringify(plan.skips),
      );
      assert.equal(plan.actions.length, c.actions ?? 0);
      for (const s of plan.skips) assert.ok(s.detail.length > 0);
    });
  }

  it('falls back from e-mail to a letter and says so', () => {
    const plan = planCustomer(
      input('2026-03-05', [F1], {
        customer: { ...CUSTOMER, reach: { emailRoles: [], phoneRoles: [], postal: true } },
      }),
    );
    assert.deepEqual(plan.actions[0]?.kinds, ['letter']);
    assert.ok(plan.actions[0]?.reasons.includes('FALLBACK_TO_LETTER'));
  });

  it('a disputed item stays out while the others are dunned; resolving it resumes at the next step', () => {
    const items = [
      invoice('F1', '2026-03-02', 10000, { disputed: true }),
      invoice('F2', '2026-03-20', 5000),
    ];
    const plan = planCustomer(input('2026-03-21', items));
    assert.equal(plan.actions[0]?.overdueMinor, 5000);
    const history: HistoryEntry[] = [
      {
        type: 'step',
        currency: 'EUR',
        stepId: 'reminder',
        stepKind: 'reminder',
        date: '2026-03-03',
        items: ['F1'],
      },
    ];
    const resumed = planCustomer(input('2026-03-25', [invoice('F1', '2026-03-02')], { history }));
    assert.equal(resumed.actions[0]?.step, 'l1');
  });
});

describe('planner: promises', () => {
  const history: HistoryEntry[] = [
    {
      type: 'step',
      currency: 'EUR',
      stepId: 'reminder',
      stepKind: 'reminder',
      date: '2026-03-03',
      items: ['F1'],
    },
  ];
  const promise: PromiseToPay = {
    id: 'P1',
    currency: 'EUR',
    promisedDate: '2026-03-20',
    amountMinor: 10000,
    items: ['F1'],
    status: 'open',
  };

  it('a pending promise pauses escalation until its date plus grace days', () => {
    const plan = planCustomer(
      input('2026-03-22', [invoice('F1', '2026-03-02')], { history, promises: [promise] }),
    );
    assert.deepEqual(plan.actions, []);
    assert.equal(plan.skips[0]?.code, 'PROMISE_PENDING');
  });

  it('a broken promise resumes at the next step at once, with a call task, and is reported', () => {
    const plan = planCustomer(
      input('2026-03-23', [invoice('F1', '2026-03-02')], { history, promises: [promise] }),
    );
    assert.equal(plan.actions[0]?.step, 'l1');
    assert.ok(plan.actions[0]?.reasons.includes('BROKEN_PROMISE'));
    assert.ok(plan.actions[0]?.kinds.includes('call_task'));
    assert.equal(plan.events[0]?.kind, 'promise_broken');
  });

  it('a kept promise is reported and nothing is planned', () => {
    const plan = planCustomer(
      input('2026-03-23', [invoice('F2', '2026-04-30')], { history, promises: [promise] }),
    );
    assert.equal(plan.events.find((e) => e.kind === 'promise_kept')?.promiseId, 'P1');
  });
});

describe('planner: account and scenario', () => {
  it('one communication per currency, covering overdue and not-yet-due items, credits netted', () => {
    const items: DunningItem[] = [
      invoice('F1', '2026-03-02'),
      invoice('F2', '2026-04-15', 7000),
      { ...invoice('CN1', '2026-03-01', -2000), type: 'credit_note', amountMinor: -2000 },
      { ...invoice('G1', '2026-03-01', 9900), currency: 'GBP' },
    ];
    const plan = planCustomer(input('2026-03-05', items));
    assert.deepEqual(
      plan.actions.map((a) => [
        a.currency,
        a.step,
        a.overdueMinor,
        a.notDueMinor,
        a.balanceMinor,
        a.items.join(' '),
      ]),
      [
        ['EUR', 'reminder', 10000, 7000, 15000, 'F1 F2 CN1'],
        ['GBP', 'reminder', 9900, 0, 9900, 'G1'],
      ],
    );
    assert.equal(plan.actions[0]?.idempotencyKey, 'C1|EUR|reminder|2026-03-05');
  });

  it('a changed scenario keeps the position by step kind', () => {
    const softer: Scenario = {
      code: 'soft',
      name: 'Soft',
      catchUp: false,
      steps: [
        step('s-rem', 'reminder', 3),
        step('s-l2', 'level_2', 20),
        step('s-fn', 'formal_notice', 45),
      ],
    };
    const history: HistoryEntry[] = [
      {
        type: 'step',
        currency: 'EUR',
        stepId: 'l1',
        stepKind: 'level_1',
        date: '2026-03-10',
        items: ['F1'],
      },
    ];
    const plan = planCustomer(
      input('2026-03-25', [invoice('F1', '2026-03-02')], { history, scenario: softer }),
    );
    assert.equal(plan.actions[0]?.step, 's-l2');
  });

  it('confirm-mode steps are planned in confirm mode', () => {
    const history: HistoryEntry[] = [
      {
        type: 'step',
        currency: 'EUR',
        stepId: 'l2',
        stepKind: 'level_2',
        date: '2026-03-17',
        items: ['F1'],
      },
    ];
    const plan = planCustomer(input('2026-04-01', [invoice('F1', '2026-03-02')], { history }));
    assert.deepEqual(
      [plan.actions[0]?.step, plan.actions[0]?.mode, plan.actions[0]?.kinds],
      ['notice', 'confirm', ['letter', 'hold_account']],
    );
  });

  it('a sales check comes before the step, which waits for the answer or the delay', () => {
    const checked = {
      ...SCENARIO,
      steps: SCENARIO.steps.map((s) => (s.id === 'l2' ? { ...s, salesCheckDays: 3 } : s)),
    };
    const got = timeline(
      everyDay('2026-03-10', '2026-03-25'),
      () => [invoice('F1', '2026-03-02')],
      {
        scenario: checked,
        history: [
          {
            type: 'step',
            currency: 'EUR',
            stepId: 'reminder',
            stepKind: 'reminder',
            date: '2026-03-03',
            items: ['F1'],
          },
        ],
      },
    );
    assert.deepEqual(got, ['2026-03-10 l1', '2026-03-17 sales_check:l2', '2026-03-20 l2']);
  });

  it('steps whose conditions do not fit the customer are passed over', () => {
    const scoped = {
      ...SCENARIO,
      steps: SCENARIO.steps.map((s) =>
        s.id === 'reminder' ? { ...s, conditions: { countries: ['DE'] } } : s,
      ),
    };
    const plan = planCustomer(
      input('2026-03-12', [invoice('F1', '2026-03-02')], { scenario: scoped }),
    );
    assert.equal(plan.actions[0]?.step, 'l1');
  });
});
