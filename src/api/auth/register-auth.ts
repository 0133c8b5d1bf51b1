import cookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { SessionPolicy } from '../../core/auth/session-policy.ts';
import { LoginLimiter } from '../../auth/login-limiter.ts';
import type { ScryptParams } from '../../auth/password-hash.ts';
import type { DB } from '../../store/schema.ts';
import { addAuthHook, type FollowerLookup } from './authenticate.ts';
import { addSessionRoutes } from './session-routes.ts';

export interface AuthOptions {
  /** One per server by default; tests pass their own. */
  readonly limiter?: LoginLimiter | undefined;
  /** scrypt parameters for new and upgraded hashes (tests use cheap ones). */
  readonly passwordParams?: ScryptParams | undefined;
  readonly sessionPolicy?: SessionPolicy | undefined;
  /** Requests authenticated without the database (a job's follow token: routes/jobs.ts). */
  readonly follower?: FollowerLookup | undefined;
}

/** Cookies, the authentication hook of /api, and the session routes. */
export function registerAuth(
  app: FastifyInstance,
  db: Kysely<DB>,
  options: AuthOptions = {},
): void {
  app.register(cookie);
  addAuthHook(app, db, { sessionPolicy: options.sessionPolicy, follower: options.follower });
  const limiter = options.limiter ?? new LoginLimiter();
  // A plugin, so that the OpenAPI document (registered before) sees the routes.
  void app.register(async (scope) =>
    addSessionRoutes(scope, db, {
      limiter,
      passwordParams: options.passwordParams,
      sessionPolicy: options.sessionPolicy,
    }),
  );
}
