import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { BACKENDS } from '../../../test/helpers/test-databases.ts';
import { eventsOf } from '../../../test/helpers/ledger-fixture.ts';
import type { Database } from '../../store/database.ts';
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

const URL = '/api/customers/K1/account-status';

for (const backend of BACKENDS) {
  describe(`API: account status set by hand (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let app: FastifyInstance;
    let team: Team;
    let today: string;

    before(async () => {
      database = await backend.open();
      await seedCollections(database);
      ({ app, team } = await openTeam(database));
      today = await companyDay(database);
    });
    after(async () => {
      await app?.close();
      await database?.close();
    });

    it('a collector blocks the account: event, audit row, credit status', async () => {
      const r = await send(app, team.marie, 'PUT', URL, {
        status: 'blocked',
        reason: 'cheque bounced',
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body, {
        customer: 'K1',
        status: 'blocked',
        previousStatus: 'active',
        reason: 'cheque bounced',
        asOf: today,
      });
      assert.equal(
        (await eventsOf(database, 'K1')).at(-1),
        'ACCOUNT_BLOCKED: account blocked for new orders by marie@seller.example: cheque bounced',
      );
      assert.deepEqual(await audits(database, 'customer.block'), [
        'customer:K1 by marie@seller.example',
      ]);
      const credit = await app.inject({
        url: '/api/customers/K1/credit-status',
        headers: team.sam.read,
      });
      const body = credit.json() as { mayTakeOrders: boolean; reason: { code: string } };
      assert.deepEqual([body.mayTakeOrders, body.reason.code], [false, 'ACCOUNT_BLOCKED']);
    });

    it('refuses bad input naming the field; nothing changes', async () => {
      const before = await writeCount(database);
      const cases: [unknown, string, string[]][] = [
        [{ status: 'on_hold', reason: 'x' }, 'INVALID_INPUT', ['body.status']],
        [{ reason: 'x' }, 'INVALID_INPUT', ['body.status']],
        [{ status: 'blocked', reason: '' }, 'INVALID_INPUT', ['body.reason']],
        [{ status: 'blocked', reason: 'again' }, 'INVALID_INPUT', ['status']],
        [{ status: 'litigation' }, 'INVALID_INPUT', ['reason']],
      ];
      for (const [payload, code, fields] of cases) {
        const r = await send(app, team.marie, 'PUT', URL, payload);
        assert.equal(r.status, 400, JSON.stringify(r.body));
        assertIssues(r.body, code, fields);
      }
      assert.equal(await writeCount(database), before);
      const excluded = await send(app, team.marie, 'POST', '/api/customers/K3/exclude', {
        reason: 'parent company pays',
      });
      assert.equal(excluded.status, 200);
      const afterExclusion = await writeCount(database);
      const r = await send(app, team.marie, 'PUT', '/api/customers/K3/account-status', {
        status: 'blocked',
        reason: 'x',
      });
      assertIssues(r.body, 'INVALID_INPUT', ['customer']);
      assert.match(r.body.error.message, /K3/);
      assert.equal(await writeCount(database), afterExclusion);
    });

    it('a credit manager hands over to litigation, then releases without a reason', async () => {
      const handed = await send(app, team.manager, 'PUT', URL, {
        status: 'litigation',
        reason: 'agency Dupont',
      });
      assert.deepEqual(
        [handed.status, handed.body.status, handed.body.previousStatus],
        [200, 'litigation', 'blocked'],
      );
      const released = await send(app, team.admin, 'PUT', URL, { status: 'active' });
      assert.deepEqual(
        [released.status, released.body.previousStatus, released.body.reason],
        [200, 'litigation', null],
      );
      assert.deepEqual((await eventsOf(database, 'K1')).slice(-2), [
        'ACCOUNT_LITIGATION: account handed over to litigation by manager@seller.example (was blocked): agency Dupont',
        'ACCOUNT_RELEASED: account released by hand by admin@seller.example (was in litigation): takes new orders again',
      ]);
      assert.deepEqual(await audits(database, 'customer.litigation'), [
        'customer:K1 by manager@seller.example',
      ]);
      assert.deepEqual(await audits(database, 'customer.release'), [
        'customer:K1 by admin@seller.example',
      ]);
    });

    it('other portfolio 404, sales and viewer 403, no CSRF token 403: nothing changes', async () => {
      const before = await writeCount(database);
      const body = { status: 'blocked', reason: 'x' };
      for (const [who, status] of [
        ['stefan', 404],
        ['sam', 403],
        ['viewer', 403],
      ] as const) {
        const r = await send(app, team[who], 'PUT', URL, body);
        assert.equal(r.status, status, `${who}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.error.code, status === 404 ? 'NOT_FOUND' : 'FORBIDDEN');
      }
      const unknown = await send(
        app,
        team.admin,
        'PUT',
        '/api/customers/NOPE/account-status',
        body,
      );
      assert.equal(unknown.status, 404);
      const csrf = await send(app, team.admin.read, 'PUT', URL, body);
      assert.equal(csrf.body.error?.code, 'CSRF');
      assert.equal(await writeCount(database), before);
    });

    it('is in the OpenAPI document, tagged customers', async () => {
      const spec = (await app.inject({ url: '/api/openapi.json' })).json() as {
        paths: Record<string, Record<string, { tags?: string[] }>>;
      };
      assert.deepEqual(spec.paths['/api/customers/{code}/account-status']?.put?.tags, [
        'customers',
      ]);
    });
  });
}
