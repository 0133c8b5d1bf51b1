import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Role } from '../../core/auth/roles.ts';
import { addUser, FAST_PARAMS, PASSWORD } from '../../auth/auth.fixture.ts';
import { LoginLimiter } from '../../auth/login-limiter.ts';
import type { Database } from '../../store/database.ts';
import type { DB } from '../../store/schema.ts';
import { buildServer } from '../server.ts';
import type { JobTracker } from '../../jobs/job-tracker.ts';
import { SESSION_COOKIE } from './session-cookie.ts';
import type { ResponseCache } from '../cache/response-cache.ts';

export { PASSWORD };

/** The server with cheap password hashing and a limiter of its own. */
export function testServer(
  database: Database,
  options: { trustProxy?: boolean; jobs?: JobTracker; cache?: ResponseCache } = {},
): FastifyInstance {
  return buildServer(database, {
    ...options,
    auth: { passwordParams: FAST_PARAMS, limiter: new LoginLimiter() },
  });
}

export interface SignedIn {
  /** `relance_session=…`, for the cookie header. */
  readonly cookie: string;
  readonly csrfToken: string;
  /** Headers for a GET (cookie) and for a state-changing request (cookie + CSRF). */
  readonly read: Record<string, string>;
  readonly write: Record<string, string>;
}

/** Signs in over the API (POST /api/session) and returns the cookie and CSRF token. */
export async function signIn(
  app: FastifyInstance,
  email: string,
  password = PASSWORD,
): Promise<SignedIn> {
  const r = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password } });
  assert.equal(r.statusCode, 200, r.body);
  const cookie = r.cookies.find((c) => c.name === SESSION_COOKIE);
  assert.ok(cookie, 'session cookie set');
  const pair = `${SESSION_COOKIE}=${cookie.value}`;
  const csrfToken = (r.json() as { csrfToken: string }).csrfToken;
  return {
    cookie: pair,
    csrfToken,
    read: { cookie: pair },
    write: { cookie: pair, 'x-csrf-token': csrfToken },
  };
}

/** Creates a user of this role and signs them in. */
export async function signInAs(
  app: FastifyInstance,
  db: Kysely<DB>,
  email: string,
  role: Role,
  portfolioName?: string,
): Promise<SignedIn> {
  await addUser(db, email, role, portfolioName);
  return signIn(app, email);
}
