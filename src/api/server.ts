import Fastify, { type FastifyInstance } from 'fastify';
import { AppError, type ErrorCode } from '../core/errors.ts';
import type { Database } from '../store/database.ts';
import { loadAccount } from '../ledger/load-account.ts';
import { creditStatus } from '../ledger/credit-status.ts';

const STATUS: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  INVALID_FILE: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  BUSY: 503,
  CONFIG: 500,
  INTERNAL: 500,
};

/** The HTTP API. Routes call use-cases; no business rule lives here. */
export function buildServer(database: Database): FastifyInstance {
  const app = Fastify({ logger: false });

  app.setErrorHandler((error, _request, reply) => {
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
    async (request) =>
      loadAccount(database.db, {
        customer: request.params.code,
        asOf: request.query.asOf,
        company: request.query.company,
      }),
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
    async (request) =>
      creditStatus(database.db, request.query.company, request.params.code, request.query.asOf),
  );

  return app;
}

export async function startServer(
  database: Database,
  options: { host: string; port: number },
): Promise<{ url: string; close: () => Promise<void> }> {
  const app = buildServer(database);
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return { url: `http://${host}:${port}`, close: () => app.close() };
}
