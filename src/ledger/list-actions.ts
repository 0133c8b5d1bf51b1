import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Problem } from '../core/errors.ts';
import { parseLocalDate } from '../core/calendar/local-date.ts';
import { invalid, openContext, type Scope } from './ledger-context.ts';
import {
  ACTION_STATES,
  selectActions,
  toActionView,
  type ActionState,
  type ActionView,
} from './action-view.ts';

export interface ListActionsInput extends Scope {
  /** Only actions in this state. */
  readonly state?: string | undefined;
  /** Only actions planned for this business date (default: every date). */
  readonly asOf?: string | undefined;
}

export interface ActionList {
  readonly company: string;
  /** By business date, customer, currency, then id. */
  readonly actions: readonly ActionView[];
}

/** The stored dunning actions, filtered by state and date. */
export async function listActions(db: Kysely<DB>, input: ListActionsInput): Promise<ActionList> {
  const { company } = await openContext(db, input);
  const problems: Problem[] = [];
  if (input.state !== undefined && !ACTION_STATES.includes(input.state as ActionState)) {
    problems.push({
      field: 'state',
      value: input.state,
      expected: `one of ${ACTION_STATES.join(', ')}`,
    });
  }
  const asOf = input.asOf === undefined ? undefined : parseLocalDate(input.asOf);
  if (asOf === null) {
    problems.push({
      field: 'asOf',
      value: input.asOf,
      expected: 'a valid date written YYYY-MM-DD',
    });
  }
  if (problems.length > 0) throw invalid('invalid filter for the dunning actions', problems);
  const rows = await selectActions(db, company.id)
    .$if(input.state !== undefined, (q) => q.where('a.state', '=', input.state as ActionState))
    .$if(asOf !== undefined, (q) => q.where('a.as_of', '=', asOf!))
    .orderBy('a.as_of')
    .orderBy('c.code')
    .orderBy('a.currency')
    .orderBy('a.id')
    .execute();
  return { company: company.code, actions: rows.map(toActionView) };
}
