import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { AppError } from '../../core/errors.ts';
import { addDays } from '../../core/calendar/local-date.ts';
import type { Database } from '../../store/database.ts';
import { resolveCompany, todayIn } from '../../store/companies.ts';
import { runDunning, type RunReport } from '../../runs/run-dunning.ts';
import { createTasksForActions } from '../../tasks/create-tasks.ts';
import { customer, seed } from '../../tasks/tasks.fixture.ts';
import { FAST_PARAMS } from '../../auth/auth.fixture.ts';
import { LoginLimiter } from '../../auth/login-limiter.ts';
import { registerAuth } from '../auth/register-auth.ts';
import { addErrorHandler } from '../error-handler.ts';
import { addOpenApi } from '../openapi.ts';
import { signInAs, type SignedIn } from '../auth/api-auth.fixture.ts';
import { collectionRoutes } from './collections.ts';
import { customerRoutes } from './customers.ts';

/**
 * The API as buildServer makes it — error handler, OpenAPI, auth, customer and collections
 * routes — without the rest (web UI, outbox…), with cheap password hashing.
 * TODO: use testServer from api-auth.fixture.ts once buildServer builds again (web-ui.ts
 * sets a second not-found handler at the time of writing).
 */
function testServer(database: Database): FastifyInstance {
  const app = Fastify({ logger: false });
  addErrorHandler(app);
  addOpenApi(app, '0.0.0');
  registerAuth(app, database.db, { passwordParams: FAST_PARAMS, limiter: new LoginLimiter() });
  void app.register(customerRoutes(database));
  void app.register(collectionRoutes(database));
  return app;
}

/*
 * Company MAIN (FR). Marie Martin collects K1, K3, P1, P2 (sold by Sam Sales); Stefan
 * Krause collects K2 (sold by Other Seller). Everything is overdue since 2026-03-05; the run
 * of 2026-03-10 makes call tasks (scenario "calls") and, for K3 (scenario "late"), a
 * hand-over and an internal notice to the sales owner. P1 and P2 arrive after that run.
 */
export async function seedCollections(database: Database): Promise<number> {
  const companyId = await seed(
    database,
    [
      customer('K1', 'Kilo SARL', '+33100000001', 'Marie Martin', 'Sam Sales', 'calls'),
      customer('K2', 'Lima SARL', '+33100000002', 'Stefan Krause', 'Other Seller', 'calls'),
      customer('K3', 'Mike SARL', '+33100000003', 'Marie Martin', 'Sam Sales', 'late'),
    ],
    [],
    [
      'K1,I1,invoice,2026-02-01,2026-03-05,EUR,100.00,100.00',
      'K1,I2,invoice,2026-02-01,2026-03-05,EUR,50.00,50.00',
      'K1,I3,invoice,2026-02-01,2026-03-05,EUR,20.00,20.00',
      'K2,J1,invoice,2026-02-01,2026-03-05,EUR,900.00,900.00',
      'K3,M1,invoice,2026-02-01,2026-03-05,EUR,300.00,300.00',
    ],
  );
  await runOn(database, '2026-03-10');
  await createTasksForActions(database.db, companyId, '2026-03-10');
  return companyId;
}

export interface Team {
  admin: SignedIn;
  manager: SignedIn;
  /** Collector of K1, K3 (Marie Martin). */
  marie: SignedIn;
  /** Collector of K2 (Stefan Krause). */
  stefan: SignedIn;
  /** Sales owner of K1, K3 (Sam Sales). */
  sam: SignedIn;
  viewer: SignedIn;
}

export async function openTeam(database: Database): Promise<{ app: FastifyInstance; team: Team }> {
  const app = testServer(database);
  const db = database.db;
  const team: Team = {
    admin: await signInAs(app, db, 'admin@seller.example', 'admin'),
    manager: await signInAs(app, db, 'manager@seller.example', 'credit_manager'),
    marie: await signInAs(app, db, 'marie@seller.example', 'collector', 'Marie Martin'),
    stefan: await signInAs(app, db, 'stefan@seller.example', 'collector', 'Stefan Krause'),
    sam: await signInAs(app, db, 'sam@seller.example', 'sales', 'Sam Sales'),
    viewer: await signInAs(app, db, 'viewer@seller.example', 'viewer'),
  };
  return { app, team };
}

/** Today in the company's time zone (what the API's use-cases call today), plus `days`. */
export async function companyDay(database: Database, days = 0): Promise<string> {
  const company = await resolveCompany(database.db, undefined);
  return addDays(todayIn(company.timezone), days);
}

/** A request with a JSON body; answers status and parsed body. */
export async function send(
  app: FastifyInstance,
  who: SignedIn | Record<string, string>,
  method: 'POST' | 'PATCH' | 'PUT',
  url: string,
  payload: unknown,
) {
  const headers = 'write' in who ? (who.write as Record<string, string>) : who;
  const r = await app.inject({ method, url, headers, payload: payload as object });
  return { status: r.statusCode, body: r.json() as Record<string, unknown> & ErrorJson };
}

export interface ErrorJson {
  error: { code: string; message: string; issues: { field: string; value?: string }[] };
}

/** The audit rows of an action, oldest first: target and user e-mail. */
export async function audits(database: Database, action: string): Promise<string[]> {
  const rows = await database.db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.target_type', 'a.target_id', 'u.email'])
    .where('a.action', '=', action)
    .orderBy('a.id')
    .execute();
  return rows.map((r) => `${r.target_type}:${r.target_id} by ${r.email}`);
}

/** The number of rows of the tables a write changes: equal before and after a refusal. */
export async function writeCount(database: Database): Promise<string> {
  const r = await sql<{ n: string }>`
    select concat_ws(',', (select count(*) from promises), (select count(*) from timeline),
      (select count(*) from audit_log where action not like 'session.%'),
      (select count(*) from items where disputed or hold_until is not null),
      (select count(*) from customers where status <> 'active' or hold_until is not null),
      (select count(*) from tasks where state <> 'open')) as n`.execute(database.db);
  return r.rows[0]!.n;
}

/** The dunning run of that day, waiting its turn when another test holds the server's lock. */
export async function runOn(database: Database, asOf: string): Promise<RunReport> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await runDunning(database, { asOf, now: new Date(), force: true });
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'BUSY') || attempt > 100) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}

export function assertIssues(body: ErrorJson, code: string, fields: string[]): void {
  assert.equal(body.error?.code, code, JSON.stringify(body));
  assert.deepEqual(body.error.issues.map((i) => i.field).sort(), [...fields].sort());
}
