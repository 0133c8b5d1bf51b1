import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { BACKENDS } from '../../../test/helpers/test-databases.ts';
import type { Database } from '../../store/database.ts';
import type { SignedIn } from '../auth/api-auth.fixture.ts';
import {
  assertIssues,
  audits,
  companyDay,
  openTeam,
  seedCollections,
  send,
  writeCount,
  type Team,
} from './collections.fixture.ts';

interface TaskJson {
  id: number;
  customer: string;
  kind: string;
  state: string;
  assignee: string | null;
  outcome: string | null;
}

for (const backend of BACKENDS) {
  describe(`API: tasks (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let app: FastifyInstance;
    let team: Team;

    before(async () => {
      database = await backend.open();
      await seedCollections(database);
      ({ app, team } = await openTeam(database));
    });
    after(async () => {
      await app?.close();
      await database?.close();
    });

    const list = async (who: SignedIn, query = '') => {
      const r = await app.inject({ url: `/api/tasks${query}`, headers: who.read });
      assert.equal(r.statusCode, 200, r.body);
      return r.json() as { total: number; rows: TaskJson[] };
    };
    const names = (page: { rows: TaskJson[] }) =>
      page.rows.map((t) => `${t.customer} ${t.kind}`).sort();
    const find = async (customer: string, kind: string) => {
      const found = (await list(team.admin, '?state=all&pageSize=500')).rows.find(
        (t) => t.customer === customer && t.kind === kind,
      );
      assert.ok(found, `${customer} ${kind}`);
      return found;
    };

    it('lists the worklist by portfolio: collectors their customers, sales their escalations', async () => {
      const all = ['K1 call_task', 'K2 call_task', 'K3 handover', 'K3 notify_internal'];
      assert.deepEqual(names(await list(team.admin)), all);
      assert.deepEqual(names(await list(team.viewer)), all);
      assert.deepEqual(names(await list(team.marie)), [
        'K1 call_task',
        'K3 handover',
        'K3 notify_internal',
      ]);
      assert.deepEqual(names(await list(team.stefan)), ['K2 call_task']);
      assert.deepEqual(names(await list(team.sam)), ['K3 notify_internal']);
    });

    it('filters by kind, assignee, due date, state, and pages', async () => {
      assert.deepEqual(names(await list(team.admin, '?kind=call_task')), [
        'K1 call_task',
        'K2 call_task',
      ]);
      assert.deepEqual(names(await list(team.admin, '?assignee=stefan%20krause')), [
        'K2 call_task',
      ]);
      assert.equal((await list(team.admin, '?due_before=2026-01-01')).total, 0);
      assert.equal((await list(team.admin, '?state=done')).total, 0);
      const second = await list(team.admin, '?pageSize=3&page=2');
      assert.deepEqual([second.total, second.rows.length], [4, 1]);
      const bad = await app.inject({
        url: '/api/tasks?due_before=tomorrow&kind=visit',
        headers: team.admin.read,
      });
      assert.equal(bad.statusCode, 400);
      const body = bad.json() as Parameters<typeof assertIssues>[0];
      assertIssues(body, 'INVALID_INPUT', ['querystring.due_before', 'querystring.kind']);
      assert.ok(body.error.issues.some((i) => i.value === 'tomorrow'));
    });

    it('completes a call with a promise, in one transaction with its audit entry', async () => {
      const call = await find('K1', 'call_task');
      const date = await companyDay(database, 7);
      const r = await send(app, team.marie, 'POST', `/api/tasks/${call.id}/complete`, {
        outcome: 'promise',
        date,
        amount: '170.00',
        note: 'will pay everything',
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const result = r.body as unknown as {
        task: TaskJson;
        promise: { amountMinor: number; promisedDate: string };
        confirmationId: number;
      };
      assert.deepEqual([result.task.state, result.task.outcome], ['done', 'promise']);
      assert.deepEqual([result.promise.amountMinor, result.promise.promisedDate], [17000, date]);
      assert.ok(result.confirmationId > 0);
      assert.deepEqual(await audits(database, 'task.complete'), [
        `task:${call.id} by marie@seller.example`,
      ]);
      const again = await send(app, team.marie, 'POST', `/api/tasks/${call.id}/complete`, {
        outcome: 'no_answer',
      });
      assertIssues(again.body, 'INVALID_INPUT', ['id']);
    });

    it('refuses bad outcomes naming the field and value; nothing changes', async () => {
      const call = await find('K2', 'call_task');
      const before = await writeCount(database);
      const shape = await send(app, team.stefan, 'POST', `/api/tasks/${call.id}/complete`, {
        outcome: 'maybe',
        amount: 12,
      });
      assertIssues(shape.body, 'INVALID_INPUT', ['body.outcome', 'body.amount']);
      assert.ok(shape.body.error.issues.some((i) => i.value === 'maybe'));
      const rules = await send(app, team.stefan, 'POST', `/api/tasks/${call.id}/complete`, {
        outcome: 'paid_already',
        item: 'J1',
      });
      assertIssues(rules.body, 'INVALID_INPUT', ['item', 'note']);
      const missing = await send(app, team.admin, 'POST', '/api/tasks/999999/complete', {
        outcome: 'done',
      });
      assert.equal(missing.status, 404);
      const csrf = await send(app, team.stefan.read, 'POST', `/api/tasks/${call.id}/complete`, {
        outcome: 'no_answer',
      });
      assert.equal(csrf.body.error.code, 'CSRF');
      assert.equal(await writeCount(database), before);
    });

    it('checks role and portfolio: sales answer escalations only, others are hidden', async () => {
      const call = await find('K2', 'call_task');
      const handover = await find('K3', 'handover');
      const notice = await find('K3', 'notify_internal');
      const before = await writeCount(database);
      const hidden = await send(app, team.marie, 'POST', `/api/tasks/${call.id}/complete`, {
        outcome: 'no_answer',
      });
      assert.equal(hidden.status, 404);
      assert.match(hidden.body.error.message, new RegExp(`^no task #${call.id} in company`));
      for (const [who, id, status] of [
        [team.sam, call.id, 404],
        [team.sam, handover.id, 403],
        [team.viewer, notice.id, 403],
        [team.stefan, notice.id, 404],
      ] as const) {
        const r = await send(app, who, 'POST', `/api/tasks/${id}/complete`, { outcome: 'done' });
        assert.equal(r.status, status, JSON.stringify(r.body));
      }
      assert.equal(await writeCount(database), before);
      const answered = await send(app, team.sam, 'POST', `/api/tasks/${notice.id}/complete`, {
        outcome: 'done',
        note: 'told the customer we stop deliveries',
      });
      assert.equal(answered.status, 200, JSON.stringify(answered.body));
      const next = await send(app, team.stefan, 'POST', `/api/tasks/${call.id}/complete`, {
        outcome: 'no_answer',
      });
      assert.equal(next.status, 200, JSON.stringify(next.body));
      assert.equal((next.body.followUp as TaskJson).customer, 'K2');
      const done = await send(app, team.manager, 'POST', `/api/tasks/${handover.id}/complete`, {
        outcome: 'done',
      });
      assert.equal(done.status, 200);
    });
  });
}
