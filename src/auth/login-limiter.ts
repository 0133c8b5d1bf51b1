import {
  LOGIN_THROTTLE,
  retryAfterMs,
  withFailure,
  type ThrottlePolicy,
} from '../core/auth/login-throttle.ts';

/**
 * The in-process sign-in rate limit (docs/users-and-roles.md): failures per e-mail and
 * client address, kept in memory. Each `relance serve` process counts on its own and
 * forgets on restart; behind several processes the limit is per process.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  readonly policy: ThrottlePolicy;

  constructor(policy: ThrottlePolicy = LOGIN_THROTTLE) {
    this.policy = policy;
  }

  /** Milliseconds to wait before the next attempt with this key (0: go ahead). */
  retryAfter(key: string, now: Date): number {
    const times = this.failures.get(key);
    return times ? retryAfterMs(times, now.getTime(), this.policy) : 0;
  }

  fail(key: string, now: Date): void {
    this.failures.set(key, withFailure(this.failures.get(key) ?? [], now.getTime(), this.policy));
    if (this.failures.size > 10_000) this.prune(now);
  }

  /** A successful sign-in forgets the failures of its key. */
  succeed(key: string): void {
    this.failures.delete(key);
  }

  /** Drops keys whose failures have all left the window (bounded memory). */
  prune(now: Date): void {
    for (const [key, times] of this.failures) {
      if (times.every((at) => at <= now.getTime() - this.policy.windowMs))
        this.failures.delete(key);
    }
  }
}
