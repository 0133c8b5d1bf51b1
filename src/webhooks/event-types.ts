import type { Problem } from '../core/errors.ts';
import { didYouMean } from '../core/text/closest.ts';

/**
 * The webhook event types and the timeline codes each stands for. A type may gather
 * several codes: the outbox records a sent e-mail as EMAIL_SENT and another channel as
 * DELIVERY_SENT, both `action.sent`.
 */
export const WEBHOOK_EVENT_TYPES: Readonly<Record<string, readonly string[]>> = {
  'action.sent': ['ACTION_SENT', 'EMAIL_SENT', 'DELIVERY_SENT'],
  'action.failed': ['ACTION_FAILED', 'EMAIL_FAILED', 'DELIVERY_FAILED', 'EMAIL_BOUNCED'],
  // Held by the run, or blocked / handed over to litigation by hand: no new orders.
  'account.held': ['ACCOUNT_HELD', 'ACCOUNT_BLOCKED', 'ACCOUNT_LITIGATION'],
  'account.released': ['ACCOUNT_RELEASED'],
  'promise.added': ['PROMISE_ADDED'],
  'promise.broken': ['PROMISE_BROKEN'],
  'dispute.opened': ['DISPUTE_OPENED'],
  'dispute.resolved': ['DISPUTE_RESOLVED'],
  'reply.received': ['REPLY_RECEIVED'],
  'task.completed': ['TASK_COMPLETED'],
};

export const ALL_EVENTS = '*';

const TYPE_OF_CODE = new Map<string, string>(
  Object.entries(WEBHOOK_EVENT_TYPES).flatMap(([type, codes]) =>
    codes.map((code) => [code, type] as const),
  ),
);

/** The webhook type of a timeline code, or undefined when no webhook carries it. */
export function eventTypeOf(code: string): string | undefined {
  return TYPE_OF_CODE.get(code);
}

/** The timeline codes of the types an endpoint subscribes to (`*`: every type). */
export function codesOf(types: readonly string[]): string[] {
  if (types.includes(ALL_EVENTS)) return [...TYPE_OF_CODE.keys()];
  return types.flatMap((t) => WEBHOOK_EVENT_TYPES[t] ?? []);
}

export function subscribes(types: readonly string[], type: string): boolean {
  return types.includes(ALL_EVENTS) || types.includes(type);
}

/** Checks a comma-separated list of event types; returns them deduplicated, in order. */
export function parseEventTypes(text: string | readonly string[], problems: Problem[]): string[] {
  const list = (typeof text === 'string' ? text.split(',') : [...text])
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const known = Object.keys(WEBHOOK_EVENT_TYPES);
  if (list.length === 0) {
    problems.push({
      field: 'events',
      value: typeof text === 'string' ? text : text.join(','),
      expected: `event types, comma-separated: ${known.join(', ')} (or * for all)`,
    });
  }
  for (const t of list) {
    if (t !== ALL_EVENTS && !known.includes(t)) {
      problems.push({
        field: 'events',
        value: t,
        expected: `an event type${didYouMean(t, known)}: ${known.join(', ')} (or * for all)`,
      });
    }
  }
  return [...new Set(list)];
}
