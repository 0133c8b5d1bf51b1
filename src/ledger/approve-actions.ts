import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Problem } from '../core/errors.ts';
import { parseLocalDate } from '../core/calendar/local-date.ts';
import { inTransaction, invalid, openContext, recordEvents, type Scope } from './ledger-context.ts';
import { selectActions, toActionView, type ActionView } from './action-view.ts';

export interface ApproveActionsInput extends Scope {
  /** Action ids to approve; each must be awaiting approval. */
  readonly ids?: readonly (string | number)[] | undefined;
  /** Approve every action awaiting approval (of `asOf` only, when given). */
  readonly all?: boolean | undefined;
  readonly asOf?: string | undefined;
}

/**
 * Approves confirm-mode dunning actions (awaiting_approval → approved), all or
 * none: ids that are unknown or not awaiting approval are refused, each named.
 * Event ACTION_APPROVED per action.
 */
export async function approveActions(
  db: Kysely<DB>,
  input: ApproveActionsInput,
): Promise<{ readonly company: string; readonly approved: readonly ActionView[] }> {
  const ctx = await openContext(db, input);
  const problems: Problem[] = [];
  const given = input.ids ?? [];
  const ids: number[] = [];
  for (const raw of given) {
    const id = Number(raw);
    if (String(raw).trim() === '' || !Number.isSafeInteger(id) || id <= 0) {
      problems.push({ field: 'id', value: String(raw), expected: 'an action id (a whole number)' });
    } else if (!ids.includes(id)) ids.push(id);
  }
  if (given.length > 0 && input.all) {
    problems.push({
      field: 'all',
      value: 'true',
      expected: 'either action ids or --all, not both',
    });
  }
  if (given.length === 0 && !input.all) {
    problems.push({ field: 'ids', value: '', expected: 'at least one action id, or --all' });
  }
  const asOf = input.asOf === undefined ? undefined : parseLocalDate(input.asOf);
  if (asOf === null) {
    problems.push({
      field: 'asOf',
      value: input.asOf,
      expected: 'a valid date written YYYY-MM-DD',
    });
  } else if (asOf !== undefined && !input.all) {
    problems.push({ field: 'asOf', value: asOf, expected: 'no date with ids (it narrows --all)' });
  }
  if (problems.length > 0) throw invalid('nothing approved', problems);

  return inTransaction(db, async (trx) => {
    const rows = await selectActions(trx, ctx.company.id)
      .$if(!input.all, (q) => q.where('a.id', 'in', ids))
      .$if(input.all === true, (q) => q.where('a.state', '=', 'awaiting_approval'))
      .$if(asOf !== undefined, (q) => q.where('a.as_of', '=', asOf!))
      .orderBy('a.id')
      .forUpdate('a')
      .execute();
    if (!input.all) {
      for (const id of ids) {
        const row = rows.find((r) => r.id === id);
        if (!row) {
          problems.push({ field: 'id', value: String(id), expected: 'the id of a dunning action' });
        } else if (row.state !== 'awaiting_approval') {
          problems.push({
            field: 'id',
            value: String(id),
            expected: `an action awaiting approval (#${id} is ${row.state})`,
          });
        }
      }
      if (problems.length > 0) {
        const bad = problems.map((p) => p.value).join(', ');
        throw invalid(`nothing approved: action(s) ${bad} cannot be approved`, problems);
      }
    }
    if (rows.length === 0) return { company: ctx.company.code, approved: [] };
    await trx
      .updateTable('dunning_actions')
      .set({ state: 'approved' })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    await recordEvents(
      trx,
      rows.map((r) => ({
        companyId: ctx.company.id,
        customerId: r.customer_id,
        asOf: ctx.today,
        code: 'ACTION_APPROVED',
        currency: r.currency,
        step: r.step_id,
        actionId: r.id,
        detail: `action #${r.id} approved: ${r.step_name} of ${r.as_of} (${r.kinds.join(' + ')})`,
      })),
    );
    return {
      company: ctx.company.code,
      approved: rows.map((r) => toActionView({ ...r, state: 'approved' })),
    };
  });
}
