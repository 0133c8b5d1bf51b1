import type { Scenario, ScenarioStep } from './types.ts';

/**
 * The scenarios every company starts with (seeded by `relance scenario defaults`).
 * They follow common practice — see docs/scenarios.md for the reasoning of each step.
 * Definitions are complete (every default written out): `validateScenario` returns them
 * unchanged.
 */

const AP = ['accounts_payable'];

const preDunning: ScenarioStep = {
  id: 'pre_dunning',
  name: 'Pre-dunning: statement of what falls due soon',
  kind: 'pre_dunning',
  offsetDays: -5,
  mode: 'auto',
  minDaysSincePrevious: 0,
  actions: [{ kind: 'email', template: 'pre_dunning_email' }],
  recipients: AP,
};

const reminder: ScenarioStep = {
  id: 'reminder',
  name: 'Friendly reminder',
  kind: 'reminder',
  offsetDays: 1,
  mode: 'auto',
  minDaysSincePrevious: 3,
  actions: [{ kind: 'email', template: 'reminder_email' }],
  recipients: AP,
};

const defaultSteps: readonly ScenarioStep[] = [
  preDunning,
  reminder,
  {
    id: 'level_1',
    name: 'Level 1: e-mail and call for a promise to pay',
    kind: 'level_1',
    offsetDays: 8,
    mode: 'auto',
    minDaysSincePrevious: 5,
    actions: [
      { kind: 'email', template: 'level1_email' },
      { kind: 'call_task', template: 'level1_call' },
    ],
    recipients: AP,
    deadlineDays: 8,
  },
  {
    id: 'level_2',
    name: 'Level 2: letter, call and sales owner; warning of account hold',
    kind: 'level_2',
    offsetDays: 15,
    mode: 'auto',
    minDaysSincePrevious: 5,
    actions: [
      { kind: 'letter', template: 'level2_letter' },
      { kind: 'call_task', template: 'level2_call' },
      { kind: 'notify_internal', template: 'level2_notify_sales', role: 'sales_owner' },
    ],
    recipients: AP,
    salesCheckDays: 3,
    deadlineDays: 8,
  },
  {
    id: 'formal_notice',
    name: 'Formal notice: registered letter with penalties; account on hold',
    kind: 'formal_notice',
    offsetDays: 30,
    mode: 'confirm',
    minDaysSincePrevious: 7,
    actions: [
      { kind: 'letter', template: 'formal_notice_letter', registered: true },
      { kind: 'hold_account' },
    ],
    recipients: ['accounts_payable', 'cfo'],
    deadlineDays: 8,
  },
  {
    id: 'handover',
    name: 'Hand-over: collection agency or litigation',
    kind: 'handover',
    offsetDays: 50,
    mode: 'confirm',
    minDaysSincePrevious: 10,
    actions: [{ kind: 'handover', template: 'handover_task', role: 'credit_manager' }],
    recipients: AP,
  },
];

const keyAccountSteps: readonly ScenarioStep[] = [
  { ...preDunning, offsetDays: -7 },
  { ...reminder, offsetDays: 3 },
  {
    id: 'level_1_call',
    name: 'Level 1: call the account first; sales owner informed',
    kind: 'level_1',
    offsetDays: 12,
    mode: 'auto',
    minDaysSincePrevious: 7,
    actions: [
      { kind: 'call_task', template: 'level1_call' },
      { kind: 'notify_internal', template: 'key_account_notify_sales', role: 'sales_owner' },
    ],
    recipients: AP,
  },
  {
    id: 'level_1_email',
    name: 'Level 1: written follow-up of the call',
    kind: 'level_1',
    offsetDays: 18,
    mode: 'auto',
    minDaysSincePrevious: 5,
    actions: [{ kind: 'email', template: 'level1_email' }],
    recipients: AP,
    deadlineDays: 10,
  },
  {
    id: 'level_2',
    name: 'Level 2: call, then letter once confirmed (no account hold)',
    kind: 'level_2',
    offsetDays: 30,
    mode: 'confirm',
    minDaysSincePrevious: 10,
    actions: [
      { kind: 'call_task', template: 'level2_call' },
      { kind: 'letter', template: 'key_account_letter' },
      { kind: 'notify_internal', template: 'level2_notify_sales', role: 'sales_owner' },
    ],
    recipients: ['accounts_payable', 'cfo'],
    salesCheckDays: 5,
    deadlineDays: 10,
  },
  {
    id: 'formal_notice',
    name: 'Formal notice: registered letter with penalties (no automatic hold)',
    kind: 'formal_notice',
    offsetDays: 45,
    mode: 'confirm',
    minDaysSincePrevious: 14,
    actions: [
      { kind: 'letter', template: 'formal_notice_letter', registered: true },
      { kind: 'notify_internal', template: 'formal_notice_notify', role: 'credit_manager' },
    ],
    recipients: ['accounts_payable', 'cfo'],
    salesCheckDays: 5,
    deadlineDays: 15,
  },
  {
    id: 'handover',
    name: 'Hand-over: decided case by case',
    kind: 'handover',
    offsetDays: 75,
    mode: 'manual',
    minDaysSincePrevious: 21,
    actions: [{ kind: 'handover', template: 'handover_task', role: 'credit_manager' }],
    recipients: AP,
  },
];

export const DEFAULT_SCENARIOS: readonly Scenario[] = [
  { code: 'default', name: 'Standard', catchUp: false, steps: defaultSteps },
  { code: 'key_accounts', name: 'Key accounts (softer)', catchUp: false, steps: keyAccountSteps },
  {
    code: 'no_pre_dunning',
    name: 'Standard, without pre-dunning',
    catchUp: false,
    steps: defaultSteps.filter((s) => s.kind !== 'pre_dunning'),
  },
];

/** The scenario customers get when neither an override nor an assignment rule names one. */
export const FALLBACK_SCENARIO = 'default';

/** Template codes the default scenarios use (the template library must provide them). */
export const DEFAULT_TEMPLATE_CODES: ReadonlySet<string> = new Set([
  'pre_dunning_email',
  'reminder_email',
  'level1_email',
  'level1_call',
  'level2_letter',
  'level2_call',
  'level2_notify_sales',
  'formal_notice_letter',
  'formal_notice_notify',
  'handover_task',
  'key_account_notify_sales',
  'key_account_letter',
]);
