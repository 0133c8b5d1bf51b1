/** Shared by the planner's table-driven tests: a scenario, a customer, and timelines written out day by day. */
import { addDays, compareDates } from '../calendar/local-date.ts';
import type { Scenario, ScenarioStep } from '../scenario/types.ts';
import type { CustomerFacts, DunningItem, HistoryEntry, PlanInput } from './plan-types.ts';
import { planCustomer } from './plan.ts';

export const step = (
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

export const SCENARIO: Scenario = {
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

export const CUSTOMER: CustomerFacts = {
  code: 'C1',
  status: 'active',
  segment: 'smb',
  country: 'FR',
  reach: { emailRoles: ['accounts_payable'], phoneRoles: ['accounts_payable'], postal: true },
};

export const invoice = (
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

export function input(
  asOf: string,
  items: DunningItem[],
  over: Partial<PlanInput> = {},
): PlanInput {
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
export function timeline(
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

export function everyDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; compareDates(d, to) <= 0; d = addDays(d, 1)) days.push(d);
  return days;
}
