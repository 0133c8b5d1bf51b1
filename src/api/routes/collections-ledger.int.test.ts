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

for (const backend of BACKENDS) {
  describe(
    `API: disputes, holds, exclusion, notes (${backend.name})`,
    { skip: backend.skip },
    () => {
      let database: Database;
      let app: FastifyInstance;
      let team: Team;
      let later: string;

      before(async () => {
        database = await backend.open();
        await seedCollections(database);
        ({ app, team } = await openTeam(database));
        later = await companyDay(database, 30);
      });
      after(async () => {
        await app?.close();
        await database?.close();
      });

      it('opens and resolves a dispute on an item of the customer', async () => {
        const opened = await send(app, team.marie, 'POST', '/api/customers/K1/disputes', {
          item: 'I1',
          reason: 'goods damaged',
        });
        assert.equal(opened.status, 201, JSON.stringify(opened.body));
        assert.deepEqual(opened.body, {
          customer: 'K1',
          item: 'I1',
          currency: 'EUR',
          openMinor: 10000,
          disputed: true,
          disputeReason: 'goods damaged',
        });
        const resolved = await send(
          app,
          team.manager,
          'POST',
          '/api/customers/K1/disputes/I1/resolve',
          {
            reason: 'credit note agreed',
          },
        );
        assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
        assert.equal(resolved.body.disputed, false);
        assert.deepEqual((await eventsOf(database, 'K1')).slice(-2), [
          'DISPUTE_OPENED: I1 disputed: goods damaged',
          'DISPUTE_RESOLVED: dispute on I1 resolved: credit note agreed (was: goods damaged)',
        ]);
        assert.deepEqual(await audits(database, 'dispute.open'), [
          'item:I1 by marie@seller.example',
        ]);
        // Another customer's item through this customer's path: 404, nothing changes.
        const before = await writeCount(database);
        const other = await send(app, team.marie, 'POST', '/api/customers/K1/disputes', {
          item: 'J1',
          reason: 'x',
        });
        assert.equal(other.status, 404);
        assertIssues(other.body, 'NOT_FOUND', ['item']);
        const twice = await send(
          app,
          team.marie,
          'POST',
          '/api/customers/K1/disputes/I1/resolve',
          {},
        );
        assertIssues(twice.body, 'INVALID_INPUT', ['item']);
        const empty = await send(app, team.marie, 'POST', '/api/customers/K1/disputes', {
          item: 'I2',
          reason: '',
        });
        assertIssues(empty.body, 'INVALID_INPUT', ['body.reason']);
        assert.equal(await writeCount(database), before);
      });

      it('pauses and releases dunning of one item or of the whole customer', async () => {
        const item = await send(app, team.marie, 'POST', '/api/customers/K1/holds', {
          item: 'I2',
          until: later,
          reason: 'waiting for the delivery note',
        });
        assert.equal(item.status, 201, JSON.stringify(item.body));
        assert.deepEqual(item.body, {
          target: 'item',
          customer: 'K1',
          item: 'I2',
          holdUntil: later,
          holdReason: 'waiting for the delivery note',
        });
        const whole = await send(app, team.admin, 'POST', '/api/customers/K1/holds', {
          until: later,
          reason: 'negotiation',
        });
        assert.equal(whole.status, 201);
        assert.deepEqual([whole.body.target, whole.body.item], ['customer', null]);
        const released = await send(app, team.marie, 'POST', '/api/customers/K1/holds/release', {
          item: 'I2',
        });
        assert.equal(released.status, 200, JSON.stringify(released.body));
        assert.equal(released.body.holdUntil, null);
        const customer = await send(app, team.marie, 'POST', '/api/customers/K1/holds/release', {});
        assert.deepEqual([customer.status, customer.body.target], [200, 'customer']);
        const none = await send(app, team.marie, 'POST', '/api/customers/K1/holds/release', {});
        assertIssues(none.body, 'INVALID_INPUT', ['target']);
        const bad = await send(app, team.marie, 'POST', '/api/customers/K1/holds', {
          until: '2020-01-01',
          reason: 'late',
        });
        assertIssues(bad.body, 'INVALID_INPUT', ['until']);
        const noDate = await send(app, team.marie, 'POST', '/api/customers/K1/holds', {
          reason: 'late',
        });
        assertIssues(noDate.body, 'INVALID_INPUT', ['body.until']);
        assert.equal((await audits(database, 'hold.place')).length, 2);
        assert.equal((await audits(database, 'hold.release')).length, 2);
      });

      it('excludes and includes a customer', async () => {
        const out = await send(app, team.marie, 'POST', '/api/customers/K3/exclude', {
          reason: 'in litigation',
        });
        assert.equal(out.status, 200, JSON.stringify(out.body));
        assert.deepEqual(out.body, {
          customer: 'K3',
          status: 'excluded',
          previousStatus: 'active',
        });
        const again = await send(app, team.marie, 'POST', '/api/customers/K3/exclude', {
          reason: 'twice',
        });
        assertIssues(again.body, 'INVALID_INPUT', ['customer']);
        const noReason = await send(app, team.marie, 'POST', '/api/customers/K1/exclude', {});
        assertIssues(noReason.body, 'INVALID_INPUT', ['body.reason']);
        const back = await send(app, team.manager, 'POST', '/api/customers/K3/include', {});
        assert.deepEqual(back.body, {
          customer: 'K3',
          status: 'active',
          previousStatus: 'excluded',
        });
        assert.deepEqual(await audits(database, 'customer.include'), [
          'customer:K3 by manager@seller.example',
        ]);
      });

      it('adds notes (sales too, on their customers) that show in the timeline', async () => {
        const r = await send(app, team.sam, 'POST', '/api/customers/K1/notes', {
          text: 'Met them at the fair: payment run next week',
        });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        assert.equal(
          r.body.detail,
          'sam@seller.example: Met them at the fair: payment run next week',
        );
        const timeline = await app.inject({
          url: '/api/customers/K1/timeline?limit=1',
          headers: team.sam.read,
        });
        const entry = (timeline.json() as { entries: { id: number; code: string }[] }).entries[0];
        assert.deepEqual([entry?.id, entry?.code], [r.body.id, 'NOTE_ADDED']);
        const long = await send(app, team.sam, 'POST', '/api/customers/K1/notes', {
          text: 'x'.repeat(5001),
        });
        assertIssues(long.body, 'INVALID_INPUT', ['body.text']);
        const blank = await send(app, team.sam, 'POST', '/api/customers/K1/notes', { text: '  ' });
        assertIssues(blank.body, 'INVALID_INPUT', ['text']);
        assert.equal(
          (await send(app, team.sam, 'POST', '/api/customers/K2/notes', { text: 'x' })).status,
          404,
        );
        assert.equal(
          (await send(app, team.viewer, 'POST', '/api/customers/K1/notes', { text: 'x' })).status,
          403,
        );
      });

      it("sets a customer's scenario override and collector", async () => {
        const r = await send(app, team.manager, 'PATCH', '/api/customers/K2', {
          scenario: 'key_accounts',
          collector: 'Stefan Krause',
        });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.deepEqual(r.body, {
          customer: 'K2',
          scenario: 'key_accounts',
          collector: 'Stefan Krause',
          changed: ['scenario'],
        });
        const unknown = await send(app, team.manager, 'PATCH', '/api/customers/K2', {
          scenario: 'nope',
        });
        assertIssues(unknown.body, 'INVALID_INPUT', ['scenario']);
        assert.match(unknown.body.error.issues[0]!.value ?? '', /nope/);
        const nothing = await send(app, team.manager, 'PATCH', '/api/customers/K2', {});
        assertIssues(nothing.body, 'INVALID_INPUT', ['body']);
        const back = await send(app, team.stefan, 'PATCH', '/api/customers/K2', { scenario: null });
        assert.deepEqual([back.status, back.body.scenario], [200, null]);
        assert.deepEqual((await eventsOf(database, 'K2')).slice(-2), [
          'CUSTOMER_UPDATED: K2: scenario calls → key_accounts',
          'CUSTOMER_UPDATED: K2: scenario key_accounts → (none)',
        ]);
      });

      it('refuses every write of the matrix: other portfolio 404, sales and viewer 403, no CSRF 403', async () => {
        const writes: ['POST' | 'PATCH', string, unknown][] = [
          ['POST', '/api/customers/K1/promises', { date: later, amount: '1.00' }],
          ['POST', '/api/customers/K1/disputes', { item: 'I3', reason: 'x' }],
          ['POST', '/api/customers/K1/disputes/I3/resolve', {}],
          ['POST', '/api/customers/K1/holds', { until: later, reason: 'x' }],
          ['POST', '/api/customers/K1/holds/release', {}],
          ['POST', '/api/customers/K1/exclude', { reason: 'x' }],
          ['POST', '/api/customers/K1/include', {}],
          ['PATCH', '/api/customers/K1', { collector: 'Me' }],
        ];
        const before = await writeCount(database);
        for (const [method, url, body] of writes) {
          const expect: [string, number][] = [
            ['stefan', 404],
            ['sam', 403],
            ['viewer', 403],
          ];
          for (const [who, status] of expect) {
            const r = await send(app, team[who as keyof Team], method, url, body);
            assert.equal(r.status, status, `${who} ${method} ${url}: ${JSON.stringify(r.body)}`);
            assert.equal(r.body.error.code, status === 404 ? 'NOT_FOUND' : 'FORBIDDEN');
          }
          const csrf = await send(app, team.admin.read, method, url, body);
          assert.equal(csrf.body.error?.code, 'CSRF', `${method} ${url}`);
        }
        const note = await send(app, team.stefan, 'POST', '/api/customers/K1/notes', { text: 'x' });
        assert.equal(note.status, 404);
        assert.equal(await writeCount(database), before);
      });

      it('documents every route in the OpenAPI document, with its tag', async () => {
        const spec = (await app.inject({ url: '/api/openapi.json' })).json() as {
          paths: Record<string, Record<string, { tags?: string[] }>>;
        };
        const expected: [string, string, string][] = [
          ['/api/customers/{code}/promises', 'get', 'promises'],
          ['/api/customers/{code}/promises', 'post', 'promises'],
          ['/api/promises/{id}/cancel', 'post', 'promises'],
          ['/api/customers/{code}/disputes', 'post', 'disputes'],
          ['/api/customers/{code}/disputes/{item}/resolve', 'post', 'disputes'],
          ['/api/customers/{code}/holds', 'post', 'holds'],
          ['/api/customers/{code}/holds/release', 'post', 'holds'],
          ['/api/customers/{code}/exclude', 'post', 'customers'],
          ['/api/customers/{code}/include', 'post', 'customers'],
          ['/api/customers/{code}', 'patch', 'customers'],
          ['/api/customers/{code}/notes', 'post', 'notes'],
          ['/api/tasks', 'get', 'tasks'],
          ['/api/tasks/{id}/complete', 'post', 'tasks'],
        ];
        for (const [path, method, tag] of expected) {
          assert.deepEqual(spec.paths[path]?.[method]?.tags, [tag], `${method} ${path}`);
        }
      });
    },
  );
}
