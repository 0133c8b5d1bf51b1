import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { csv } from '../../test/helpers/files.ts';
import { NOW, seedLedger } from '../../test/helpers/ledger-fixture.ts';
import {
  startReceiver,
  type Receiver,
  type ReceivedRequest,
} from '../../test/helpers/http-receiver.ts';
import type { Database } from '../store/database.ts';
import { AppError } from '../core/errors.ts';
import { resolveCompany } from '../store/companies.ts';
import { recordEvents } from '../ledger/ledger-context.ts';
import { openDispute } from '../ledger/open-dispute.ts';
import { resolveDispute } from '../ledger/resolve-dispute.ts';
import { addEndpoint, listEndpoints, removeEndpoint } from './endpoints.ts';
import { enqueueWebhooks } from './enqueue.ts';
import { deliverWebhooks, type DeliverWebhooksOptions } from './deliver.ts';
import { listDeliveries } from './delivery-log.ts';
import { verifySignature } from './signature.ts';

const CUSTOMERS = csv(
  'code,name,country,language,currency',
  'C1,Un SARL,FR,fr,EUR',
  'C2,Zwei GmbH,DE,de,EUR',
);
const ITEMS = csv(
  'customer,number,type,issue_date,due_date,currency,amount,open_amount',
  'C1,F1,invoice,2026-01-01,2026-02-01,EUR,100.00,100.00',
  'C1,F2,invoice,2026-01-01,2026-02-01,EUR,50.00,50.00',
  'C2,G1,invoice,2026-01-01,2026-02-01,EUR,10.00,10.00',
);

interface Payload {
  id: string;
  type: string;
  occurredAt: string;
  company: string;
  customer: { code: string; name: string };
  data: { code: string; detail: string; asOf: string; item: string | null };
}

for (const backend of BACKENDS) {
  describe(`webhooks (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let receiver: Receiver;
    let companyId: number;
    let clock = NOW;
    /** Secrets by path: the receiver checks every request it gets. */
    const secrets = new Map<string, string>();
    const badSignatures: ReceivedRequest[] = [];
    let failFirst = new Set<string>();
    const received = (path: string) =>
      receiver.requests.filter((r) => r.path === path && !failed.has(r));
    const failed = new Set<ReceivedRequest>();
    const eventIds = (path: string) =>
      received(path)
        .map((r) => String(r.headers['relance-event-id']))
        .sort();
    const deliver = (over: Partial<DeliverWebhooksOptions> = {}) =>
      deliverWebhooks(database.db, { now: () => clock, random: () => 0, timeoutMs: 1000, ...over });
    const event = (customerId: number, code: string, detail: string) =>
      recordEvents(database.db, [{ companyId, customerId, asOf: '2026-03-10', code, detail }]);
    const customerId = async (code: string) =>
      (
        await database.db
          .selectFrom('customers')
          .select('id')
          .where('code', '=', code)
          .executeTakeFirstOrThrow()
      ).id;

    before(async () => {
      database = await backend.open();
      await seedLedger(database, CUSTOMERS, ITEMS);
      companyId = (await resolveCompany(database.db, undefined)).id;
      receiver = await startReceiver();
      receiver.answer((r) => {
        const secret = secrets.get(r.path) ?? '';
        if (!verifySignature(secret, r.headers['relance-signature'] as string, r.body, clock)) {
          badSignatures.push(r);
          return { status: 400, body: 'bad signature' };
        }
        const id = String(r.headers['relance-event-id']);
        if (failFirst.has(id)) {
          failFirst.delete(id);
          failed.add(r);
          return { status: 500, body: 'database down\n  try later' };
        }
        if (r.path === '/slow') return { status: 200, delayMs: 3000 };
        return { status: 204 };
      });
    });
    after(async () => {
      await receiver?.close();
      await database?.close();
    });

    it('adds endpoints: a generated secret shown once, masked in the list; bad input refused at once', async () => {
      await event(await customerId('C1'), 'ACCOUNT_HELD', 'before any endpoint: never sent');
      const a = await addEndpoint(database.db, {
        url: `${receiver.url}/a`,
        events: 'dispute.opened,account.held',
        secret: 'a-secret-of-enough-length',
      });
      assert.equal(a.generatedSecret, undefined);
      assert.equal(a.endpoint.secret, '********ngth');
      secrets.set('/a', 'a-secret-of-enough-length');
      const b = await addEndpoint(database.db, { url: `${receiver.url}/b`, events: ['*'] });
      assert.match(b.generatedSecret!, /^whsec_[A-Za-z0-9_-]{32}$/);
      secrets.set('/b', b.generatedSecret!);
      const list = await listEndpoints(database.db, {});
      assert.deepEqual(
        list.map((e) => [e.url, e.events, e.secret]),
        [
          [`${receiver.url}/a`, ['dispute.opened', 'account.held'], '********ngth'],
          [`${receiver.url}/b`, ['*'], `********${b.generatedSecret!.slice(-4)}`],
        ],
      );
      assert.ok(!JSON.stringify(list).includes(b.generatedSecret!));
      await assert.rejects(
        addEndpoint(database.db, {
          url: 'ftp://x',
          events: 'account.hold,dispute.opened',
          secret: 'short',
        }),
        (e: unknown) => {
          assert.ok(e instanceof AppError && e.code === 'INVALID_INPUT');
          assert.deepEqual(
            e.problems.map((p) => `${p.field}: ${p.value}`),
            ['url: ftp://x', 'events: account.hold', 'secret: (5 characters)'],
          );
          assert.ok(!JSON.stringify(e.problems).includes('short'));
          return true;
        },
      );
      assert.equal((await listEndpoints(database.db, {})).length, 2);
    });

    it('delivers each subscribed event once per endpoint, signed, with the documented body', async () => {
      await openDispute(database.db, { item: 'F1', reason: 'damaged', now: NOW });
      await event(await customerId('C2'), 'ACCOUNT_HELD', 'held by the formal notice');
      await event(await customerId('C2'), 'PLANNED', 'not a webhook event');
      await resolveDispute(database.db, { item: 'F1', now: NOW });
      assert.deepEqual(await enqueueWebhooks(database.db, companyId, { now: clock }), {
        enqueued: 5,
      });
      assert.deepEqual(await enqueueWebhooks(database.db, companyId, { now: clock }), {
        enqueued: 0,
      });
      const report = await deliver();
      assert.deepEqual(report, { attempted: 5, delivered: 5, retried: 0, failed: 0 });
      assert.deepEqual(badSignatures, []);
      assert.equal(received('/a').length, 2);
      assert.equal(received('/b').length, 3);
      const bodies = received('/b').map((r) => JSON.parse(r.body.toString('utf8')) as Payload);
      assert.deepEqual(
        bodies.map((p) => p.type),
        ['dispute.opened', 'account.held', 'dispute.resolved'].sort(
          (x, y) => bodies.findIndex((p) => p.type === x) - bodies.findIndex((p) => p.type === y),
        ),
      );
      const opened = bodies.find((p) => p.type === 'dispute.opened')!;
      assert.deepEqual(
        { ...opened, occurredAt: undefined },
        {
          id: opened.id,
          type: 'dispute.opened',
          occurredAt: undefined,
          company: 'MAIN',
          customer: { code: 'C1', name: 'Un SARL' },
          data: {
            code: 'DISPUTE_OPENED',
            detail: 'F1 disputed: damaged',
            asOf: '2026-03-10',
            currency: 'EUR',
            item: 'F1',
            step: null,
            actionId: null,
          },
        },
      );
      assert.match(opened.id, /^evt_\d+$/);
      assert.ok(!Number.isNaN(Date.parse(opened.occurredAt)));
      const request = received('/b')[0]!;
      assert.equal(request.headers['relance-event-id'], JSON.parse(request.body.toString()).id);
      assert.equal(request.headers['content-type'], 'application/json');
      // The same event has the same id at every endpoint.
      assert.deepEqual(
        eventIds('/a'),
        eventIds('/b').filter((id) =>
          received('/a').some((r) => r.headers['relance-event-id'] === id),
        ),
      );
      const log = await listDeliveries(database.db, { state: 'delivered' });
      assert.equal(log.length, 5);
      assert.deepEqual([log[0]?.attempts, log[0]?.lastStatus, log[0]?.lastError], [1, 204, null]);
      assert.deepEqual(await deliver(), { attempted: 0, delivered: 0, retried: 0, failed: 0 });
    });

    it('a tampered body or an old timestamp fails verification', () => {
      const request = received('/b')[0]!;
      const header = request.headers['relance-signature'] as string;
      assert.equal(verifySignature(secrets.get('/b')!, header, request.body, clock), true);
      const tampered = Buffer.from(request.body.toString().replace('"MAIN"', '"EVIL"'));
      assert.notDeepEqual(tampered, request.body);
      assert.equal(verifySignature(secrets.get('/b')!, header, tampered, clock), false);
      assert.equal(verifySignature(secrets.get('/a')!, header, request.body, clock), false);
      const later = new Date(clock.getTime() + 301_000);
      assert.equal(verifySignature(secrets.get('/b')!, header, request.body, later), false);
    });

    it('retries after a 500 with backoff, then delivers once', async () => {
      await event(await customerId('C1'), 'ACCOUNT_HELD', 'held again');
      await enqueueWebhooks(database.db, companyId, { now: clock });
      const [a, b] = await listDeliveries(database.db, { state: 'pending' });
      assert.ok(a && b);
      failFirst = new Set([a.eventId]);
      const first = await deliver();
      assert.deepEqual(first, { attempted: 2, delivered: 1, retried: 1, failed: 0 });
      const [pending] = await listDeliveries(database.db, { state: 'pending' });
      assert.deepEqual(
        [pending?.attempts, pending?.lastStatus, pending?.lastError],
        [1, 500, 'HTTP 500: database down try later'],
      );
      // random() = 0: exactly half of the 30 s base.
      assert.equal(pending?.nextAttemptAt, new Date(clock.getTime() + 15_000).toISOString());
      assert.deepEqual(await deliver(), { attempted: 0, delivered: 0, retried: 0, failed: 0 });
      clock = new Date(clock.getTime() + 15_000);
      assert.deepEqual(await deliver(), { attempted: 1, delivered: 1, retried: 0, failed: 0 });
      const path = new URL(a.url).pathname;
      const all = receiver.requests.filter(
        (r) => r.headers['relance-event-id'] === a.eventId && r.path === path,
      );
      assert.deepEqual(
        all.map((r) => [r.headers['relance-attempt'], r.body.equals(all[0]!.body), failed.has(r)]),
        [
          ['1', true, true],
          ['2', true, false],
        ],
      );
      assert.equal((await listDeliveries(database.db, { state: 'pending' })).length, 0);
    });

    it('never delivers twice when deliver runs twice or concurrently', async () => {
      const c1 = await customerId('C1');
      for (let i = 0; i < 12; i++) await event(c1, 'DISPUTE_OPENED', `dispute ${i}`);
      const enqueued = await Promise.all([
        enqueueWebhooks(database.db, companyId, { now: clock }),
        enqueueWebhooks(database.db, companyId, { now: clock }),
      ]);
      assert.equal(enqueued[0].enqueued + enqueued[1].enqueued, 24);
      const before = receiver.requests.length;
      const reports = await Promise.all([
        deliver({ concurrency: 3 }),
        deliver({ concurrency: 3 }),
        deliver({ concurrency: 2 }),
      ]);
      assert.equal(
        reports.reduce((n, r) => n + r.delivered, 0),
        24,
      );
      assert.deepEqual(await deliver(), { attempted: 0, delivered: 0, retried: 0, failed: 0 });
      const sent = receiver.requests.slice(before);
      assert.equal(sent.length, 24);
      for (const path of ['/a', '/b']) {
        const ids = eventIds(path);
        assert.equal(ids.length, new Set(ids).size, `${path} got an event twice`);
      }
      assert.deepEqual(badSignatures, []);
    });

    it('a claim left by a stopped process is retried once its lease ends', async () => {
      await event(await customerId('C2'), 'ACCOUNT_HELD', 'claimed then lost');
      await enqueueWebhooks(database.db, companyId, { now: clock });
      const lease = new Date(clock.getTime() + 61_000);
      // As if a process claimed both deliveries and died before recording anything.
      await database.db
        .updateTable('webhook_deliveries')
        .set({ attempts: 1, next_attempt_at: lease })
        .where('state', '=', 'pending')
        .execute();
      assert.equal((await deliver()).attempted, 0);
      clock = new Date(lease.getTime() + 1);
      assert.deepEqual(await deliver(), { attempted: 2, delivered: 2, retried: 0, failed: 0 });
      const [last] = await listDeliveries(database.db, {});
      assert.equal(last?.attempts, 2);
    });

    it('times out a slow endpoint and fails a delivery after the last attempt', async () => {
      const slow = await addEndpoint(database.db, {
        url: `${receiver.url}/slow`,
        events: 'account.released',
        secret: 'slow-secret-0123456789',
      });
      secrets.set('/slow', 'slow-secret-0123456789');
      await event(await customerId('C1'), 'ACCOUNT_RELEASED', 'released');
      assert.deepEqual(await enqueueWebhooks(database.db, companyId, { now: clock }), {
        enqueued: 2,
      });
      const first = await deliver({ timeoutMs: 200, maxAttempts: 2, companyId });
      assert.deepEqual(first, { attempted: 2, delivered: 1, retried: 1, failed: 0 });
      const [pending] = await listDeliveries(database.db, { state: 'pending' });
      assert.deepEqual(
        [pending?.endpointId, pending?.lastStatus, pending?.lastError],
        [slow.endpoint.id, null, 'timeout after 200 ms'],
      );
      clock = new Date(clock.getTime() + 60_000);
      const second = await deliver({ timeoutMs: 200, maxAttempts: 2 });
      assert.deepEqual(second, { attempted: 1, delivered: 0, retried: 0, failed: 1 });
      const [failedRow] = await listDeliveries(database.db, { state: 'failed' });
      assert.deepEqual([failedRow?.attempts, failedRow?.lastError], [2, 'timeout after 200 ms']);
    });

    it('a removed endpoint gets nothing more; its pending deliveries fail', async () => {
      const [a] = await listEndpoints(database.db, {});
      await event(await customerId('C1'), 'ACCOUNT_HELD', 'for a only');
      await enqueueWebhooks(database.db, companyId, { now: clock });
      const removed = await removeEndpoint(database.db, { id: a!.id });
      assert.equal(removed.id, a!.id);
      const log = await listDeliveries(database.db, { endpoint: a!.id, limit: 1 });
      assert.deepEqual([log[0]?.state, log[0]?.lastError], ['failed', 'endpoint removed']);
      await event(await customerId('C1'), 'ACCOUNT_HELD', 'after removal');
      await enqueueWebhooks(database.db, companyId, { now: clock });
      assert.equal(
        (await listDeliveries(database.db, { endpoint: a!.id, state: 'pending' })).length,
        0,
      );
      await assert.rejects(
        removeEndpoint(database.db, { id: a!.id }),
        (e: unknown) => e instanceof AppError && e.code === 'NOT_FOUND',
      );
      assert.deepEqual(
        (await listEndpoints(database.db, {})).map((e) => e.url),
        [`${receiver.url}/b`, `${receiver.url}/slow`],
      );
    });

    it(
      'an event committed after a later one is still delivered',
      { skip: backend.name === 'pglite' && 'one connection: no concurrent transactions' },
      async () => {
        const c2 = await customerId('C2');
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        let inserted!: () => void;
        const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
        const slowTransaction = database.db.transaction().execute(async (trx) => {
          await recordEvents(trx, [
            {
              companyId,
              customerId: c2,
              asOf: '2026-03-10',
              code: 'DISPUTE_OPENED',
              detail: 'committed late',
            },
          ]);
          inserted();
          await gate;
        });
        await insertedYet;
        await event(c2, 'DISPUTE_OPENED', 'committed first');
        await enqueueWebhooks(database.db, companyId, { now: clock });
        release();
        await slowTransaction;
        await enqueueWebhooks(database.db, companyId, { now: clock });
        const details = (
          await listDeliveries(database.db, {
            endpoint: (await listEndpoints(database.db, {}))[0]!.id,
            limit: 2,
          })
        )
          .map((d) => (d.payload as Payload).data.detail)
          .sort();
        assert.deepEqual(details, ['committed first', 'committed late']);
      },
    );
  });
}
