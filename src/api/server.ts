import { createRequire } from 'node:module';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Database } from '../store/database.ts';
import { loadConfig, type Config } from '../config.ts';
import { registerAuth, type AuthOptions } from './auth/register-auth.ts';
import { addErrorHandler } from './error-handler.ts';
import { addOpenApi } from './openapi.ts';
import { customerRoutes } from './routes/customers.ts';
import { collectionRoutes } from './routes/collections.ts';
import { runRoutes } from './routes/runs.ts';
import { outboxRoutes } from './routes/outbox.ts';
import { letterRoutes } from './routes/outbox-letters.ts';
import { documentRoutes } from './routes/documents.ts';
import { scenarioRoutes } from './routes/scenarios.ts';
import { templateRoutes } from './routes/templates.ts';
import { userRoutes } from './routes/users.ts';
import { ledgerImportRoutes } from './routes/ledger-import.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { customerListRoutes } from './routes/customer-lists.ts';
import { ledgerListRoutes } from './routes/ledger-lists.ts';
import { jobFollower, jobRoutes } from './routes/jobs.ts';
import { JobTracker } from '../jobs/job-tracker.ts';
import { addWebUi } from './web-ui.ts';
import { ResponseCache } from './cache/response-cache.ts';

const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string })
  .version;

/** The HTTP API. Routes call use-cases; no business rule lives here (docs/api.md). */
export function buildServer(
  database: Database,
  options: {
    auth?: AuthOptions;
    trustProxy?: boolean;
    /** Settings (SMTP for POST /api/outbox/send); default: loadConfig(), read when needed. */
    config?: Config;
    /** Imports and runs in the background (routes/jobs.ts); one per server by default. */
    jobs?: JobTracker;
    /** The cache of read answers (docs/adr/0010-response-cache.md); default: a new one. */
    cache?: ResponseCache;
  } = {},
): FastifyInstance {
  const config = () => options.config ?? loadConfig();
  const jobs = options.jobs ?? new JobTracker(database);
  const app = Fastify({ logger: false, trustProxy: options.trustProxy ?? false });
  addErrorHandler(app);
  addOpenApi(app, VERSION);
  // Read answers kept until the database reports a change; listening starts with the server.
  const cache = options.cache ?? new ResponseCache();
  app.addHook('onReady', () => cache.attach(database.watchChanges));
  app.addHook('onClose', () => cache.detach());

  app.get('/health', { schema: { hide: true } }, async () => {
    await database.db.selectFrom('companies').select('id').limit(1).execute();
    return { status: 'ok', database: database.backend };
  });

  // Every /api route below needs a session or an API token (docs/users-and-roles.md).
  registerAuth(app, database.db, { ...options.auth, follower: jobFollower(jobs) });
  void app.register(customerRoutes(database, { cache }));
  void app.register(collectionRoutes(database));
  void app.register(runRoutes(database));
  void app.register(outboxRoutes(database, { config }));
  void app.register(letterRoutes(database));
  void app.register(documentRoutes(database));
  void app.register(scenarioRoutes(database));
  void app.register(templateRoutes(database));
  void app.register(userRoutes(database, { passwordParams: options.auth?.passwordParams }));
  void app.register(ledgerImportRoutes(database));
  void app.register(dashboardRoutes(database, { cache }));
  void app.register(customerListRoutes(database));
  void app.register(ledgerListRoutes(database));
  void app.register(
    jobRoutes(database, jobs, { importMaxBytes: () => config().importMaxMb * 1_000_000 }),
  );
  // Closing waits for the jobs under way: an import or a run is not cut half-way.
  app.addHook('onClose', () => jobs.idle());
  // The collector workspace (web/dist) and index.html for the app's own paths (docs/web-ui.md).
  addWebUi(app);
  return app;
}

export async function startServer(
  database: Database,
  options: {
    host: string;
    port: number;
    auth?: AuthOptions;
    trustProxy?: boolean;
    config?: Config;
  },
): Promise<{ url: string; close: () => Promise<void> }> {
  const app = buildServer(database, {
    auth: options.auth,
    trustProxy: options.trustProxy,
    config: options.config,
  });
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return { url: `http://${host}:${port}`, close: () => app.close() };
}
