import Fastify, { type FastifyInstance } from 'fastify';
import { AppError, type ErrorCode } from '../core/errors.ts';
import type { Database } from '../store/database.ts';
import { loadAccount } from '../ledger/load-account.ts';
import { creditStatus } from '../ledger/credit-status.ts';
import { requireCustomer } from './auth/authenticate.ts';
import { registerAuth, type AuthOptions } from './auth/register-auth.ts';
import { RateLimitedError } from '../auth/login.ts';

const STATUS: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  INVALID_FILE: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  BUSY: 503,
  CONFIG: 500,
  INTERNAL: 500,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  RATE_LIMITED: 429,
};

/** The HTTP API. Routes call use-cases; no business rule lives here. */
export function buildServer(
  database: Database,
  options: { auth?: AuthOptions; trustProxy?: boolean } = {},
): FastifyInstance {
  const app = Fastify({ logger: false, trustProxy: options.trustProxy ?? false });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof RateLimitedError)
      void reply.header('retry-after', String(error.retryAfterSeconds));
    if (error instanceof AppError) {
      return reply
        .status(STATUS[error.code])
        .send({ error: { code: error.code, message: error.message, problems: error.problems } });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) app.log.error(error);
    return reply.status(status).send({
      error: {
        problems: [],
        code: status >= 500 ? 'INTERNAL' : 'INVALID_INPUT',
        message: status >= 500 ? 'internal error' : (error as Error).message,
      },
    });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: {
        code: 'NOT_FOUND',
        message: `no route ${request.method} ${request.url.split('?')[0]}`,
        problems: [],
      },
    }),
  );

  app.get('/health', async () => {
    await database.db.selectFrom('companies').select('id').limit(1).execute();
    return { status: 'ok', database: database.backend };
  });

  // Every /api route below needs a session or an API token (docs/users-and-roles.md).
  registerAuth(app, database.db, options.auth);

  app.get<{ Params: { code: string }; Querystring: { asOf?: string; company?: string } }>(
    '/api/customers/:code/account',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { asOf: { type: 'string' }, company: { type: 'string' } },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      await requireCustomer(request, database.db, 'customers:read', {
        company: request.query.company,
        customer: request.params.code,
      });
      return loadAccount(database.db, {
        customer: request.params.code,
        asOf: request.query.asOf,
        company: request.query.company,
      });
    },
  );

  app.get<{ Params: { code: string }; Querystring: { asOf?: string; company?: string } }>(
    '/api/customers/:code/credit-status',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { asOf: { type: 'string' }, company: { type: 'string' } },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      await requireCustomer(request, database.db, 'customers:read', {
        company: request.query.company,
        customer: request.params.code,
      });
      return creditStatus(
        database.db,
        request.query.company,
        request.params.code,
        request.query.asOf,
      );
    },
  );

  return app;
}

export async function startServer(
  database: Database,
  options: { host: string; port: number; auth?: AuthOptions; trustProxy?: boolean },
): Promise<{ url: string; close: () => Promise<void> }> {
  const app = buildServer(database, { auth: options.auth, trustProxy: options.trustProxy });
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return { url: `http://${host}:${port}`, close: () => app.close() };
}
