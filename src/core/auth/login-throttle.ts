/**
 * The sign-in rate limit, as pure functions over the times (ms) of recent failures of
 * one e-mail from one IP address (docs/users-and-roles.md): after `maxFailures` failures
 * within `windowMs`, every attempt is refused until the oldest of them leaves the window.
 */
export interface ThrottlePolicy {
  readonly maxFailures: number;
  readonly windowMs: number;
}

export const LOGIN_THROTTLE: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * 60 * 1000 };

/** The failures still inside the window at `nowMs`, oldest first. */
export function recentFailures(
  failures: readonly number[],
  nowMs: number,
  policy: ThrottlePolicy,
): number[] {
  return failures.filter((at) => at > nowMs - policy.windowMs && at <= nowMs);
}

/** Milliseconds until the next attempt is allowed; 0 when it is allowed now. */
export function retryAfterMs(
  failures: readonly number[],
  nowMs: number,
  policy: ThrottlePolicy,
): number {
  const recent = recentFailures(failures, nowMs, policy);
  if (recent.length < policy.maxFailures) return 0;
  // Allowed again once only maxFailures - 1 failures remain in the window.
  const gate = recent[recent.length - policy.maxFailures]!;
  return gate + policy.windowMs - nowMs;
}

/** The failures to keep after one more at `nowMs` (older ones dropped, at most maxFailures). */
export function withFailure(
  failures: readonly number[],
  nowMs: number,
  policy: ThrottlePolicy,
): number[] {
  return [...recentFailures(failures, nowMs, policy), nowMs].slice(-policy.maxFailures);
}

/** The limiter's key: the e-mail as compared at sign-in, and the client address. */
export function throttleKey(email: string, ip: string): string {
  return `${normalizeEmail(email)}\u0000${ip}`;
}

/** E-mail addresses compare trimmed and lower-cased (the users table is unique on lower(email)). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
