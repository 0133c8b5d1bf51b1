import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { CLI_ACTOR } from './audit.ts';
import { randomSecret } from './secrets.ts';
import { createUser, findUserByEmail } from './users.ts';

export const DEMO_ADMIN_EMAIL = 'demo@relance.test';

/**
 * The demo administrator of `relance serve --demo`: created on the first start with a
 * random password, which is returned only then (the caller prints it once); afterwards
 * `password` is undefined — the password exists only as its hash.
 */
export async function ensureDemoAdmin(
  db: Kysely<DB>,
): Promise<{ email: string; password?: string }> {
  if (await findUserByEmail(db, DEMO_ADMIN_EMAIL)) return { email: DEMO_ADMIN_EMAIL };
  const password = randomSecret(15);
  await createUser(
    db,
    { email: DEMO_ADMIN_EMAIL, role: 'admin', password, displayName: 'Demo admin' },
    CLI_ACTOR,
  );
  return { email: DEMO_ADMIN_EMAIL, password };
}
