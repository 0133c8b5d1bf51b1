import { createRequire } from 'node:module';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Database } from '../store/database.ts';
import { registerAuth, type AuthOptions } from './auth/register-auth.ts';
import { addErrorHandler } from './error-handler.ts';
import { addOpenApi } from './openapi.ts';
import { customerRoutes } from './routes/customers.ts';
import { dashboardRoutes } from './routes/dashboard.ts';

const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string })
  .version;

/** The HTTP API. Routes call use-cases; no business rule lives here (docs/api.md). */
export function buildServer(
  database: Database,
  options: { auth?: AuthOptions; trustProxy?: boolean } = {},
): FastifyInstance {
  const app = Fastify({ logger: false, trustProxy: options.trustProxy ?? false });
  addErrorHandler(app);
  addOpenApi(app, VERSION);

  app.get('/health', { schema: { hide: true } }, async () => {
    await database.db.selectFrom('companies').select('id').limit(1).execute();
    return { status: 'ok', database: database.backend };
  });

  // Every /api route below needs a session or an API token (docs/users-and-roles.md).
  registerAuth(app, database.db, options.auth);
  void app.register(customerRoutes(database));
  void app.register(dashboardRoutes(database));
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
