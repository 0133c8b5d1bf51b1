import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { SessionPolicy } from '../../core/auth/session-policy.ts';
import { writeAudit, actorOf } from '../../auth/audit.ts';
import { login } from '../../auth/login.ts';
import type { LoginLimiter } from '../../auth/login-limiter.ts';
import type { ScryptParams } from '../../auth/password-hash.ts';
import { deleteSession } from '../../auth/sessions.ts';
import type { DB } from '../../store/schema.ts';
import { principalOf } from './authenticate.ts';
import { clearSessionCookie, setSessionCookie } from './session-cookie.ts';

export interface SessionRouteOptions {
  readonly limiter: LoginLimiter;
  readonly passwordParams?: ScryptParams | undefined;
  readonly sessionPolicy?: SessionPolicy | undefined;
}

/** POST /api/session (sign in), GET /api/session (who am I), DELETE /api/session (sign out). */
export function addSessionRoutes(
  app: FastifyInstance,
  db: Kysely<DB>,
  options: SessionRouteOptions,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign in: sets the session cookie and returns the CSRF token for changes',
        security: [],
        body: z.strictObject({
          email: z.string().max(254),
          password: z.string().max(4096),
        }),
      },
    },
    async (request, reply) => {
      // A new sign-in never reuses a session id (no fixation): end the old one.
      if (request.session) await deleteSession(db, request.session.id);
      const { user, session } = await login(
        db,
        { email: request.body.email, password: request.body.password, ip: request.ip },
        {
          limiter: options.limiter,
          passwordParams: options.passwordParams,
          sessionPolicy: options.sessionPolicy,
        },
      );
      setSessionCookie(request, reply, session.sessionId, session.expiresAt);
      return { user, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
    },
  );

  app.get(
    '/api/session',
    { schema: { tags: ['session'], summary: 'Who is signed in' } },
    async (request) => {
      const principal = principalOf(request);
      const session = request.session;
      return {
        kind: principal.kind,
        user: session?.user ?? null,
        token: principal.kind === 'token' ? principal.label.replace(/^token:/, '') : null,
        role: principal.role,
        portfolio: principal.portfolio,
        csrfToken: session?.csrfToken ?? null,
        endsAt: session?.endsAt.toISOString() ?? null,
      };
    },
  );

  app.delete(
    '/api/session',
    { schema: { tags: ['session'], summary: 'Sign out' } },
    async (request, reply) => {
      const principal = principalOf(request);
      if (request.session) {
        await deleteSession(db, request.session.id);
        await writeAudit(db, actorOf(principal, request.ip), {
          action: 'session.delete',
          targetType: 'user',
          targetId: principal.userId ?? undefined,
        });
      }
      clearSessionCookie(request, reply);
      return reply.status(204).send();
    },
  );
}
