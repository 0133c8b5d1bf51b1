/**
 * How long a session lives (docs/users-and-roles.md): it ends after `idleMs` without a
 * request, and in any case `absoluteMs` after sign-in.
 */
export interface SessionPolicy {
  readonly idleMs: number;
  readonly absoluteMs: number;
  /** last_seen_at is written at most this often (saves a write per request). */
  readonly touchEveryMs: number;
}

const HOUR = 60 * 60 * 1000;

export const SESSION_POLICY: SessionPolicy = {
  idleMs: 12 * HOUR,
  absoluteMs: 7 * 24 * HOUR,
  touchEveryMs: 60 * 1000,
};

export interface SessionTimes {
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  /** created_at + absoluteMs, stored when the session is made. */
  readonly expiresAt: Date;
}

export function sessionExpired(
  s: SessionTimes,
  now: Date,
  policy: SessionPolicy = SESSION_POLICY,
): boolean {
  const t = now.getTime();
  return t >= s.expiresAt.getTime() || t >= s.lastSeenAt.getTime() + policy.idleMs;
}

/** The moment the session will end if no request comes: idle limit or absolute end. */
export function sessionEndsAt(s: SessionTimes, policy: SessionPolicy = SESSION_POLICY): Date {
  return new Date(Math.min(s.expiresAt.getTime(), s.lastSeenAt.getTime() + policy.idleMs));
}

export function shouldTouch(
  s: SessionTimes,
  now: Date,
  policy: SessionPolicy = SESSION_POLICY,
): boolean {
  return now.getTime() - s.lastSeenAt.getTime() >= policy.touchEveryMs;
}
