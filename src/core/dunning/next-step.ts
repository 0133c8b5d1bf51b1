import { diffDays, type LocalDate } from '../calendar/local-date.ts';
import { STEP_KINDS, type Scenario, type ScenarioStep } from '../scenario/types.ts';
import type { ActionReason, HistoryEntry } from './plan-types.ts';

export type StepDecision =
  | { readonly kind: 'take'; readonly step: ScenarioStep; readonly reasons: ActionReason[] }
  | {
      readonly kind: 'wait';
      readonly step: ScenarioStep;
      readonly until: number;
      readonly why: 'offset' | 'interval';
    }
  | { readonly kind: 'done'; readonly step: ScenarioStep };

/**
 * Chooses the step to take now, one at a time: the step after the last one done,
 * once its offset is reached (a window, not an equality) and the interval since
 * the previous step has passed. `age` is asOf − due date of the trigger item.
 */
export function nextStep(
  steps: readonly ScenarioStep[],
  scenario: Scenario,
  last: HistoryEntry | undefined,
  age: number,
  asOf: LocalDate,
  brokenPromise: boolean,
): StepDecision | undefined {
  const first = steps[0];
  if (!first) return undefined;
  if (!last) {
    let step = first;
    const reasons: ActionReason[] = [];
    if (age > 0) {
      // Already late when first seen: the first overdue step, or (catch-up) the one matching the age.
      const overdue = steps.filter((s) => s.offsetDays > 0);
      const matching = overdue.filter((s) => s.offsetDays <= age);
      step = (scenario.catchUp ? matching[matching.length - 1] : undefined) ?? overdue[0] ?? first;
      if (step !== first)
        reasons.push(scenario.catchUp && matching.length > 1 ? 'CATCH_UP' : 'FIRST_OVERDUE_STEP');
    }
    if (age < step.offsetDays)
      return { kind: 'wait', step, until: step.offsetDays - age, why: 'offset' };
    return { kind: 'take', step, reasons: [...reasons, 'OFFSET_REACHED'] };
  }
  const index = positionOf(steps, last);
  const since = diffDays(asOf, last.date);
  const current = steps[index];
  const next = steps[index + 1];
  if (!next) {
    if (current?.repeatEveryDays && since >= current.repeatEveryDays) {
      return { kind: 'take', step: current, reasons: ['REPEAT'] };
    }
    return current ? { kind: 'done', step: current } : undefined;
  }
  if (brokenPromise) return { kind: 'take', step: next, reasons: ['BROKEN_PROMISE', 'NEXT_STEP'] };
  if (age < next.offsetDays)
    return { kind: 'wait', step: next, until: next.offsetDays - age, why: 'offset' };
  if (since < next.minDaysSincePrevious) {
    return { kind: 'wait', step: next, until: next.minDaysSincePrevious - since, why: 'interval' };
  }
  return { kind: 'take', step: next, reasons: ['NEXT_STEP', 'OFFSET_REACHED'] };
}

/**
 * Where the customer stands: the step last done, found by id, or — when the
 * scenario changed — by kind (the last step of the same or an earlier kind).
 */
function positionOf(steps: readonly ScenarioStep[], last: HistoryEntry): number {
  const byId = steps.findIndex((s) => s.id === last.stepId);
  if (byId >= 0) return byId;
  const rank = STEP_KINDS.indexOf(last.stepKind);
  let position = -1;
  steps.forEach((s, i) => {
    if (STEP_KINDS.indexOf(s.kind) <= rank) position = i;
  });
  return position;
}
