import { AppError, type Problem } from '../errors.ts';
import { validateScenario } from './validate-scenario.ts';

/** Shared by the validateScenario tests: a small valid scenario and ways to break it. */
export const TEMPLATES: ReadonlySet<string> = new Set([
  'reminder_email',
  'level1_email',
  'level1_call',
  'level2_letter',
  'notice_letter',
  'notify_sales',
]);

export type Json = Record<string, unknown>;

/** A small valid scenario written the way a person would (defaults left out). */
export function base(): Json {
  return {
    code: 'test',
    name: 'Test scenario',
    steps: [
      {
        id: 'reminder',
        name: 'Reminder',
        kind: 'reminder',
        offsetDays: 1,
        actions: [{ kind: 'email', template: 'reminder_email' }],
      },
      {
        id: 'l1',
        name: 'Level 1',
        kind: 'level_1',
        offsetDays: 8,
        minDaysSincePrevious: 5,
        actions: [
          { kind: 'email', template: 'level1_email' },
          { kind: 'call_task', template: 'level1_call' },
        ],
      },
      {
        id: 'l2',
        name: 'Level 2',
        kind: 'level_2',
        offsetDays: 15,
        salesCheckDays: 3,
        actions: [
          { kind: 'letter', template: 'level2_letter' },
          { kind: 'notify_internal', template: 'notify_sales' },
        ],
      },
      {
        id: 'notice',
        name: 'Formal notice',
        kind: 'formal_notice',
        offsetDays: 30,
        mode: 'confirm',
        recipients: ['accounts_payable', 'cfo'],
        actions: [
          { kind: 'letter', template: 'notice_letter', registered: true },
          { kind: 'hold_account' },
        ],
      },
    ],
  };
}

export function problemsOf(
  input: unknown,
  templates: ReadonlySet<string> | null = TEMPLATES,
): Problem[] {
  try {
    validateScenario(input, templates);
  } catch (error) {
    if (error instanceof AppError && error.code === 'INVALID_INPUT') return [...error.problems];
    throw error;
  }
  throw new Error('the scenario should have been refused');
}

/** Applies `change` to a fresh base scenario (steps reachable as s[i]). */
export function edit(change: (scenario: Json, s: Json[]) => void): Json {
  const scenario = base();
  change(scenario, scenario.steps as Json[]);
  return scenario;
}
export const action = (s: Json[], step: number, i: number) => (s[step]!.actions as Json[])[i]!;
