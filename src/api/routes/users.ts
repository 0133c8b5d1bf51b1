import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../core/auth/roles.ts';
import type { Database } from '../../store/database.ts';
import type { ScryptParams } from '../../auth/password-hash.ts';
import { createUser, listUsers, updateUser } from '../../auth/users.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../auth/api-tokens.ts';
import { actorOf, listAudit } from '../../auth/audit.ts';
import { requirePermission, permitBeforeBody } from '../auth/authenticate.ts';
import { ERRORS, ErrorBody } from '../schemas/common.ts';

const UserView = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    portfolioName: z.string().nullable(),
    disabledAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });

const TokenView = z
  .object({
    id: z.number().int(),
    name: z.string(),
    role: z.enum(ROLES),
    user: z.string().nullable(),
    prefix: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

const IdParams = z.object({ id: z.coerce.number().int().min(1) });

/** Users and API tokens (users:manage, admins) and the audit log (audit:read). */
export function userRoutes(
  database: Database,
  options: { passwordParams?: ScryptParams | undefined } = {},
) {
  const db = database.db;
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/users',
      {
        schema: {
          tags: ['users'],
          summary: 'Every user, disabled ones included (never a password hash)',
          response: {
            200: z.object({
              users: z.array(
                UserView.extend({
                  lastSignInAt: z.string().nullable().describe('the latest sign-in, if any'),
                }),
              ),
            }),
            ...ERRORS,
          },
        },
      },
      async (request) => {
        requirePermission(request, 'users:manage');
        return { users: await listUsers(db) };
      },
    );

    app.post(
      '/api/users',
      {
        preParsing: permitBeforeBody('users:manage'),
        schema: {
          tags: ['users'],
          summary: 'Add a user (e-mails are unique whatever their case)',
          body: z
            .object({
              email: z.string().min(1).max(254),
              role: z.enum(ROLES),
              name: z.string().max(100).optional(),
              portfolioName: z
                .string()
                .max(100)
                .optional()
                .describe("collector and sales: their name in the customers' columns"),
              password: z.string().min(1).max(4096).describe('12 to 1024 characters'),
            })
            .strict(),
          response: { 201: UserView, ...ERRORS, 409: ErrorBody },
        },
      },
      async (request, reply) => {
        const principal = requirePermission(request, 'users:manage');
        const b = request.body;
        const user = await createUser(
          db,
          {
            email: b.email,
            role: b.role,
            password: b.password,
            displayName: b.name,
            portfolioName: b.portfolioName,
          },
          actorOf(principal, request.ip),
          options.passwordParams ? { passwordParams: options.passwordParams } : {},
        );
        return reply.status(201).send(user);
      },
    );

    app.patch(
      '/api/users/:id',
      {
        preParsing: permitBeforeBody('users:manage'),
        schema: {
          tags: ['users'],
          summary:
            "Change a user's role, name or portfolio name, disable or enable them; a new role or portfolio ends their sessions",
          params: IdParams,
          body: z
            .object({
              role: z.enum(ROLES).optional(),
              name: z.string().max(200).optional().describe('display name, 1 to 100 characters'),
              portfolioName: z
                .string()
                .max(200)
                .nullable()
                .optional()
                .describe("collector and sales: their name in the customers' columns; null clears"),
              disabled: z.boolean().optional().describe('true disables, false enables again'),
            })
            .strict()
            .refine((b) => Object.keys(b).length > 0, {
              message: 'at least one of role, name, portfolioName, disabled',
            }),
          response: { 200: UserView, ...ERRORS, 409: ErrorBody },
        },
      },
      async (request) => {
        const principal = requirePermission(request, 'users:manage');
        const result = await updateUser(
          db,
          { id: request.params.id },
          request.body,
          actorOf(principal, request.ip),
        );
        return result.user;
      },
    );

    app.get(
      '/api/tokens',
      {
        schema: {
          tags: ['users'],
          summary: 'The API tokens, by prefix (never the secrets)',
          response: { 200: z.object({ tokens: z.array(TokenView) }), ...ERRORS },
        },
      },
      async (request) => {
        requirePermission(request, 'users:manage');
        return { tokens: await listApiTokens(db) };
      },
    );

    app.post(
      '/api/tokens',
      {
        preParsing: permitBeforeBody('users:manage'),
        schema: {
          tags: ['users'],
          summary: 'Create an API token: the secret is in this answer only (stored hashed)',
          body: z
            .object({
              name: z.string().min(1).max(100),
              role: z.enum(ROLES),
              user: z.string().max(254).optional().describe('act for this user (their portfolio)'),
            })
            .strict(),
          response: {
            201: TokenView.extend({ token: z.string().describe('shown once') }),
            ...ERRORS,
          },
        },
      },
      async (request, reply) => {
        const principal = requirePermission(request, 'users:manage');
        const created = await createApiToken(db, request.body, actorOf(principal, request.ip));
        return reply.status(201).header('cache-control', 'no-store').send(created);
      },
    );

    app.delete(
      '/api/tokens/:id',
      {
        schema: {
          tags: ['users'],
          summary: 'Revoke an API token: it stops working at once',
          params: IdParams,
          response: { 200: TokenView, ...ERRORS },
        },
      },
      async (request) => {
        const principal = requirePermission(request, 'users:manage');
        return revokeApiToken(db, String(request.params.id), actorOf(principal, request.ip));
      },
    );

    app.get(
      '/api/audit',
      {
        schema: {
          tags: ['users'],
          summary: 'The audit log, newest first: who did what, when, from where',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
          response: {
            200: z.object({
              entries: z.array(
                z.object({
                  id: z.number().int(),
                  at: z.string(),
                  user: z.string().nullable(),
                  token: z.string().nullable(),
                  action: z.string(),
                  targetType: z.string().nullable(),
                  targetId: z.string().nullable(),
                  detail: z.unknown(),
                  ip: z.string().nullable(),
                }),
              ),
            }),
            ...ERRORS,
          },
        },
      },
      async (request) => {
        requirePermission(request, 'audit:read');
        return { entries: await listAudit(db, request.query.limit) };
      },
    );
  };
}
