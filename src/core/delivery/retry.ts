/**
 * What to do after a failed delivery attempt, decided from the error alone: a temporary
 * failure (the server said 4xx, or could not be reached, or the connection broke before it
 * accepted the message) is tried again later; a permanent one (5xx: the address or the
 * message is refused) is not. Pure: the caller passes the random source.
 */

export type FailureKind = 'temporary' | 'permanent';

/** The parts of a transport error that matter (nodemailer sets `code` and `responseCode`). */
export interface TransportFailure {
  readonly code?: string | undefined;
  readonly responseCode?: number | undefined;
}

/** Network-level codes of nodemailer and Node: the message was not accepted, try again. */
const TEMPORARY_CODES = new Set([
  'ECONNECTION',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETLS',
  'EPROTOCOL',
  'EAUTH',
  'ENOAUTH',
  'ECONFIG',
  'EMAXLIMIT',
]);

/** Authentication replies: our settings are wrong, not the message — never fail the message for it. */
const AUTH_REPLIES = new Set([530, 534, 535, 538]);

/** Codes that mean the message itself cannot be sent as it is. */
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'ESTREAM']);

export function classifyFailure(failure: TransportFailure): FailureKind {
  const reply = failure.responseCode;
  if (reply !== undefined && reply >= 400 && reply < 600) {
    if (reply < 500 || AUTH_REPLIES.has(reply)) return 'temporary';
    return 'permanent';
  }
  if (failure.code !== undefined && TEMPORARY_CODES.has(failure.code)) return 'temporary';
  if (failure.code !== undefined && PERMANENT_CODES.has(failure.code)) return 'permanent';
  // Unknown: assume the message may go through later; attempts are bounded.
  return 'temporary';
}

export interface RetryPolicy {
  /** Delay before the first retry, milliseconds. */
  readonly baseMs: number;
  /** Longest delay between two attempts, milliseconds. */
  readonly maxMs: number;
  /** Attempts after which a temporary failure is treated as permanent. */
  readonly maxAttempts: number;
}

/**
 * Delay before the next attempt after `attempts` failed ones (1 = the first failed):
 * exponential (base · 2^(attempts−1), capped) with "equal jitter" — half of it fixed, half
 * random — so workers retrying together spread out but never retry at once.
 * `random` returns a number in [0, 1).
 */
export function retryDelayMs(attempts: number, policy: RetryPolicy, random: () => number): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 40);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}

/** The decision after a failed attempt. */
export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly reason: 'permanent' | 'attempts_exhausted' };

export function decideRetry(
  kind: FailureKind,
  attempts: number,
  policy: RetryPolicy,
  random: () => number,
): RetryDecision {
  if (kind === 'permanent') return { retry: false, reason: 'permanent' };
  if (attempts >= policy.maxAttempts) return { retry: false, reason: 'attempts_exhausted' };
  return { retry: true, delayMs: retryDelayMs(attempts, policy, random) };
}
