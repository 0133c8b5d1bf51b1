import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.ts';
import { hasPermission, type Permission } from '../../core/auth/permissions.ts';
import type { Principal } from '../../core/auth/principal.ts';
import type { SessionPolicy } from '../../core/auth/session-policy.ts';
import { lookupApiToken } from '../../auth/api-tokens.ts';
import { assertCustomerAccess } from '../../auth/customer-access.ts';
import { sameSecret } from '../../auth/secrets.ts';
import { lookupSession, type ActiveSession } from '../../auth/sessions.ts';
import type { DB } from '../../store/schema.ts';
import { clearSessionCookie, SESSION_COOKIE } from './session-cookie.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling (null only on the routes open without sign-in). */
    principal: Principal | null;
    /** The cookie session, when the caller signed in with one. */
    session: ActiveSession | null;
  }
}

/** The /api routes open without a session or token. */
export function isPublicApiRoute(method: string, path: string): boolean {
  if (method === 'POST' && path === '/api/session') return true;
  if ((method === 'GET' || method === 'HEAD') && path === '/api/openapi.json') return true;
  return (
    (method === 'GET' || method === 'HEAD') &&
    (path === '/api/docs' || path.startsWith('/api/docs/'))
  );
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Finds the caller of a request without the database, or answers undefined: following a
 * job with its follow token while embedded PGlite, one session, is busy with that job.
 */
export type FollowerLookup = (request: FastifyRequest) => Principal | undefined;

function unauthenticated(message: string): AppError {
  return new AppError('UNAUTHENTICATED', message, [
    {
      field: 'authorization',
      expected: `a session cookie (POST /api/session) or an Authorization: Bearer API token`,
    },
  ]);
}

/**
 * The onRequest hook: every /api route but the public ones needs a live session cookie
 * or a bearer API token (401 UNAUTHENTICATED); a state-changing request made with a
 * cookie needs the session's CSRF token in `x-csrf-token` (403 CSRF).
 */
export function addAuthHook(
  app: FastifyInstance,
  db: Kysely<DB>,
  options: {
    sessionPolicy?: SessionPolicy | undefined;
    follower?: FollowerLookup | undefined;
  } = {},
): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path !== '/api' && !path.startsWith('/api/')) return;
    const follower = options.follower?.(request);
    if (follower) {
      request.principal = follower;
      return;
    }
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      const principal = match ? await lookupApiToken(db, match[1]!) : undefined;
      if (!principal) throw unauthenticated('the API token is unknown, revoked or malformed');
      request.principal = principal;
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie !== undefined && cookie !== '') {
      const session = await lookupSession(
        db,
        cookie,
        options.sessionPolicy ? { policy: options.sessionPolicy } : {},
      );
      if (session) {
        request.session = session;
        request.principal = session.principal;
        if (!SAFE_METHODS.has(request.method) && !isPublicApiRoute(request.method, path)) {
          const header = request.headers['x-csrf-token'];
          if (typeof header !== 'string' || !sameSecret(header, session.csrfToken)) {
            throw new AppError(
              'CSRF',
              'this request needs the x-csrf-token header of the session',
              [
                {
                  field: 'x-csrf-token',
                  expected: 'the csrfToken returned by POST /api/session or GET /api/session',
                },
              ],
            );
          }
        }
        return;
      }
      if (!isPublicApiRoute(request.method, path)) {
        clearSessionCookie(request, reply);
        throw unauthenticated('the session has ended: sign in again');
      }
      return;
    }
    if (!isPublicApiRoute(request.method, path)) throw unauthenticated('sign in first');
  });
}

/** The caller, or 401 (for routes that the hook lets through unauthenticated). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthenticated('sign in first');
  return request.principal;
}

/** 403 FORBIDDEN unless the caller's role has this permission. */
export function requirePermission(request: FastifyRequest, permission: Permission): Principal {
  const principal = principalOf(request);
  if (!hasPermission(principal.role, permission)) {
    throw new AppError('FORBIDDEN', `the ${principal.role} role may not do this (${permission})`, [
      { field: 'role', value: principal.role, expected: `a role allowed ${permission}` },
    ]);
  }
  return principal;
}

/**
 * The permission and the portfolio rule for one customer: 404 when it is outside what the
 * caller may see (as if it did not exist), 403 when visible but not allowed.
 */
export async function requireCustomer(
  request: FastifyRequest,
  db: Kysely<DB>,
  permission: Permission,
  target: { company?: string | undefined; customer: string },
): Promise<Principal> {
  return (await requireCustomerRecord(request, db, permission, target)).principal;
}

/** requireCustomer, with the ids of the company and the customer it found. */
export async function requireCustomerRecord(
  request: FastifyRequest,
  db: Kysely<DB>,
  permission: Permission,
  target: { company?: string | undefined; customer: string },
): Promise<{ principal: Principal; companyId: number; customerId: number }> {
  const principal = requirePermission(request, permission);
  return { principal, ...(await assertCustomerAccess(db, principal, permission, target)) };
}

/**
 * A preParsing hook: the role is checked before the request body is read, so that a 403
 * says nothing about the body and a large body is not read for nothing.
 */
export function permitBeforeBody(permission: Permission) {
  return async (request: FastifyRequest, _reply: unknown, payload: unknown) => {
    requirePermission(request, permission);
    return payload;
  };
}
