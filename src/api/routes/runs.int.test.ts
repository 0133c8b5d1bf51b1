import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { BACKENDS } from '../../../test/helpers/test-databases.ts';
import { csv } from '../../../test/helpers/files.ts';
import type { Database } from '../../store/database.ts';
import { importCsv } from '../../delivery/delivery.fixture.ts';
import { validateScenario } from '../../core/scenario/validate-scenario.ts';
import { saveScenario } from '../../store/scenarios.ts';
import { signInAs, testServer, type SignedIn } from '../auth/api-auth.fixture.ts';

const AS_OF = '2026-03-10';

const CUSTOMERS = csv(
  'code,name,country,language,currency,email,collector,sales_owner,scenario',
  'K1,Kilo SARL,FR,fr,EUR,ap@kilo.example,Marie Martin,Sam Sales,',
  'K2,Lima GmbH,DE,de,EUR,ap@lima.example,Stefan Krause,Other Seller,careful',
  'K3,Mike Ltd,GB,en,EUR,ap@mike.example,Marie Martin,Sam Sales,',
);
// K1 and K2 overdue on AS_OF; K3 owes nothing due.
const ITEMS = csv(
  'customer,number,type,issue_date,due_date,currency,amount,open_amount',
  'K1,I1,invoice,2026-02-01,2026-03-03,EUR,100.00,100.00',
  'K2,I2,invoice,2026-02-01,2026-03-03,EUR,900.00,900.00',
  'K3,I3,invoice,2026-02-01,2099-01-31,EUR,70.00,70.00',
);

/** A scenario whose only step waits for approval. */
const CAREFUL = {
  code: 'careful',
  name: 'Careful',
  steps: [
    {
      id: 'careful_reminder',
      name: 'Reminder, approved first',
      kind: 'reminder',
      offsetDays: 1,
      mode: 'confirm',
      actions: [{ kind: 'email', template: 'reminder_email' }],
    },
  ],
};

interface Action {
  id: number;
  customer: string;
  step: string;
  state: string;
}

for (const backend of BACKENDS) {
  describe(`API: runs and approvals (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let app: FastifyInstance;
    let credit: SignedIn;
    let marie: SignedIn;
    let sam: SignedIn;
    let viewer: SignedIn;
    let runId = 0;
    let companyId = 0;

    before(async () => {
      database = await backend.open();
      await importCsv(database, 'customers', CUSTOMERS);
      await importCsv(database, 'items', ITEMS);
      const company = await database.db
        .selectFrom('companies')
        .select('id')
        .executeTakeFirstOrThrow();
      companyId = company.id;
      await saveScenario(database.db, company.id, validateScenario(CAREFUL, null));
      app = testServer(database);
      credit = await signInAs(app, database.db, 'credit@seller.example', 'credit_manager');
      marie = await signInAs(app, database.db, 'marie@seller.example', 'collector', 'Marie Martin');
      sam = await signInAs(app, database.db, 'sam@seller.example', 'sales', 'Sam Sales');
      viewer = await signInAs(app, database.db, 'viewer@seller.example', 'viewer');
    });
    after(async () => {
      await app?.close();
      await database?.close();
    });

    it('previews a run: the plan with counts by step, amounts and skip reasons; nothing stored', async () => {
      const r = await app.inject({
        method: 'POST',
        url: '/api/runs/preview',
        headers: credit.write,
        payload: { asOf: AS_OF },
      });
      assert.equal(r.statusCode, 200, r.body);
      const plan = r.json() as {
        dryRun: boolean;
        runId: number | null;
        actions: { customer: string; step: string; mode: string; overdueMinor: number }[];
        counts: { actions: number; actionsByStep: Record<string, number> };
        diff: { against: unknown };
      };
      assert.equal(plan.dryRun, true);
      assert.equal(plan.runId, null);
      assert.deepEqual(
        plan.actions.map((a) => [a.customer, a.step, a.mode, a.overdueMinor]),
        [
          ['K1', 'reminder', 'auto', 10000],
          ['K2', 'careful_reminder', 'confirm', 90000],
        ],
      );
      assert.deepEqual(plan.counts.actionsByStep, { reminder: 1, careful_reminder: 1 });
      assert.equal(plan.diff.against, null);
      const runs = await app.inject({ url: '/api/runs', headers: viewer.read });
      assert.deepEqual(runs.json(), { company: 'MAIN', runs: [] });
    });

    it('refuses a bad body, naming the field', async () => {
      const r = await app.inject({
        method: 'POST',
        url: '/api/runs',
        headers: credit.write,
        payload: { asOf: '10/03/2026', force: 'yes' },
      });
      assert.equal(r.statusCode, 400, r.body);
      const error = r.json().error as { code: string; issues: { field: string }[] };
      assert.equal(error.code, 'INVALID_INPUT');
      assert.deepEqual(error.issues.map((i) => i.field).sort(), ['body.asOf', 'body.force']);
      // The right shape, but no such day: refused before anything runs.
      const impossible = await app.inject({
        method: 'POST',
        url: '/api/runs/preview',
        headers: credit.write,
        payload: { asOf: '2026-02-30' },
      });
      assert.equal(impossible.statusCode, 400, impossible.body);
      assert.deepEqual(impossible.json().error.issues, [
        { field: 'asOf', value: '2026-02-30', expected: 'a valid date written YYYY-MM-DD' },
      ]);
    });

    it('lets only credit managers and admins run, preview and approve', async () => {
      for (const who of [marie, sam, viewer]) {
        for (const url of ['/api/runs', '/api/runs/preview']) {
          const r = await app.inject({ method: 'POST', url, headers: who.write, payload: {} });
          assert.equal(r.statusCode, 403, `${url}: ${r.body}`);
        }
        const a = await app.inject({
          method: 'POST',
          url: '/api/actions/approve',
          headers: who.write,
          payload: { ids: [1] },
        });
        assert.equal(a.statusCode, 403, a.body);
      }
      const anonymous = await app.inject({ method: 'POST', url: '/api/runs', payload: {} });
      assert.equal(anonymous.statusCode, 401);
      // A cookie without the CSRF token changes nothing.
      const csrf = await app.inject({
        method: 'POST',
        url: '/api/runs',
        headers: credit.read,
        payload: {},
      });
      assert.equal(csrf.statusCode, 403);
      assert.equal((csrf.json().error as { code: string }).code, 'CSRF');
    });

    it('runs for real, lists the history with its figures, and writes the audit log', async () => {
      const r = await app.inject({
        method: 'POST',
        url: '/api/runs',
        headers: credit.write,
        payload: { asOf: AS_OF },
      });
      assert.equal(r.statusCode, 200, r.body);
      const plan = r.json() as { runId: number; dryRun: boolean; counts: { actions: number } };
      assert.equal(plan.dryRun, false);
      assert.equal(plan.counts.actions, 2);
      runId = plan.runId;
      const history = await app.inject({ url: '/api/runs', headers: marie.read });
      assert.equal(history.statusCode, 200, history.body);
      const runs = (history.json() as { runs: Record<string, unknown>[] }).runs;
      assert.equal(runs.length, 1);
      assert.equal(runs[0]!.id, runId);
      assert.equal(runs[0]!.asOf, AS_OF);
      assert.equal(runs[0]!.status, 'done');
      assert.equal(runs[0]!.actions, 2);
      assert.equal(runs[0]!.customers, 3);
      assert.deepEqual(runs[0]!.actionsByState, {
        planned: 1,
        awaiting_approval: 1,
        approved: 0,
        cancelled: 0,
        done: 0,
      });
      const audit = await database.db
        .selectFrom('audit_log')
        .select(['action', 'target_id'])
        .where('action', '=', 'run.create')
        .execute();
      assert.deepEqual(audit, [{ action: 'run.create', target_id: String(runId) }]);
    });

    it("lists a run's actions, awaiting approval included; a collector sees their portfolio only", async () => {
      const all = await app.inject({ url: `/api/runs/${runId}/actions`, headers: viewer.read });
      assert.equal(all.statusCode, 200, all.body);
      assert.deepEqual(
        (all.json() as { actions: Action[] }).actions.map((a) => [a.customer, a.state]),
        [
          ['K1', 'planned'],
          ['K2', 'awaiting_approval'],
        ],
      );
      const mine = await app.inject({ url: `/api/runs/${runId}/actions`, headers: marie.read });
      assert.deepEqual(
        (mine.json() as { actions: Action[] }).actions.map((a) => a.customer),
        ['K1'],
      );
      const none = await app.inject({ url: '/api/runs/999999/actions', headers: viewer.read });
      assert.equal(none.statusCode, 404);
    });

    it('approves actions all or none, naming each id that cannot be approved', async () => {
      const actions = (
        (await app.inject({ url: `/api/runs/${runId}/actions`, headers: credit.read })).json() as {
          actions: Action[];
        }
      ).actions;
      const planned = actions.find((a) => a.customer === 'K1')!;
      const waiting = actions.find((a) => a.customer === 'K2')!;
      const bad = await app.inject({
        method: 'POST',
        url: '/api/actions/approve',
        headers: credit.write,
        payload: { ids: [waiting.id, planned.id, 999999] },
      });
      assert.equal(bad.statusCode, 400, bad.body);
      const issues = (bad.json().error as { issues: { value: string }[] }).issues;
      assert.deepEqual(issues.map((i) => i.value).sort(), [String(planned.id), '999999'].sort());
      const empty = await app.inject({
        method: 'POST',
        url: '/api/actions/approve',
        headers: credit.write,
        payload: { ids: [] },
      });
      assert.equal(empty.statusCode, 400);
      const ok = await app.inject({
        method: 'POST',
        url: '/api/actions/approve',
        headers: credit.write,
        payload: { ids: [waiting.id] },
      });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual(
        (ok.json() as { approved: Action[] }).approved.map((a) => [a.id, a.state]),
        [[waiting.id, 'approved']],
      );
      const audit = await database.db
        .selectFrom('audit_log')
        .select('detail')
        .where('action', '=', 'actions.approve')
        .executeTakeFirstOrThrow();
      const detail = typeof audit.detail === 'string' ? JSON.parse(audit.detail) : audit.detail;
      assert.deepEqual((detail as { ids: number[] }).ids, [waiting.id]);
    });

    it('documents the routes of runs, outbox, letters, documents, scenarios, users and the ledger', async () => {
      const r = await app.inject({ url: '/api/openapi.json' });
      assert.equal(r.statusCode, 200);
      const paths = Object.keys((r.json() as { paths: Record<string, unknown> }).paths);
      for (const path of [
        '/api/runs/preview',
        '/api/runs/{id}/actions',
        '/api/actions/approve',
        '/api/outbox/send',
        '/api/letters/batches/{id}/pdf',
        '/api/documents/{id}',
        '/api/scenarios/{code}',
        '/api/templates/preview',
        '/api/users/{id}',
        '/api/tokens/{id}',
        '/api/audit',
        '/api/ledger/items',
      ]) {
        assert.ok(paths.includes(path), path);
      }
    });

    it('answers 503 BUSY while another run holds the lock', async (t) => {
      // PGlite serves one session: a second run there waits its turn instead.
      if (database.backend !== 'postgres') return t.skip('one session on PGlite');
      await database.db.connection().execute(async (conn) => {
        const lock = sql`hashtext('relance.run.' || current_schema())`;
        await sql`select pg_advisory_lock(${lock}, ${companyId})`.execute(conn);
        try {
          const r = await app.inject({
            method: 'POST',
            url: '/api/runs',
            headers: credit.write,
            payload: { asOf: AS_OF },
          });
          assert.equal(r.statusCode, 503, r.body);
          assert.equal((r.json().error as { code: string }).code, 'BUSY');
        } finally {
          await sql`select pg_advisory_unlock(${lock}, ${companyId})`.execute(conn);
        }
      });
    });
  });
}
