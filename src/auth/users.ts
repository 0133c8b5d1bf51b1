import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { AppError } from '../core/errors.ts';
import { checkNewUser, type NewUserInput } from '../core/auth/user-input.ts';
import { planUserChange, type UserChangeInput } from '../core/auth/user-change.ts';
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

/** A user in the list: the view plus when they last signed in (from the audit log). */
export interface UserListEntry extends UserView {
  readonly lastSignInAt: string | null;
}

export async function listUsers(db: Kysely<DB>): Promise<UserListEntry[]> {
  const rows = await db
    .selectFrom('users as u')
    .select(VIEW_COLUMNS.map((c) => `u.${c}` as const))
    .select((eb) =>
      eb
        .selectFrom('audit_log as a')
        .select('a.at')
        .whereRef('a.user_id', '=', 'u.id')
        .where('a.action', '=', 'session.create')
        .orderBy('a.at', 'desc')
        .limit(1)
        .as('last_sign_in'),
    )
    .orderBy('u.email')
    .execute();
  return rows.map((r) => ({
    ...toUserView(r),
    lastSignInAt: r.last_sign_in ? new Date(r.last_sign_in).toISOString() : null,
  }));
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

/** Who a change is about: the user's id (API) or e-mail (command line). */
export type UserRef = { readonly id: number } | { readonly email: string };

export interface UserChangeResult {
  readonly user: UserView;
  /** False when every value asked was the current one (nothing written, nothing audited). */
  readonly changed: boolean;
  readonly sessionsEnded: number;
  readonly tokensRevoked: number;
}

/**
 * Changes a user's role, display name or portfolio name, disables or enables them again
 * (docs/users-and-roles.md). All or nothing, in one transaction that locks the user and the
 * active admins, so that two admins demoting each other at once cannot leave none. A new
 * role or portfolio ends the user's sessions (the new rights apply at their next sign-in);
 * a new role or disabling also revokes the API tokens acting for them. Audited:
 * `user.update` (with each field before and after), `user.disable`, `user.enable`.
 */
export async function updateUser(
  db: Kysely<DB>,
  ref: UserRef,
  input: UserChangeInput,
  actor: Actor,
  options: { portfolioField?: string } = {},
): Promise<UserChangeResult> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('users')
      .select(VIEW_COLUMNS)
      .$call((q) =>
        'id' in ref
          ? q.where('id', '=', ref.id)
          : q.where(sql<string>`lower(email)`, '=', normalizeEmail(ref.email)),
      )
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw unknownUser(ref);
    const admins = await trx
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'admin')
      .where('disabled_at', 'is', null)
      .where('id', '<>', row.id)
      .forUpdate()
      .execute();
    const plan = planUserChange(
      {
        role: row.role,
        displayName: row.display_name,
        portfolioName: row.portfolio_name,
        disabled: row.disabled_at !== null,
      },
      input,
      { otherActiveAdmins: admins.length, portfolioField: options.portfolioField },
    );
    const fieldsChanged = Object.keys(plan.changes).length > 0;
    if (!fieldsChanged && !plan.disabling && !plan.enabling) {
      return { user: toUserView(row), changed: false, sessionsEnded: 0, tokensRevoked: 0 };
    }
    const updated = await trx
      .updateTable('users')
      .set({
        role: plan.next.role,
        display_name: plan.next.displayName,
        portfolio_name: plan.next.portfolioName,
        ...(plan.disabling ? { disabled_at: sql<Date>`now()` } : {}),
        ...(plan.enabling ? { disabled_at: null } : {}),
        updated_at: sql`now()`,
      })
      .where('id', '=', row.id)
      .returning(VIEW_COLUMNS)
      .executeTakeFirstOrThrow();
    const sessionsEnded = plan.endsSessions
      ? Number(
          (await trx.deleteFrom('sessions').where('user_id', '=', row.id).executeTakeFirst())
            .numDeletedRows,
        )
      : 0;
    const tokensRevoked = plan.revokesTokens
      ? Number(
          (
            await trx
              .updateTable('api_tokens')
              .set({ revoked_at: sql`now()` })
              .where('user_id', '=', row.id)
              .where('revoked_at', 'is', null)
              .executeTakeFirst()
          ).numUpdatedRows,
        )
      : 0;
    const ended = { sessionsEnded, tokensRevoked };
    const target = { targetType: 'user', targetId: row.id } as const;
    if (fieldsChanged) {
      await writeAudit(trx, actor, {
        action: 'user.update',
        ...target,
        detail: { email: row.email, changes: plan.changes, ...(plan.disabling ? {} : ended) },
      });
    }
    if (plan.disabling) {
      await writeAudit(trx, actor, {
        action: 'user.disable',
        ...target,
        detail: { email: row.email, ...ended },
      });
    }
    if (plan.enabling) {
      await writeAudit(trx, actor, {
        action: 'user.enable',
        ...target,
        detail: { email: row.email },
      });
    }
    return { user: toUserView(updated), changed: true, ...ended };
  });
}

/**
 * Disables a user: their sessions end and the API tokens acting for them are revoked.
 * The last active admin cannot be disabled (CONFLICT).
 */
export async function disableUser(db: Kysely<DB>, email: string, actor: Actor): Promise<UserView> {
  return (await updateUser(db, { email }, { disabled: true }, actor)).user;
}

function unknownUser(ref: UserRef): AppError {
  if ('id' in ref) {
    return new AppError('NOT_FOUND', `no user ${ref.id}`, [
      { field: 'id', value: String(ref.id), expected: 'the id of a user' },
    ]);
  }
  return new AppError('NOT_FOUND', `no user with e-mail ${ref.email}`, [
    {
      field: 'email',
      value: ref.email,
      expected: 'the e-mail of an existing user (relance user list)',
    },
  ]);
}
