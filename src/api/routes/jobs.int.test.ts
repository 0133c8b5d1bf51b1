import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { BACKENDS } from '../../../test/helpers/test-databases.ts';
import { csv } from '../../../test/helpers/files.ts';
import type { Database } from '../../store/database.ts';
import { importCsv } from '../../delivery/delivery.fixture.ts';
import { JobTracker } from '../../jobs/job-tracker.ts';
import type { Principal } from '../../core/auth/principal.ts';
import { signInAs, testServer, type SignedIn } from '../auth/api-auth.fixture.ts';
import { FOLLOW_HEADER } from './jobs.ts';

const AS_OF = '2026-03-10';
const CUSTOMERS = csv(
  'code,name,country,language,currency,email,collector',
  'J1,Juliet SARL,FR,fr,EUR,ap@juliet.example,Marie Martin',
  'J2,Kilo GmbH,DE,de,EUR,ap@kilo.example,Marie Martin',
);
const ITEMS = csv(
  'customer,number,type,issue_date,due_date,currency,amount,open_amount',
  'J1,JI1,invoice,2026-02-01,2026-03-03,EUR,100.00,100.00',
  'J2,JI2,invoice,2026-02-01,2026-03-03,EUR,250.50,250.50',
);

interface Job {
  id: number;
  kind: string;
  state: string;
  phase: string;
  done: number;
  total: number | null;
  percent: number | null;
  params: Record<string, unknown>;
  result: Record<string, unknown> | null;
  error: { code: string; message: string; problems: { row?: number; field: string }[] } | null;
  startedBy: string | null;
}

/** Reads server-sent events from a real connection until `end` (or the time-out). */
async function readEvents(
  url: string,
  headers: Record<string, string>,
  onEvent?: (name: string, data: unknown) => void,
): Promise<{ name: string; data: Record<string, unknown> }[]> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(20_000) });
  if (response.status !== 200) assert.fail(`${response.status}: ${await response.text()}`);
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  const events: { name: string; data: Record<string, unknown> }[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const name = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (name === undefined || data === undefined) continue;
      const parsed = JSON.parse(data) as Record<string, unknown>;
      events.push({ name, data: parsed });
      onEvent?.(name, parsed);
      if (name === 'end') return events;
    }
  }
  return events;
}

for (const backend of BACKENDS) {
  describe(
    `API: jobs — imports and runs followed (${backend.name})`,
    { skip: backend.skip },
    () => {
      let database: Database;
      let tracker: JobTracker;
      let app: FastifyInstance;
      let base = '';
      let credit: SignedIn;
      let marie: SignedIn;
      let viewer: SignedIn;
      let companyId = 0;

      before(async () => {
        database = await backend.open();
        await importCsv(database, 'customers', CUSTOMERS);
        companyId = (
          await database.db.selectFrom('companies').select('id').executeTakeFirstOrThrow()
        ).id;
        tracker = new JobTracker(database, { sendEveryMs: 0 });
        app = testServer(database, { jobs: tracker });
        base = await app.listen({ host: '127.0.0.1', port: 0 });
        credit = await signInAs(app, database.db, 'credit@seller.example', 'credit_manager');
        marie = await signInAs(
          app,
          database.db,
          'marie@seller.example',
          'collector',
          'Marie Martin',
        );
        viewer = await signInAs(app, database.db, 'viewer@seller.example', 'viewer');
      });
      after(async () => {
        await app?.close();
        await database?.close();
      });

      const getJob = async (id: number, who = credit): Promise<Job> => {
        const r = await app.inject({ method: 'GET', url: `/api/jobs/${id}`, headers: who.read });
        assert.equal(r.statusCode, 200, r.body);
        return r.json() as Job;
      };

      it('imports an uploaded CSV in the background: 202 at once, then its report', async () => {
        const r = await app.inject({
          method: 'POST',
          url: '/api/jobs/import?kind=items&fileName=open-items.csv',
          headers: { ...credit.write, 'content-type': 'text/csv' },
          payload: ITEMS,
        });
        assert.equal(r.statusCode, 202, r.body);
        const started = r.json() as { job: Job; followToken: string };
        assert.equal(started.job.kind, 'import');
        assert.equal(started.job.startedBy, 'credit@seller.example');
        assert.deepEqual(
          { file: started.job.params.file, rows: started.job.params.rows },
          { file: 'open-items.csv', rows: 2 },
        );
        assert.match(started.followToken, /^[A-Za-z0-9_-]{32}$/);
        await tracker.idle();
        const job = await getJob(started.job.id);
        assert.equal(job.state, 'done', JSON.stringify(job.error));
        assert.equal(job.percent, 100);
        assert.equal(job.result?.inserted, 2);
        assert.equal(job.result?.kind, 'items');
        const items = await database.db.selectFrom('items').select('number').execute();
        assert.deepEqual(items.map((i) => i.number).sort(), ['JI1', 'JI2']);
        // Following an ended job sends its end at once.
        const events = await readEvents(`${base}/api/jobs/${job.id}/events`, credit.read);
        assert.deepEqual(
          events.map((e) => e.name),
          ['end'],
        );
        assert.equal(events[0]?.data.state, 'done');
        const audit = await database.db
          .selectFrom('audit_log')
          .select(['action', 'target_id'])
          .where('action', '=', 'import.start')
          .execute();
        assert.deepEqual(audit, [{ action: 'import.start', target_id: String(job.id) }]);
      });

      it('a file with wrong rows fails the job with every problem, and changes nothing', async () => {
        const before = await database.db.selectFrom('items').select('id').execute();
        const r = await app.inject({
          method: 'POST',
          url: '/api/jobs/import?kind=items&fileName=bad.csv',
          headers: { ...credit.write, 'content-type': 'text/csv' },
          payload: csv(
            'customer,number,type,issue_date,due_date,currency,amount,open_amount',
            'J1,B1,invoice,2026-02-01,2026-13-03,EUR,100.00,100.00',
            'NOBODY,B2,invoice,2026-02-01,2026-03-03,EUR,1.00,1.00',
          ),
        });
        assert.equal(r.statusCode, 202, r.body);
        await tracker.idle();
        const job = await getJob((r.json() as { job: Job }).job.id);
        assert.equal(job.state, 'failed');
        assert.equal(job.error?.code, 'INVALID_INPUT');
        assert.deepEqual(
          job.error?.problems.map((p) => [p.row, p.field]),
          [
            [2, 'due_date'],
            [3, 'customer'],
          ],
        );
        assert.equal(
          (await database.db.selectFrom('items').select('id').execute()).length,
          before.length,
        );
      });

      it('refuses an upload it cannot read at once (400, no job), and the wrong roles', async () => {
        const jobsBefore = await database.db.selectFrom('jobs').select('id').execute();
        const latin1 = await app.inject({
          method: 'POST',
          url: '/api/jobs/import?kind=customers&fileName=latin1.csv',
          headers: { ...credit.write, 'content-type': 'text/csv' },
          payload: Buffer.from('code,name\nJ9,Soci\xe9t\xe9\n', 'latin1'),
        });
        assert.equal(latin1.statusCode, 400, latin1.body);
        assert.equal((latin1.json() as { error: { code: string } }).error.code, 'INVALID_FILE');
        const empty = await app.inject({
          method: 'POST',
          url: '/api/jobs/import?kind=customers',
          headers: { ...credit.write, 'content-type': 'text/csv' },
          payload: '',
        });
        assert.equal(empty.statusCode, 400, empty.body);
        const kind = await app.inject({
          method: 'POST',
          url: '/api/jobs/import?kind=invoices',
          headers: { ...credit.write, 'content-type': 'text/csv' },
          payload: ITEMS,
        });
        assert.equal(kind.statusCode, 400);
        assert.match(kind.body, /querystring\.kind/);
        const snapshot = await app.inject({
          method: 'POST',
          url: '/api/jobs/import?kind=customers&snapshot=true',
          headers: { ...credit.write, 'content-type': 'text/csv' },
          payload: CUSTOMERS,
        });
        assert.equal(snapshot.statusCode, 400);
        const collector = await app.inject({
          method: 'POST',
          url: '/api/jobs/import?kind=items',
          headers: { ...marie.write, 'content-type': 'text/csv' },
          payload: ITEMS,
        });
        assert.equal(collector.statusCode, 403);
        const noCsrf = await app.inject({
          method: 'POST',
          url: '/api/jobs/run',
          headers: credit.read,
          payload: {},
        });
        assert.equal(noCsrf.statusCode, 403);
        const impossible = await app.inject({
          method: 'POST',
          url: '/api/jobs/run',
          headers: credit.write,
          payload: { asOf: '2026-02-30' },
        });
        assert.equal(impossible.statusCode, 400);
        const issue = (
          impossible.json() as {
            error: { issues: { field: string; value: string; expected: string }[] };
          }
        ).error.issues[0];
        assert.deepEqual(issue, {
          field: 'asOf',
          value: '2026-02-30',
          expected: 'a valid date written YYYY-MM-DD',
        });
        assert.deepEqual(await database.db.selectFrom('jobs').select('id').execute(), jobsBefore);
        // A viewer sees no jobs, and may not ask for them by kind or id.
        const list = await app.inject({ method: 'GET', url: '/api/jobs', headers: viewer.read });
        assert.deepEqual((list.json() as { jobs: Job[] }).jobs, []);
        const runs = await app.inject({
          method: 'GET',
          url: '/api/jobs?kind=run',
          headers: viewer.read,
        });
        assert.equal(runs.statusCode, 403);
        const one = await app.inject({
          method: 'GET',
          url: `/api/jobs/${jobsBefore[0]?.id ?? 1}`,
          headers: marie.read,
        });
        assert.equal(one.statusCode, 403);
        const missing = await app.inject({
          method: 'GET',
          url: '/api/jobs/999999',
          headers: credit.read,
        });
        assert.equal(missing.statusCode, 404);
        const anonymous = await app.inject({ method: 'GET', url: '/api/jobs/1/events' });
        assert.equal(anonymous.statusCode, 401);
      });

      it('runs the dunning as a job: the run, its figures and its phases', async () => {
        const r = await app.inject({
          method: 'POST',
          url: '/api/jobs/run',
          headers: credit.write,
          payload: { asOf: AS_OF, force: true },
        });
        assert.equal(r.statusCode, 202, r.body);
        const started = r.json() as { job: Job; followToken: string };
        const seen: string[] = [];
        const events = await readEvents(
          `${base}/api/jobs/${started.job.id}/events`,
          { [FOLLOW_HEADER]: started.followToken },
          (name, data) => seen.push(`${name}:${String((data as { phase?: string }).phase ?? '')}`),
        );
        const end = events.at(-1);
        assert.equal(end?.name, 'end');
        const job = end?.data as unknown as Job;
        assert.equal(job.state, 'done', JSON.stringify(job.error));
        assert.equal(job.result?.customers, 2);
        const runId = job.result?.runId as number;
        const run = await database.db
          .selectFrom('dunning_runs')
          .select(['status', 'as_of'])
          .where('id', '=', runId)
          .executeTakeFirstOrThrow();
        assert.equal(run.status, 'done');
        // Whatever was sent before the end came in phase order.
        const order = ['start', 'recheck', 'plan', 'holds'];
        const phases = seen.filter((s) => s.startsWith('progress:')).map((s) => s.slice(9));
        assert.deepEqual(
          phases,
          [...phases].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
        );
        const list = await app.inject({
          method: 'GET',
          url: '/api/jobs?kind=run',
          headers: credit.read,
        });
        assert.equal((list.json() as { jobs: Job[] }).jobs[0]?.id, job.id);
      });

      it('streams progress as the work reports it, with the follow token, even while the database is busy', async () => {
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        let report!: (p: { phase: string; done: number; total: number | null }) => void;
        const reported = new Promise<void>((resolve) => {
          report = (p) => {
            reporter(p);
            resolve();
          };
        });
        let reporter: (p: { phase: string; done: number; total: number | null }) => void = () => {};
        const principal: Principal = {
          kind: 'session',
          userId: null,
          tokenId: null,
          label: 'test',
          role: 'credit_manager',
          portfolio: { kind: 'all' },
        };
        const started = await tracker.start(
          { companyId, kind: 'import', params: { file: 'slow.csv' }, principal },
          async (send) => {
            reporter = send;
            // Holds the database the way an import does (on PGlite: its only session).
            return database.db.transaction().execute(async () => {
              send({ phase: 'validate', done: 0, total: 3 });
              await gate;
              return { inserted: 3 };
            });
          },
        );
        const received: { name: string; data: Record<string, unknown> }[] = [];
        let firstProgress!: () => void;
        const gotProgress = new Promise<void>((resolve) => (firstProgress = resolve));
        const following = readEvents(
          `${base}/api/jobs/${started.id}/events`,
          { [FOLLOW_HEADER]: started.followToken },
          (name, data) => {
            received.push({ name, data: data as Record<string, unknown> });
            if (name === 'progress' && (data as { phase?: string }).phase === 'validate') {
              firstProgress();
            }
          },
        );
        await gotProgress;
        report({ phase: 'load', done: 2, total: 3 });
        await reported;
        release();
        const events = await following;
        assert.deepEqual(
          events
            .filter((e) => e.name === 'progress' && e.data.phase !== 'start')
            .map((e) => [e.data.phase, e.data.percent]),
          [
            ['validate', 0],
            ['load', 66],
          ],
        );
        assert.equal(events.at(-1)?.data.state, 'done');
        assert.deepEqual(events.at(-1)?.data.result, { inserted: 3 });
        // A wrong token is no token: the request needs a session like any other.
        const wrong = await fetch(`${base}/api/jobs/${started.id}/events`, {
          headers: { [FOLLOW_HEADER]: 'x'.repeat(32) },
        });
        assert.equal(wrong.status, 401);
      });

      it('marks failed, as interrupted, a job whose process stopped', async () => {
        const row = await database.db
          .insertInto('jobs')
          .values({ company_id: companyId, kind: 'run', params: '{}' })
          .returning('id')
          .executeTakeFirstOrThrow();
        // On the server, only a job without news for a while is taken as stopped.
        await database.db
          .updateTable('jobs')
          .set({ updated_at: new Date(Date.now() - 3_600_000) })
          .where('id', '=', row.id)
          .execute();
        const restarted = new JobTracker(database);
        await restarted.markInterrupted();
        const job = await getJob(row.id);
        assert.equal(job.state, 'failed');
        assert.equal(job.error?.code, 'INTERRUPTED');
      });
    },
  );
}
