import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { AppError } from '../core/errors.ts';
import { normalizeEmail, throttleKey } from '../core/auth/login-throttle.ts';
import type { SessionPolicy } from '../core/auth/session-policy.ts';
import type { DB } from '../store/schema.ts';
import { writeAudit } from './audit.ts';
import { LoginLimiter } from './login-limiter.ts';
import {
  hashPassword,
  needsRehash,
  PASSWORD_PARAMS,
  verifyAgainstDummy,
  verifyPassword,
  type ScryptParams,
} from './password-hash.ts';
import { createSession, type NewSession } from './sessions.ts';
import { toUserView, type UserView } from './users.ts';

/** RATE_LIMITED with the seconds to wait (the API sends them as Retry-After). */
export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number, field: string, value: string) {
    super('RATE_LIMITED', message, [
      { field, value, expected: `a new attempt in ${retryAfterSeconds} s at the earliest` },
    ]);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface LoginOptions {
  readonly limiter: LoginLimiter;
  readonly now?: Date | undefined;
  /** Hashes made with other parameters are replaced at sign-in (default PASSWORD_PARAMS). */
  readonly passwordParams?: ScryptParams | undefined;
  readonly sessionPolicy?: SessionPolicy | undefined;
}

/**
 * Signs a user in: checks the rate limit, the password (in constant time, also for an
 * unknown e-mail), upgrades an old hash, creates a session and audits the attempt.
 * A wrong e-mail, a wrong password and a disabled user give the same UNAUTHENTICATED.
 */
export async function login(
  db: Kysely<DB>,
  input: { email: string; password: string; ip: string },
  options: LoginOptions,
): Promise<{ user: UserView; session: NewSession }> {
  const now = options.now ?? new Date();
  const params = options.passwordParams ?? PASSWORD_PARAMS;
  const key = throttleKey(input.email, input.ip);
  const wait = options.limiter.retryAfter(key, now);
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw new RateLimitedError(
      `too many failed sign-ins for ${normalizeEmail(input.email)} from this address: try again in ${Math.ceil(seconds / 60)} minute(s)`,
      seconds,
      'email',
      input.email,
    );
  }
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', normalizeEmail(input.email))
    .executeTakeFirst();
  const ok = row
    ? await verifyPassword(input.password, row.password_hash)
    : await verifyAgainstDummy(input.password, params);
  if (!row || !ok || row.disabled_at !== null) {
    options.limiter.fail(key, now);
    await writeAudit(
      db,
      { userId: row?.id ?? null, tokenId: null, ip: input.ip },
      {
        action: 'session.failed',
        targetType: 'user',
        targetId: row?.id,
        detail: {
          email: normalizeEmail(input.email),
          reason: !row ? 'unknown_email' : !ok ? 'wrong_password' : 'disabled',
        },
      },
    );
    throw new AppError('UNAUTHENTICATED', 'wrong e-mail or password', [
      {
        field: 'email',
        value: input.email,
        expected: 'the e-mail and password of an active user',
      },
    ]);
  }
  options.limiter.succeed(key);
  if (needsRehash(row.password_hash, params)) {
    const upgraded = await hashPassword(input.password, params);
    await db
      .updateTable('users')
      .set({ password_hash: upgraded, updated_at: sql`now()` })
      .where('id', '=', row.id)
      .execute();
  }
  const session = await createSession(db, row.id, {
    now,
    ip: input.ip,
    ...(options.sessionPolicy ? { policy: options.sessionPolicy } : {}),
  });
  await writeAudit(
    db,
    { userId: row.id, tokenId: null, ip: input.ip },
    { action: 'session.create', targetType: 'user', targetId: row.id },
  );
  return { user: toUserView(row), session };
}
