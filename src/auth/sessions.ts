import type { Kysely } from 'kysely';
import { portfolioOf } from '../core/auth/portfolio.ts';
import type { Principal } from '../core/auth/principal.ts';
import {
  SESSION_POLICY,
  sessionEndsAt,
  sessionExpired,
  shouldTouch,
  type SessionPolicy,
} from '../core/auth/session-policy.ts';
import type { DB } from '../store/schema.ts';
import { randomSecret, sha256Hex } from './secrets.ts';
import { toUserView, type UserView } from './users.ts';

/**
 * Sessions (docs/users-and-roles.md): the browser holds a random id in an httpOnly
 * cookie; the database holds only its SHA-256, with the CSRF token the client must send
 * back on state-changing requests.
 */
export interface NewSession {
  /** The secret for the cookie. Shown to nobody, logged nowhere. */
  readonly sessionId: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export async function createSession(
  db: Kysely<DB>,
  userId: number,
  options: { now?: Date; ip?: string | null; policy?: SessionPolicy } = {},
): Promise<NewSession> {
  const now = options.now ?? new Date();
  const policy = options.policy ?? SESSION_POLICY;
  const sessionId = randomSecret(32);
  const csrfToken = randomSecret(32);
  const expiresAt = new Date(now.getTime() + policy.absoluteMs);
  await db
    .insertInto('sessions')
    .values({
      id_sha256: sha256Hex(sessionId),
      csrf_token: csrfToken,
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      ip: options.ip ?? null,
    })
    .execute();
  return { sessionId, csrfToken, expiresAt };
}

export interface ActiveSession {
  readonly id: number;
  readonly csrfToken: string;
  readonly user: UserView;
  readonly principal: Principal;
  /** When it ends if unused (idle limit or absolute end). */
  readonly endsAt: Date;
}

/**
 * The live session for a cookie value, or undefined: unknown, expired (then deleted) or
 * of a disabled user. Refreshes last_seen_at (at most once a minute).
 */
export async function lookupSession(
  db: Kysely<DB>,
  sessionId: string,
  options: { now?: Date; policy?: SessionPolicy } = {},
): Promise<ActiveSession | undefined> {
  const now = options.now ?? new Date();
  const policy = options.policy ?? SESSION_POLICY;
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id as session_id',
      's.csrf_token',
      's.created_at as session_created_at',
      's.expires_at',
      's.last_seen_at',
      'u.id',
      'u.email',
      'u.display_name',
      'u.role',
      'u.portfolio_name',
      'u.disabled_at',
      'u.created_at',
    ])
    .where('s.id_sha256', '=', sha256Hex(sessionId))
    .executeTakeFirst();
  if (!row || row.disabled_at !== null) return undefined;
  let times = {
    createdAt: new Date(row.session_created_at),
    lastSeenAt: new Date(row.last_seen_at),
    expiresAt: new Date(row.expires_at),
  };
  if (sessionExpired(times, now, policy)) {
    await db.deleteFrom('sessions').where('id', '=', row.session_id).execute();
    return undefined;
  }
  if (shouldTouch(times, now, policy)) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now })
      .where('id', '=', row.session_id)
      .execute();
    times = { ...times, lastSeenAt: now };
  }
  const user = toUserView(row);
  return {
    id: row.session_id,
    csrfToken: row.csrf_token,
    user,
    endsAt: sessionEndsAt(times, policy),
    principal: {
      kind: 'session',
      userId: user.id,
      tokenId: null,
      label: user.email,
      role: user.role,
      portfolio: portfolioOf(user.role, user.portfolioName),
    },
  };
}

/** Ends a session (sign-out). */
export async function deleteSession(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Deletes the sessions past their absolute end or idle limit; returns how many. */
export async function deleteExpiredSessions(
  db: Kysely<DB>,
  options: { now?: Date; policy?: SessionPolicy } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const policy = options.policy ?? SESSION_POLICY;
  const result = await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', now),
        eb('last_seen_at', '<=', new Date(now.getTime() - policy.idleMs)),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
