import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { SmtpSink, closedPort, type SmtpSinkOptions } from '../../test/helpers/smtp-sink.ts';
import { eventsOf } from '../../test/helpers/ledger-fixture.ts';
import type { Database } from '../store/database.ts';
import { Clock, actions, outbox, seed, testWorker, type TestWorker } from './delivery.fixture.ts';

const MINUTE = 60_000;

for (const backend of BACKENDS) {
  describe(`delivery failures (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database | undefined;
    let sink: SmtpSink | undefined;
    let w: TestWorker | undefined;
    let clock: Clock;

    /** A fresh ledger, run of the day, SMTP sink and worker. */
    async function start(options: SmtpSinkOptions = {}, url?: () => string) {
      database = await backend.open();
      clock = new Clock();
      sink = await new SmtpSink(options).start();
      w = testWorker(database, url ?? (() => sink!.url), clock);
      await seed(database);
      return { db: database, sink, worker: w.worker };
    }

    afterEach(async () => {
      w?.sender.close();
      await sink?.stop();
      await database?.close();
      database = sink = w = undefined;
    });

    const lastErrors = async (db: Database) =>
      (
        await db.db
          .selectFrom('outbox')
          .select(['last_error', 'next_attempt_at'])
          .where('channel', '=', 'email')
          .orderBy('id')
          .execute()
      ).map((r) => ({ error: r.last_error ?? '', at: new Date(r.next_attempt_at).getTime() }));

    it('server down: retried later with backoff, nothing lost', async () => {
      let url = `smtp://127.0.0.1:${await closedPort()}`;
      const { db, sink, worker } = await start({}, () => url);
      const first = await worker.drain();
      assert.equal(first.retried, 2);
      // C3's letter waits for its print batch (relance letters batch).
      assert.deepEqual(await outbox(db), [
        'C1 email pending 1',
        'C2 email pending 1',
        'C3 letter pending 0',
      ]);
      const errors = await lastErrors(db);
      assert.match(errors[0]!.error, /ECONN/);
      // base 60 s, jitter 0.5: half fixed + half random = 45 s.
      assert.equal(errors[0]!.at - clock.now().getTime(), 45_000);
      // Not due yet: a drain now sends nothing, even with the server back.
      url = sink.url;
      assert.equal((await worker.drain()).sent, 0);
      clock.advance(MINUTE);
      const later = await worker.drain();
      assert.equal(later.sent, 2);
      assert.equal(sink.received.length, 2);
      assert.deepEqual(await outbox(db), [
        'C1 email sent 2',
        'C2 email sent 2',
        'C3 letter pending 0',
      ]);
    });

    it('451: retried, the next delay doubles; sent once accepted', async () => {
      // The server's first three messages are greylisted, then it accepts.
      const { db, sink, worker } = await start({
        verdict: (_mail, index) =>
          index < 3 ? { reply: 451, message: 'Greylisted, try again later' } : 'accept',
      });
      const first = await worker.drain();
      assert.equal(first.retried, 2);
      assert.match((await lastErrors(db))[0]!.error, /451/);
      clock.advance(MINUTE);
      const second = await worker.drain();
      assert.deepEqual([second.retried, second.sent], [1, 1]);
      const waits = (await lastErrors(db)).map((e) => e.at - clock.now().getTime());
      // The second failure waits 2 × 60 s, half of it jittered (0.5): 90 s.
      assert.ok(waits.includes(90_000), String(waits));
      clock.advance(2 * MINUTE);
      assert.equal((await worker.drain()).sent, 1);
      assert.equal(sink.received.length, 2);
      const rows = await outbox(db);
      assert.deepEqual(
        rows
          .slice(0, 2)
          .map((r) => r.replace(/^C\d /, ''))
          .sort(),
        ['email sent 2', 'email sent 3'],
      );
    });

    it('550: failed and visible, with a letter instead when there is a postal address', async () => {
      const { db, sink, worker } = await start({
        verdict: () => ({ reply: 550, message: 'No such user here' }),
      });
      const report = await worker.drain();
      assert.deepEqual([report.failed, report.letters, report.retried], [2, 1, 0]);
      assert.equal(sink.received.length, 0);
      assert.deepEqual(await outbox(db), [
        'C1 email failed 1',
        'C2 email failed 1',
        'C3 letter pending 0',
        'C1 letter pending 0',
      ]);
      // The action now has its letter, for the run's print batch.
      const c1 = await db.db
        .selectFrom('dunning_actions as a')
        .innerJoin('customers as c', 'c.id', 'a.customer_id')
        .select(['a.kinds', 'a.reasons'])
        .where('c.code', '=', 'C1')
        .executeTakeFirstOrThrow();
      assert.deepEqual(c1.kinds, ['email', 'letter']);
      assert.equal(c1.reasons.at(-1), 'FALLBACK_TO_LETTER');
      const letter = await db.db
        .selectFrom('outbox')
        .select(['fallback_of', 'recipient', 'message_id'])
        .where('channel', '=', 'letter')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      assert.equal(letter.recipient, 'Un "SARL" Été, 1 rue A, 75001 Paris, FR');
      assert.match(letter.message_id, /^<relance\.action-\d+\.letter@seller\.example>$/);
      assert.match((await lastErrors(db))[0]!.error, /550 No such user here/);
      const e1 = await eventsOf(db, 'C1');
      assert.ok(
        e1.some((e) =>
          /^EMAIL_FAILED: e-mail #\d+ to anne@un\.example failed after 1 attempt\(s\): .*550/.test(
            e,
          ),
        ),
        e1.join('\n'),
      );
      assert.ok(
        e1.some((e) => /^FALLBACK_TO_LETTER: letter #\d+ instead of the failed e-mail/.test(e)),
      );
      const c2 = await eventsOf(db, 'C2');
      assert.ok(c2.some((e) => /^FALLBACK_TO_LETTER: no letter .*no postal address/.test(e)));
      // Nothing is retried: a later drain sends nothing and changes nothing.
      clock.advance(24 * 60 * MINUTE);
      assert.equal((await worker.drain()).sent, 0);
      assert.deepEqual(await actions(db), ['C1 planned', 'C2 planned', 'C3 planned']);
    });

    it('connection dropped in the middle of DATA: retried, delivered once', async () => {
      let drops = 1;
      const { db, sink, worker } = await start({
        verdict: (mail) => {
          if (drops > 0 && mail.envelope.to.includes('anne@un.example')) {
            drops -= 1;
            return 'drop';
          }
          return 'accept';
        },
      });
      const first = await worker.drain();
      assert.deepEqual([first.sent, first.retried], [1, 1]);
      assert.match((await lastErrors(db))[0]!.error, /ECONNECTION|ESOCKET|closed|ECONNRESET/i);
      clock.advance(MINUTE);
      assert.equal((await worker.drain()).sent, 1);
      assert.deepEqual(sink.received.map((m) => m.envelope.to.join()).sort(), [
        'anne@un.example',
        'ap@zwei.example',
      ]);
      assert.deepEqual(await outbox(db), [
        'C1 email sent 2',
        'C2 email sent 1',
        'C3 letter pending 0',
      ]);
    });

    it('too many temporary failures: failed, with the number of attempts', async () => {
      const { db, worker } = await start({ verdict: () => ({ reply: 421, message: 'Busy' }) });
      for (let i = 0; i < 4; i += 1) {
        await worker.drain();
        clock.advance(20 * MINUTE);
      }
      assert.deepEqual((await outbox(db)).slice(0, 2), ['C1 email failed 4', 'C2 email failed 4']);
      assert.match((await lastErrors(db))[0]!.error, /^gave up after 4 attempts: .*421/);
    });
  });
}
