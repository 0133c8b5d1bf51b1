import type { Selectable } from 'kysely';
import type { TaskOutcome, TasksTable } from '../store/schema.ts';
import type { Problem } from '../core/errors.ts';
import { minorToDecimalString } from '../core/money/format-money.ts';
import type { DisputeView } from '../ledger/open-dispute.ts';
import type { PromiseView } from '../ledger/promise-view.ts';
import { kindLabel } from './task-rules.ts';
import type { TaskView } from './task-view.ts';

/** The fields of a completion that depend on its outcome. */
export interface OutcomeInput {
  readonly outcome: string;
  readonly date?: string | undefined;
  readonly amount?: string | undefined;
  readonly currency?: string | undefined;
  readonly items?: readonly string[] | undefined;
  readonly item?: string | undefined;
  readonly reason?: string | undefined;
  readonly note?: string | undefined;
}

/** The outcomes of a call, and which fields each needs and accepts. */
export const CALL_OUTCOMES = [
  'promise',
  'dispute',
  'paid_already',
  'wrong_contact',
  'no_answer',
] as const satisfies readonly TaskOutcome[];

export type Field = 'date' | 'amount' | 'currency' | 'items' | 'item' | 'reason' | 'note';

/**
 * The fields each outcome needs and accepts. The promise's date and amount and the
 * dispute's reason are required too, and checked by addPromise and openDispute.
 */
export const FIELDS: Readonly<Record<TaskOutcome, { required: Field[]; allowed: Field[] }>> = {
  promise: { required: [], allowed: ['date', 'amount', 'currency', 'items', 'note'] },
  dispute: { required: ['item'], allowed: ['reason', 'note'] },
  paid_already: { required: ['note'], allowed: [] },
  wrong_contact: { required: ['note'], allowed: [] },
  no_answer: { required: [], allowed: ['note'] },
  done: { required: [], allowed: ['note'] },
};

/** What each field is, for the problems. */
const EXPECTED: Readonly<Record<Field, string>> = {
  date: 'the promised payment date, YYYY-MM-DD',
  amount: 'the amount promised, with a decimal point (1234.56)',
  currency: 'an ISO 4217 code',
  items: 'invoice numbers, comma-separated',
  item: 'the number of the disputed invoice',
  reason: "the customer's reason for the dispute",
  note: 'what the customer said',
};

export function given(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}

export function checkOutcome(
  problems: Problem[],
  task: Selectable<TasksTable>,
  input: OutcomeInput,
): TaskOutcome | null {
  const allowed: readonly TaskOutcome[] = task.kind === 'call_task' ? CALL_OUTCOMES : ['done'];
  const name = input.outcome.trim().toLowerCase().replace(/-/g, '_');
  const outcome = allowed.find((o) => o === name);
  if (!outcome) {
    problems.push({
      field: 'outcome',
      value: input.outcome,
      expected: `one of ${allowed.join(', ')} for a ${kindLabel(task.kind)}`,
    });
    return null;
  }
  const values: Record<Field, string | undefined> = {
    date: input.date,
    amount: input.amount,
    currency: input.currency,
    items: input.items?.join(','),
    item: input.item,
    reason: input.reason,
    note: input.note,
  };
  const { required, allowed: optional } = FIELDS[outcome];
  for (const field of Object.keys(values) as Field[]) {
    const value = values[field];
    if (required.includes(field)) {
      // note is checked as a text by the caller.
      if (field !== 'note' && !given(value)) {
        problems.push({
          field,
          value: value ?? '',
          expected: `${EXPECTED[field]} (outcome ${outcome})`,
        });
      }
    } else if (value !== undefined && !optional.includes(field)) {
      problems.push({
        field,
        value,
        expected: `nothing: ${field} is not used with outcome ${outcome}`,
      });
    }
  }
  return outcome;
}

export function describePromise(p: PromiseView): string {
  const what = p.items.length > 0 ? `items ${p.items.join(', ')}` : 'the overdue balance';
  return `${minorToDecimalString(p.amountMinor, p.currency)} ${p.currency} by ${p.promisedDate} (${what})`;
}

export function outcomeText(
  outcome: TaskOutcome,
  note: string | null,
  promise: PromiseView | undefined,
  dispute: DisputeView | undefined,
  next: TaskView | undefined,
): string {
  const said = note ? ` (${note})` : '';
  switch (outcome) {
    case 'promise':
      return `promise #${promise?.id} to pay ${promise ? describePromise(promise) : ''}${said}`;
    case 'dispute':
      return `${dispute?.item} disputed: ${dispute?.disputeReason}${said}`;
    case 'paid_already':
      return `the customer says it is paid: ${note}`;
    case 'wrong_contact':
      return `wrong contact: ${note}`;
    case 'no_answer':
      return `no answer; next call #${next?.id} on ${next?.dueDate}${said}`;
    case 'done':
      return `done${note ? `: ${note}` : ''}`;
  }
}
