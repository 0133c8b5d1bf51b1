import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { SmtpSink } from '../../test/helpers/smtp-sink.ts';
import { eventsOf } from '../../test/helpers/ledger-fixture.ts';
import { AppError } from '../core/errors.ts';
import type { Database } from '../store/database.ts';
import {
  Clock,
  DOMAIN,
  actions,
  composerWithPdf,
  manyCustomers,
  outbox,
  secondConnection,
  seed,
  testWorker,
  type TestWorker,
} from './delivery.fixture.ts';
import { claimNext } from './outbox-rows.ts';
import { enqueueActions } from './enqueue.ts';
import { cancelOutbox, confirmOutbox, listOutbox, retryOutbox } from './outbox-admin.ts';

const LEASE = 300_000;

for (const backend of BACKENDS) {
  describe(
    `delivery: crashes and concurrent workers (${backend.name})`,
    { skip: backend.skip },
    () => {
      let database: Database | undefined;
      let sink: SmtpSink | undefined;
      const workers: TestWorker[] = [];
      const extra: Database[] = [];

      afterEach(async () => {
        for (const w of workers.splice(0)) w.sender.close();
        await sink?.stop();
        for (const d of extra.splice(0)) await d.close();
        await database?.close();
        database = sink = undefined;
      });

      it('a row left in sending by a killed worker is never re-sent silently', async () => {
        database = await backend.open();
        const db = database;
        sink = await new SmtpSink().start();
        const clock = new Clock();
        const w = testWorker(db, () => sink!.url, clock);
        workers.push(w);
        await seed(db);
        const company = await db.db.selectFrom('companies').select('id').executeTakeFirstOrThrow();
        const queued = await enqueueActions(db.db, company.id, {
          domain: DOMAIN,
          now: clock.now(),
          channels: ['email'],
        });
        assert.equal(queued.rows, 2);

        // The "dead" worker claims both rows; the SMTP server accepts the first; then it dies.
        const first = await claimNext(db.db, {
          channels: ['email'],
          now: clock.now(),
          token: 'dead:1',
        });
        const second = await claimNext(db.db, {
          channels: ['email'],
          now: clock.now(),
          token: 'dead:2',
        });
        assert.ok(first && second);
        const email = await composerWithPdf()(db.db, first);
        await w.sender.send(first.company_id, { ...email, messageId: first.message_id });
        assert.equal(sink.received.length, 1);

        // Restarted within the lease: the rows are still 'sending', nothing is sent.
        const soon = await w.worker.drain();
        assert.deepEqual([soon.sent, soon.interrupted], [0, 0]);
        assert.deepEqual((await outbox(db)).slice(0, 2), [
          'C1 email sending 1',
          'C2 email sending 1',
        ]);
        // After the lease: 'unknown', surfaced in the timeline, still not sent again.
        clock.advance(LEASE + 1000);
        const later = await w.worker.drain();
        assert.deepEqual([later.sent, later.interrupted], [0, 2]);
        assert.deepEqual((await outbox(db)).slice(0, 2), [
          'C1 email unknown 1',
          'C2 email unknown 1',
        ]);
        assert.equal((await w.worker.drain()).sent, 0);
        assert.equal(sink.received.length, 1);
        const c1 = await eventsOf(db, 'C1');
        assert.ok(
          c1.some((e) => /^DELIVERY_INTERRUPTED: e-mail #\d+ .*may have been delivered/.test(e)),
        );
        const unknown = await listOutbox(db.db, { state: 'unknown' });
        assert.equal(unknown.rows.length, 2);

        // A person checks: the first went out (confirm), the second did not (retry).
        const confirmed = await confirmOutbox(db.db, {
          id: first.id,
          note: 'seen in the relay log',
          now: clock.now(),
        });
        assert.equal(confirmed.state, 'sent');
        assert.equal(confirmed.response, 'confirmed by a person: seen in the relay log');
        const retried = await retryOutbox(db.db, { id: second.id, now: clock.now() });
        assert.equal(retried.state, 'pending');
        assert.equal((await w.worker.drain()).sent, 1);
        const ids = await sink.messageIds();
        assert.deepEqual(ids.sort(), [first.message_id, second.message_id].sort());
        assert.deepEqual(await actions(db), ['C1 done', 'C2 done', 'C3 planned']);
      });

      it('outbox retry and cancel refuse what they cannot do, naming why', async () => {
        database = await backend.open();
        const db = database;
        sink = await new SmtpSink({
          verdict: () => ({ reply: 550, message: 'Unknown user' }),
        }).start();
        const clock = new Clock();
        const w = testWorker(db, () => sink!.url, clock);
        workers.push(w);
        await seed(db);
        await w.worker.drain();
        const rows = (await listOutbox(db.db, {})).rows;
        const failedC1 = rows.find((r) => r.customer === 'C1' && r.channel === 'email')!;
        const letterC1 = rows.find((r) => r.customer === 'C1' && r.channel === 'letter')!;
        const failedC2 = rows.find((r) => r.customer === 'C2' && r.channel === 'email')!;
        const code = async (call: () => Promise<unknown>) => {
          try {
            await call();
            return 'ok';
          } catch (e) {
            assert.ok(e instanceof AppError, String(e));
            return `${e.code}: ${e.problems.map((p) => p.expected).join('; ')}`;
          }
        };
        assert.match(
          await code(() => retryOutbox(db.db, { id: failedC1.id })),
          new RegExp(`^CONFLICT: .*cancel row ${letterC1.id} first`),
        );
        assert.match(await code(() => retryOutbox(db.db, { id: 'x' })), /^INVALID_INPUT/);
        assert.match(await code(() => retryOutbox(db.db, { id: 999_999 })), /^NOT_FOUND/);
        assert.match(
          await code(() => cancelOutbox(db.db, { id: failedC2.id, reason: ' ' })),
          /^INVALID_INPUT: a non-empty text/,
        );
        const cancelled = await cancelOutbox(db.db, {
          id: letterC1.id,
          reason: 'address is wrong',
        });
        assert.deepEqual(
          [cancelled.state, cancelled.cancelReason],
          ['cancelled', 'address is wrong'],
        );
        assert.match(
          await code(() => cancelOutbox(db.db, { id: letterC1.id, reason: 'again' })),
          /^CONFLICT: a row that is pending or failed or unknown/,
        );
        // With the letter cancelled, the e-mail may be tried again.
        assert.equal((await retryOutbox(db.db, { id: failedC1.id })).state, 'pending');
        assert.ok(
          (await eventsOf(db, 'C1')).some(
            (e) =>
              e ===
              `DELIVERY_CANCELLED: letter #${letterC1.id} to Un "SARL" Été, 1 rue A, 75001 Paris, FR cancelled: address is wrong`,
          ),
        );
      });

      it('two workers draining one queue at once never send a message twice', async () => {
        database = await backend.open();
        const db = database;
        sink = await new SmtpSink({ delayMs: 5 }).start();
        const clock = new Clock();
        await seed(db, manyCustomers(40));
        const other = await secondConnection(db);
        extra.push(other);
        const a = testWorker(db, () => sink!.url, clock, { concurrency: 4, name: 'a' });
        const b = testWorker(other, () => sink!.url, clock, { concurrency: 4, name: 'b' });
        workers.push(a, b);
        const [ra, rb] = await Promise.all([a.worker.drain(), b.worker.drain()]);
        assert.equal(ra.sent + rb.sent, 40);
        assert.equal(ra.enqueued + rb.enqueued, 40);
        assert.equal(sink.accepted, 40);
        const ids = await sink.messageIds();
        assert.equal(new Set(ids).size, 40);
        if (backend.name === 'postgres')
          assert.ok(ra.sent > 0 && rb.sent > 0, `${ra.sent} / ${rb.sent}`);
        const rows = await outbox(db);
        assert.equal(rows.filter((r) => / email sent 1$/.test(r)).length, 40);
        const claimedBy = await db.db.selectFrom('outbox').select('claimed_by').execute();
        const names = new Set(claimedBy.map((r) => r.claimed_by?.split(':')[0]));
        assert.ok(names.has('a') || names.has('b'));
        // Both again, restarted: nothing more.
        const [again1, again2] = await Promise.all([a.worker.drain(), b.worker.drain()]);
        assert.equal(again1.sent + again2.sent + again1.enqueued + again2.enqueued, 0);
        assert.equal(sink.accepted, 40);
      });
    },
  );
}
