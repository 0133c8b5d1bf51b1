import type { Kysely } from 'kysely';
import type { Role } from '../core/auth/roles.ts';
import type { DB } from '../store/schema.ts';
import { CLI_ACTOR } from './audit.ts';
import type { ScryptParams } from './password-hash.ts';
import { createUser, type UserView } from './users.ts';

/** Cheap scrypt parameters: tests hash many passwords; the format and code path are the same. */
export const FAST_PARAMS: ScryptParams = { ln: 10, r: 8, p: 1 };

export const PASSWORD = 'correct horse battery staple';

/** A user of this role; collectors and sales people get a portfolio name. */
export function addUser(
  db: Kysely<DB>,
  email: string,
  role: Role,
  portfolioName?: string,
): Promise<UserView> {
  return createUser(db, { email, role, password: PASSWORD, portfolioName }, CLI_ACTOR, {
    passwordParams: FAST_PARAMS,
  });
}
