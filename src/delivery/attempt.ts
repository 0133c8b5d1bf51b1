import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { AppError, describeProblem } from '../core/errors.ts';
import { checkEmail } from '../core/delivery/email-message.ts';
import { classifyFailure, type FailureKind } from '../core/delivery/retry.ts';
import { recipientDomains, type DomainLimiter } from '../core/delivery/domain-rate.ts';
import { sendSms, type SmsHttpConfig, type SmsResult } from '../delivery-sms/sms-http.ts';
import type { Composer, OutboxRow } from './composer.ts';
import type { Sender } from './smtp-sender.ts';

/** How one attempt at a claimed row ended. */
export type AttemptResult =
  | { readonly outcome: 'sent'; readonly response: string }
  | {
      readonly outcome: 'failed';
      readonly kind: FailureKind;
      readonly error: string;
      /** Whether a letter may replace it when the failure is permanent. */
      readonly fallback: boolean;
    }
  /** Held back by the per-domain limit: due again after `waitMs`, no attempt counted. */
  | { readonly outcome: 'deferred'; readonly waitMs: number };

export interface EmailChannel {
  readonly composer: Composer;
  readonly sender: Sender;
  readonly limiter: DomainLimiter;
}

/** An e-mail: compose (stored once), check every header, take a domain slot, send. */
export async function attemptEmail(
  db: Kysely<DB>,
  row: OutboxRow,
  channel: EmailChannel,
  nowMs: number,
): Promise<AttemptResult> {
  let email;
  try {
    email = await channel.composer(db, row);
    const problems = checkEmail(email);
    if (problems.length > 0) {
      throw new AppError(
        'INVALID_INPUT',
        `the message cannot be sent: ${problems.map(describeProblem).join('; ')}`,
        problems,
      );
    }
  } catch (error) {
    // Data that cannot make a message (AppError) is permanent; missing settings (CONFIG) and
    // anything else (the database, a document store) may work on a later attempt. No address
    // at all is a delivery failure (a letter may reach the customer); a template that cannot
    // be rendered would fail for the letter too.
    return {
      outcome: 'failed',
      kind: error instanceof AppError && error.code !== 'CONFIG' ? 'permanent' : 'temporary',
      error: `not composed: ${errorText(error)}`,
      fallback: row.recipient.trim() === '',
    };
  }
  const domains = [...email.to, ...(email.cc ?? [])].flatMap((a) => recipientDomains(a.address));
  const waitMs = channel.limiter.take(domains, nowMs);
  if (waitMs > 0) return { outcome: 'deferred', waitMs };
  try {
    const result = await channel.sender.send(row.company_id, {
      ...email,
      messageId: row.message_id,
    });
    let response = result.response;
    if (result.rejected.length > 0) response += ` (refused: ${result.rejected.join(', ')})`;
    return { outcome: 'sent', response };
  } catch (error) {
    const kind = classifyFailure(error as { code?: string; responseCode?: number });
    return { outcome: 'failed', kind, error: errorText(error), fallback: true };
  }
}

export interface SmsChannel {
  /** The provider; without one an SMS fails visibly, waiting for settings and a retry. */
  readonly config?: SmsHttpConfig | undefined;
  /** The text of the row's SMS (the step's template, rendered once and stored). */
  readonly text: (db: Kysely<DB>, row: OutboxRow) => Promise<string>;
  readonly fetch?: typeof fetch | undefined;
}

/** An SMS: one HTTP request to the provider, to the row's first number. */
export async function attemptSms(
  db: Kysely<DB>,
  row: OutboxRow,
  channel: SmsChannel,
): Promise<AttemptResult> {
  if (!channel.config) {
    return {
      outcome: 'failed',
      kind: 'permanent',
      error:
        'no SMS provider configured: set RELANCE_SMS_URL (docs/delivery.md), then relance outbox retry',
      fallback: false,
    };
  }
  const to = row.recipient.split(',')[0]?.trim() ?? '';
  let result: SmsResult;
  try {
    const text = await channel.text(db, row);
    result = await sendSms(channel.config, to, text, channel.fetch);
  } catch (error) {
    return {
      outcome: 'failed',
      kind: error instanceof AppError && error.code !== 'CONFIG' ? 'permanent' : 'temporary',
      error: errorText(error),
      fallback: false,
    };
  }
  if (result.ok) return { outcome: 'sent', response: `${result.status} ${result.response}` };
  return { outcome: 'failed', kind: result.kind, error: result.error, fallback: false };
}

export function errorText(error: unknown): string {
  if (error instanceof AppError) {
    const problems = error.problems.map(describeProblem).join('; ');
    return `${error.code}: ${error.message}${problems && !error.message.includes(problems) ? ` — ${problems}` : ''}`;
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code)
      ? `${code}: ${error.message}`
      : error.message;
  }
  return String(error);
}
