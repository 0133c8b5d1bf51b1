import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, compareDates } from '../calendar/local-date.ts';
import type { Scenario, ScenarioStep } from '../scenario/types.ts';
import type {
  CustomerFacts,
  DunningItem,
  HistoryEntry,
  PlanInput,
  PromiseToPay,
} from './plan-types.ts';
import { planCustomer } from './plan.ts';

const step = (
  id: string,
  kind: ScenarioStep['kind'],
  offsetDays: number,
  extra: Partial<ScenarioStep> = {},
): ScenarioStep => ({
  id,
  name: id,
  kind,
  offsetDays,
  actions: [{ kind: 'email', template: `${id}_email` }],
  minDaysSincePrevious: 5,
  recipients: ['accounts_payable'],
  mode: 'auto',
  ...extra,
});

const SCENARIO: Scenario = {
  code: 'test',
  name: 'Test',
  catchUp: false,
  steps: [
    step('pre', 'pre_dunning', -5, { minDaysSincePrevious: 0 }),
    step('reminder', 'reminder', 1),
    step('l1', 'level_1', 8, {
      actions: [
        { kind: 'email', template: 'l1' },
        { kind: 'call_task', template: 'call' },
      ],
    }),
    step('l2', 'level_2', 15, { actions: [{ kind: 'letter', template: 'l2' }] }),
    step('notice', 'formal_notice', 30, {
      mode: 'confirm',
      actions: [{ kind: 'letter', registered: true, template: 'fn' }, { kind: 'hold_account' }],
    }),
    step('handover', 'handover', 50, {
      mode: 'confirm',
      minDaysSincePrevious: 10,
      actions: [{ kind: 'handover', template: 'ho' }],
    }),
  ],
};

const CUSTOMER: CustomerFacts = {
  code: 'C1',
  status: 'active',
  segment: 'smb',
  country: 'FR',
  reach: { emailRoles: ['accounts_payable'], phoneRoles: ['accounts_payable'], postal: true },
};

const invoice = (
  number: string,
  dueDate: string,
  openMinor = 10000,
  extra: Partial<DunningItem> = {},
): DunningItem => ({
  number,
  type: 'invoice',
  issueDate: addDays(dueDate, -30),
  dueDate,
  currency: 'EUR',
  amountMinor: openMinor,
  openMinor,
  disputed: false,
  ...extra,
});

function input(asOf: string, items: DunningItem[], over: Partial<PlanInput> = {}): PlanInput {
  return {
    customer: CUSTOMER,
    items,
    history: [],
    promises: [],
    scenario: SCENARIO,
    settings: { promiseGraceDays: 2, netCredits: true, ledgerFresh: true, businessDay: true },
    asOf,
    ...over,
  };
}

/** Runs the planner on each listed day, recording taken steps as the run would; returns "date step" lines. */
function timeline(
  days: string[],
  items: (asOf: string) => DunningItem[],
  over: Partial<PlanInput> = {},
): string[] {
  const history: HistoryEntry[] = [...(over.history ?? [])];
  const out: string[] = [];
  for (const asOf of days) {
    const plan = planCustomer(input(asOf, items(asOf), { ...over, history }));
    for (const a of plan.actions) {
      history.push({
        type: a.type,
        currency: a.currency,
        stepId: a.step,
        stepKind: a.stepKind,
        date: asOf,
        items: a.items,
      });
      out.push(`${asOf} ${a.type === 'sales_check' ? 'sales_check:' : ''}${a.step}`);
    }
  }
  return out;
}

function everyDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; compareDates(d, to) <= 0; d = addDays(d, 1)) days.push(d);
  return days;
}

describe('planner: escalation timeline', () => {
  it('runs every day: one step at a time, each at its offset', () => {
    const got = timeline(everyDay('2026-02-20', '2026-05-31'), () => [invoice('F1', '2026-03-02')]);
    assert.deepEqual(got, [
      '2026-02-25 pre',
      '2026-03-03 reminder',
      '2026-03-10 l1',
      '2026-03-17 l2',
      '2026-04-01 notice',
      '2026-04-21 handover',
    ]);
  });

  it('the same day run twice plans nothing the second time (ALREADY_DONE)', () => {
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
    const plan = planCustomer(input('2026-03-03', [invoice('F1', '2026-03-02')], { history }));
    assert.deepEqual(plan.actions, []);
    assert.equal(plan.skips[0]?.code, 'ALREADY_DONE');
  });

  it('a missed week catches up one step, not two', () => {
    const got = timeline(
      ['2026-03-01', '2026-03-12', '2026-03-13', '2026-03-17', '2026-03-18'],
      () => [invoice('F1', '2026-03-02')],
    );
    assert.deepEqual(got, ['2026-03-01 pre', '2026-03-12 reminder', '2026-03-17 l1']);
    const waiting = planCustomer(
      input('2026-03-13', [invoice('F1', '2026-03-02')], {
        history: [
          {
            type: 'step',
            currency: 'EUR',
            stepId: 'reminder',
            stepKind: 'reminder',
            date: '2026-03-12',
            items: ['F1'],
          },
        ],
      }),
    );
    assert.equal(waiting.skips[0]?.code, 'WAITING_INTERVAL');
  });

  it('a customer first seen 60 days late gets the first overdue step', () => {
    const plan = planCustomer(input('2026-05-01', [invoice('F1', '2026-03-02')]));
    assert.equal(plan.actions[0]?.step, 'reminder');
    assert.deepEqual(plan.actions[0]?.reasons, ['FIRST_OVERDUE_STEP', 'OFFSET_REACHED']);
  });

  it('with catch-up, it starts at the step matching its age', () => {
    const plan = planCustomer(
      input('2026-04-05', [invoice('F1', '2026-03-02')], {
        scenario: { ...SCENARIO, catchUp: true },
      }),
    );
    assert.equal(plan.actions[0]?.step, 'notice');
    assert.ok(plan.actions[0]?.reasons.includes('CATCH_UP'));
  });

  it('after the last step, nothing more unless the step repeats', () => {
    const history: HistoryEntry[] = [
      {
        type: 'step',
        currency: 'EUR',
        stepId: 'handover',
        stepKind: 'handover',
        date: '2026-04-21',
        items: ['F1'],
      },
    ];
    assert.equal(
      planCustomer(input('2026-05-30', [invoice('F1', '2026-03-02')], { history })).skips[0]?.code,
      'LAST_STEP_DONE',
    );
    const repeating = {
      ...SCENARIO,
      steps: SCENARIO.steps.map((s) => (s.id === 'handover' ? { ...s, repeatEveryDays: 30 } : s)),
    };
    const got = timeline(
      everyDay('2026-04-22', '2026-06-30'),
      () => [invoice('F1', '2026-03-02')],
      { history, scenario: repeating },
    );
    assert.deepEqual(got, ['2026-05-21 handover', '2026-06-20 handover']);
  });
});

describe('planner: payments', () => {
  it('never plans on paid items; a full payment resets, a new overdue item starts over', () => {
    const got = timeline(everyDay('2026-02-25', '2026-04-30'), (asOf) =>
      compareDates(asOf, '2026-03-12') < 0
        ? [invoice('F1', '2026-03-02')]
        : [invoice('F1', '2026-03-02', 0), invoice('F2', '2026-04-10')],
    );
    assert.deepEqual(got, [
      '2026-02-25 pre',
      '2026-03-03 reminder',
      '2026-03-10 l1',
      '2026-04-05 pre',
      '2026-04-11 reminder',
      '2026-04-18 l1',
      '2026-04-25 l2',
    ]);
  });

  it('a partial payment keeps the item in the flow at the same step', () => {
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
      input('2026-03-17', [invoice('F1', '2026-03-02', 4000)], { history }),
    );
    assert.equal(plan.actions[0]?.step, 'l2');
    assert.equal(plan.actions[0]?.overdueMinor, 4000);
  });

  it('records a reset event when everything covered was paid', () => {
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
    const plan = planCustomer(input('2026-04-20', [invoice('F2', '2026-04-10')], { history }));
    assert.equal(plan.events[0]?.kind, 'reset');
    assert.equal(plan.actions[0]?.step, 'reminder');
  });
});

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
