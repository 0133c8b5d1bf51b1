import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { AppError } from '../core/errors.ts';
import { checkNewUser, type NewUserInput } from '../core/auth/user-input.ts';
import { normalizeEmail } from '../core/auth/login-throttle.ts';
import type { Role } from '../core/auth/roles.ts';
import type { DB } from '../store/schema.ts';
import { hashPassword, PASSWORD_PARAMS, type ScryptParams } from './password-hash.ts';
import { writeAudit, type Actor } from './audit.ts';

/** A user as shown to people and over the API: never the password hash. */
export interface UserView {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  /** The collector or sales-owner name tying the user to customers. */
  readonly portfolioName: string | null;
  readonly disabledAt: string | null;
  readonly createdAt: string;
}

const VIEW_COLUMNS = [
  'id',
  'email',
  'display_name',
  'role',
  'portfolio_name',
  'disabled_at',
  'created_at',
] as const;

type ViewRow = {
  id: number;
  email: string;
  display_name: string;
  role: Role;
  portfolio_name: string | null;
  disabled_at: Date | null;
  created_at: Date;
};

export function toUserView(r: ViewRow): UserView {
  return {
    id: r.id,
    email: r.email,
    name: r.display_name,
    role: r.role,
    portfolioName: r.portfolio_name,
    disabledAt: r.disabled_at ? new Date(r.disabled_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** Creates a user; CONFLICT when the e-mail (any case) is taken. */
export async function createUser(
  db: Kysely<DB>,
  input: NewUserInput,
  actor: Actor,
  options: { passwordParams?: ScryptParams } = {},
): Promise<UserView> {
  const user = checkNewUser(input);
  const passwordHash = await hashPassword(user.password, options.passwordParams ?? PASSWORD_PARAMS);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('users')
      .values({
        email: user.email,
        display_name: user.displayName,
        role: user.role,
        password_hash: passwordHash,
        portfolio_name: user.portfolioName,
      })
      .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
      .returning(VIEW_COLUMNS)
      .executeTakeFirst();
    if (!row) {
      throw new AppError('CONFLICT', `a user with e-mail ${user.email} exists already`, [
        {
          field: 'email',
          value: user.email,
          expected: 'an e-mail address not used by another user',
        },
      ]);
    }
    await writeAudit(trx, actor, {
      action: 'user.create',
      targetType: 'user',
      targetId: row.id,
      detail: { email: row.email, role: row.role, portfolioName: row.portfolio_name },
    });
    return toUserView(row);
  });
}

export async function listUsers(db: Kysely<DB>): Promise<UserView[]> {
  const rows = await db.selectFrom('users').select(VIEW_COLUMNS).orderBy('email').execute();
  return rows.map(toUserView);
}

export async function findUserByEmail(
  db: Kysely<DB>,
  email: string,
): Promise<UserView | undefined> {
  const row = await db
    .selectFrom('users')
    .select(VIEW_COLUMNS)
    .where(sql<string>`lower(email)`, '=', normalizeEmail(email))
    .executeTakeFirst();
  return row && toUserView(row);
}

/** Disables a user and ends their sessions; their API tokens stop working too. */
export async function disableUser(db: Kysely<DB>, email: string, actor: Actor): Promise<UserView> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('users')
      .set({ disabled_at: sql`coalesce(disabled_at, now())`, updated_at: sql`now()` })
      .where(sql<string>`lower(email)`, '=', normalizeEmail(email))
      .returning(VIEW_COLUMNS)
      .executeTakeFirst();
    if (!row) {
      throw new AppError('NOT_FOUND', `no user with e-mail ${email}`, [
        {
          field: 'email',
          value: email,
          expected: 'the e-mail of an existing user (relance user list)',
        },
      ]);
    }
    const ended = await trx.deleteFrom('sessions').where('user_id', '=', row.id).executeTakeFirst();
    await writeAudit(trx, actor, {
      action: 'user.disable',
      targetType: 'user',
      targetId: row.id,
      detail: { email: row.email, sessionsEnded: Number(ended.numDeletedRows) },
    });
    return toUserView(row);
  });
}
