import type { Kysely, Selectable } from 'kysely';
import type { DB, DunningActionsTable } from '../store/schema.ts';
import type { LocalDate } from '../core/calendar/local-date.ts';

export type ActionState = DunningActionsTable['state'];
export const ACTION_STATES: readonly ActionState[] = [
  'planned',
  'awaiting_approval',
  'approved',
  'cancelled',
  'done',
];

/** A stored dunning action as `relance plan list --json` shows it. */
export interface ActionView {
  readonly id: number;
  readonly asOf: LocalDate;
  readonly customer: string;
  readonly currency: string;
  readonly type: 'step' | 'sales_check';
  readonly step: string;
  readonly stepKind: string;
  readonly stepName: string;
  readonly scenario: string;
  readonly scenarioVersion: number;
  readonly kinds: readonly string[];
  readonly mode: 'auto' | 'confirm' | 'manual';
  readonly state: ActionState;
  readonly overdueMinor: number;
  readonly notDueMinor: number;
  readonly balanceMinor: number;
  readonly items: readonly string[];
  readonly reasons: readonly string[];
}

/** Selects actions with their customer code; callers add their filters. */
export function selectActions(db: Kysely<DB>, companyId: number) {
  return db
    .selectFrom('dunning_actions as a')
    .innerJoin('customers as c', 'c.id', 'a.customer_id')
    .selectAll('a')
    .select('c.code as customer')
    .where('a.company_id', '=', companyId);
}

export function toActionView(
  a: Selectable<DunningActionsTable> & { customer: string },
): ActionView {
  return {
    id: a.id,
    asOf: a.as_of,
    customer: a.customer,
    currency: a.currency,
    type: a.type,
    step: a.step_id,
    stepKind: a.step_kind,
    stepName: a.step_name,
    scenario: a.scenario_code,
    scenarioVersion: a.scenario_version,
    kinds: a.kinds,
    mode: a.mode,
    state: a.state,
    overdueMinor: a.overdue_minor,
    notDueMinor: a.not_due_minor,
    balanceMinor: a.balance_minor,
    items: a.items,
    reasons: a.reasons,
  };
}
