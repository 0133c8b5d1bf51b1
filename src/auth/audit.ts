import type { Kysely } from 'kysely';
import type { Principal } from '../core/auth/principal.ts';
import type { DB } from '../store/schema.ts';

/** Who acted: a principal (session or token), or nobody for the command line. */
export interface Actor {
  readonly userId: number | null;
  readonly tokenId: number | null;
  readonly ip?: string | null | undefined;
}

/** The command line acts as the operator of the machine: no user, no token. */
export const CLI_ACTOR: Actor = { userId: null, tokenId: null, ip: null };

export function actorOf(principal: Principal, ip?: string | null): Actor {
  return { userId: principal.userId, tokenId: principal.tokenId, ip: ip ?? null };
}

export interface AuditEntry {
  /** Dotted verb: `session.create`, `session.failed`, `user.create`, `token.revoke`… */
  readonly action: string;
  readonly targetType?: string | undefined;
  readonly targetId?: string | number | undefined;
  /** Never a secret: no password, no session id, no token. */
  readonly detail?: Record<string, unknown> | undefined;
}

/** Writes one audit row (in the caller's transaction when given one). */
export async function writeAudit(db: Kysely<DB>, actor: Actor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      user_id: actor.userId,
      token_id: actor.tokenId,
      ip: actor.ip ?? null,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId === undefined ? null : String(entry.targetId),
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    })
    .execute();
}

export interface AuditRow {
  readonly id: number;
  readonly at: string;
  readonly user: string | null;
  readonly token: string | null;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly detail: unknown;
  readonly ip: string | null;
}

/** The latest audit rows, newest first. */
export async function listAudit(db: Kysely<DB>, limit = 100): Promise<AuditRow[]> {
  const rows = await db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .leftJoin('api_tokens as t', 't.id', 'a.token_id')
    .select([
      'a.id',
      'a.at',
      'u.email',
      't.name as token',
      'a.action',
      'a.target_type',
      'a.target_id',
      'a.detail',
      'a.ip',
    ])
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    user: r.email,
    token: r.token,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    detail: r.detail,
    ip: r.ip,
  }));
}
