import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { AppError, type Problem } from '../core/errors.ts';
import { portfolioOf } from '../core/auth/portfolio.ts';
import type { Principal } from '../core/auth/principal.ts';
import { isRole, ROLES, type Role } from '../core/auth/roles.ts';
import { normalizeEmail } from '../core/auth/login-throttle.ts';
import type { DB } from '../store/schema.ts';
import { writeAudit, type Actor } from './audit.ts';
import { randomHex, randomSecret, sha256Hex } from './secrets.ts';

/**
 * API tokens for integrations (docs/users-and-roles.md): `rl_<prefix>_<secret>`, shown
 * once at creation. Only the SHA-256 of the whole token and its prefix are stored; the
 * prefix lets people tell tokens apart in lists and logs.
 */
export interface TokenView {
  readonly id: number;
  readonly name: string;
  readonly role: Role;
  readonly user: string | null;
  readonly prefix: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export interface CreatedToken extends TokenView {
  /** The token itself: printed once, never stored. */
  readonly token: string;
}

const TOKEN_FORMAT = /^rl_([0-9a-f]{8})_[A-Za-z0-9_-]{43}$/;

export function looksLikeToken(value: string): boolean {
  return TOKEN_FORMAT.test(value);
}

export async function createApiToken(
  db: Kysely<DB>,
  input: { name: string; role: string; user?: string | undefined },
  actor: Actor,
): Promise<CreatedToken> {
  const problems: Problem[] = [];
  const name = input.name.trim();
  if (name === '' || name.length > 100)
    problems.push({ field: 'name', value: input.name, expected: 'a name of 1 to 100 characters' });
  if (!isRole(input.role))
    problems.push({ field: 'role', value: input.role, expected: `one of ${ROLES.join(', ')}` });
  if (problems.length > 0) throw new AppError('INVALID_INPUT', 'invalid API token', problems);
  return db.transaction().execute(async (trx) => {
    let userId: number | null = null;
    if (input.user !== undefined) {
      const user = await trx
        .selectFrom('users')
        .select(['id', 'disabled_at'])
        .where(sql<string>`lower(email)`, '=', normalizeEmail(input.user))
        .executeTakeFirst();
      if (!user || user.disabled_at !== null) {
        throw new AppError('NOT_FOUND', `no active user with e-mail ${input.user}`, [
          { field: 'user', value: input.user, expected: 'the e-mail of an active user' },
        ]);
      }
      userId = user.id;
    }
    const prefix = randomHex(4);
    const token = `rl_${prefix}_${randomSecret(32)}`;
    const row = await trx
      .insertInto('api_tokens')
      .values({
        name,
        role: input.role as Role,
        user_id: userId,
        token_sha256: sha256Hex(token),
        prefix,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, {
      action: 'token.create',
      targetType: 'api_token',
      targetId: row.id,
      detail: { name, role: input.role, prefix, user: input.user ?? null },
    });
    const view = (await listApiTokens(trx)).find((t) => t.id === row.id)!;
    return { ...view, token };
  });
}

export async function listApiTokens(db: Kysely<DB>): Promise<TokenView[]> {
  const rows = await db
    .selectFrom('api_tokens as t')
    .leftJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.name',
      't.role',
      'u.email',
      't.prefix',
      't.created_at',
      't.last_used_at',
      't.revoked_at',
    ])
    .orderBy('t.id')
    .execute();
  const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    user: r.email,
    prefix: r.prefix,
    createdAt: new Date(r.created_at).toISOString(),
    lastUsedAt: iso(r.last_used_at),
    revokedAt: iso(r.revoked_at),
  }));
}

export async function revokeApiToken(db: Kysely<DB>, id: string, actor: Actor): Promise<TokenView> {
  const notFound = () =>
    new AppError('NOT_FOUND', `no API token with id ${id}`, [
      { field: 'id', value: id, expected: 'the id of an API token (relance token list)' },
    ]);
  if (!/^\d{1,9}$/.test(id)) throw notFound();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: sql`coalesce(revoked_at, now())` })
      .where('id', '=', Number(id))
      .returning(['id', 'name', 'prefix'])
      .executeTakeFirst();
    if (!row) throw notFound();
    await writeAudit(trx, actor, {
      action: 'token.revoke',
      targetType: 'api_token',
      targetId: row.id,
      detail: { name: row.name, prefix: row.prefix },
    });
    return (await listApiTokens(trx)).find((t) => t.id === row.id)!;
  });
}

/** The principal of a bearer token, or undefined: unknown, revoked, or its user disabled. */
export async function lookupApiToken(
  db: Kysely<DB>,
  token: string,
  options: { now?: Date } = {},
): Promise<Principal | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const row = await db
    .selectFrom('api_tokens as t')
    .leftJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.name',
      't.role',
      't.user_id',
      't.revoked_at',
      't.last_used_at',
      'u.portfolio_name',
      'u.disabled_at',
    ])
    .where('t.token_sha256', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.disabled_at !== null) return undefined;
  const now = options.now ?? new Date();
  // last_used_at at most once a minute: a busy integration does not write on every call.
  if (row.last_used_at === null || now.getTime() - new Date(row.last_used_at).getTime() >= 60_000)
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: now })
      .where('id', '=', row.id)
      .execute();
  return {
    kind: 'token',
    userId: row.user_id,
    tokenId: row.id,
    label: `token:${row.name}`,
    role: row.role,
    portfolio: portfolioOf(row.role, row.portfolio_name),
  };
}
