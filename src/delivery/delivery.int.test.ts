import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { SmtpSink } from '../../test/helpers/smtp-sink.ts';
import { csv } from '../../test/helpers/files.ts';
import { eventsOf } from '../../test/helpers/ledger-fixture.ts';
import type { Database } from '../store/database.ts';
import {
  Clock,
  DOMAIN,
  actions,
  importCsv,
  outbox,
  runDay,
  samplePdf,
  seed,
  testWorker,
  type TestWorker,
} from './delivery.fixture.ts';
import { basicComposer } from './basic-composer.ts';

for (const backend of BACKENDS) {
  describe(
    `delivery: import → run → worker → SMTP (${backend.name})`,
    { skip: backend.skip },
    () => {
      let database: Database;
      let sink: SmtpSink;
      let w: TestWorker;
      const clock = new Clock();

      before(async () => {
        database = await backend.open();
        sink = await new SmtpSink().start();
        w = testWorker(database, () => sink.url, clock);
        await seed(database);
      });
      after(async () => {
        w?.sender.close();
        await sink?.stop();
        await database?.close();
      });

      it('sends each e-mail once: envelope, headers, both parts, attachments', async () => {
        const report = await w.worker.drain();
        // Two e-mails, and C3's letter for the print batch.
        assert.equal(report.enqueued, 3);
        assert.equal(report.sent, 2);
        assert.equal(sink.received.length, 2);
        const ids = await database.db
          .selectFrom('dunning_actions as a')
          .innerJoin('customers as c', 'c.id', 'a.customer_id')
          .select(['a.id', 'c.code'])
          .orderBy('a.id')
          .execute();
        const idOf = (code: string) => ids.find((r) => r.code === code)!.id;
        const byTo = new Map(sink.received.map((m) => [m.envelope.to.join(','), m]));
        // C1: its accounts-payable contact, not the buyer nor the customer's generic address.
        const c1 = byTo.get('anne@un.example');
        assert.ok(c1, [...byTo.keys()].join(' | '));
        assert.equal(c1.envelope.from, 'credit@seller.example');
        assert.ok(byTo.get('ap@zwei.example'), 'C2 has no contact: its own address');

        const mails = await sink.parsed();
        const mail = mails.find(
          (m) => m.messageId === `<relance.action-${idOf('C1')}.email@${DOMAIN}>`,
        );
        assert.ok(mail, mails.map((m) => m.messageId).join(' '));
        assert.equal(mail.from?.value[0]?.address, 'credit@seller.example');
        assert.equal(mail.from?.value[0]?.name, 'Seller Credit Team');
        assert.equal(mail.replyTo?.value[0]?.address, 'marie@seller.example');
        assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
        const to = mail.to && !Array.isArray(mail.to) ? mail.to.value : [];
        assert.deepEqual(to, [{ address: 'anne@un.example', name: 'Anne Payable' }]);
        assert.match(mail.subject ?? '', /^Friendly reminder: account C1, .*1,234\.56 overdue$/);
        // Both parts, with every item of the communication and the totals.
        assert.match(mail.text ?? '', /Dear Un "SARL" Été,/);
        assert.match(mail.text ?? '', /F1 \*.*2026-03-03.*1,234\.56/);
        assert.match(mail.text ?? '', /F1B .*2026-03-31.*100\.00/);
        assert.match(mail.text ?? '', /Balance: €1,334\.56/);
        assert.match(String(mail.html), /Dear Un &quot;SARL&quot; Été,/);
        assert.match(String(mail.html), /<td[^>]*>F1B<\/td>/);
        // The CSV statement and the PDF, byte for byte.
        assert.deepEqual(
          mail.attachments.map((a) => `${a.filename} ${a.contentType}`),
          ['statement-C1-EUR.csv text/csv', 'statement.pdf application/pdf'],
        );
        assert.match(
          mail.attachments[0]!.content.toString('utf8'),
          /^number,type,.*\r\nF1,invoice,2026-02-01,2026-03-03,EUR,1234\.56,1234\.56\r\n/,
        );
        const pdf = mail.attachments[1]!.content;
        assert.ok(pdf.equals(await samplePdf()));
        assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');

        // Rows: the e-mails, sent with the server's reply; C3's letter waits for its batch.
        assert.deepEqual(await outbox(database), [
          'C1 email sent 1',
          'C2 email sent 1',
          'C3 letter pending 0',
        ]);
        const sent = await database.db
          .selectFrom('outbox')
          .select(['provider_response', 'message_id'])
          .where('channel', '=', 'email')
          .orderBy('id')
          .execute();
        assert.match(sent[0]!.provider_response ?? '', /^250 .*queued as M\d/);
        assert.deepEqual(await actions(database), ['C1 done', 'C2 done', 'C3 planned']);
        assert.ok(
          (await eventsOf(database, 'C1')).some((e) =>
            /^EMAIL_SENT: e-mail #\d+ to anne@un\.example sent/.test(e),
          ),
        );
      });

      it('draining again, or after a re-run of the day, sends nothing twice', async () => {
        const again = await w.worker.drain();
        assert.deepEqual({ enqueued: again.enqueued, sent: again.sent }, { enqueued: 0, sent: 0 });
        await seed(database); // the same files again and the same day's run: nothing new
        const third = await w.worker.drain();
        assert.equal(third.sent, 0);
        assert.equal(sink.received.length, 2);
        assert.equal((await outbox(database)).length, 3);
      });
    },
  );

  describe(`delivery: re-check before sending (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let sink: SmtpSink;
    let w: TestWorker;
    const clock = new Clock();

    before(async () => {
      database = await backend.open();
      sink = await new SmtpSink().start();
      w = testWorker(database, () => sink.url, clock);
      await seed(database);
    });
    after(async () => {
      w?.sender.close();
      await sink?.stop();
      await database?.close();
    });

    it('a payment imported between the run and the worker cancels the action: nothing sent', async () => {
      await importCsv(
        database,
        'payments',
        csv(
          'customer,reference,date,currency,amount,item_number',
          'C1,PAY-1,2026-03-10,EUR,1234.56,F1',
        ),
      );
      const report = await w.worker.drain();
      assert.equal(report.cancelled, 1);
      assert.equal(report.sent, 1);
      assert.deepEqual(
        sink.received.map((m) => m.envelope.to.join(',')),
        ['ap@zwei.example'],
      );
      assert.deepEqual(await outbox(database), [
        'C1 email cancelled 1',
        'C2 email sent 1',
        'C3 letter pending 0',
      ]);
      const row = await database.db
        .selectFrom('outbox')
        .select('cancel_reason')
        .where('state', '=', 'cancelled')
        .executeTakeFirstOrThrow();
      assert.equal(row.cancel_reason, 'PAID');
      assert.deepEqual(await actions(database), ['C1 cancelled', 'C2 done', 'C3 planned']);
      assert.ok((await eventsOf(database, 'C1')).some((e) => e.startsWith('ACTION_CANCELLED:')));
    });
  });

  describe(
    `delivery: rows of actions the run cancels (${backend.name})`,
    { skip: backend.skip },
    () => {
      let database: Database;
      let sink: SmtpSink;
      let w: TestWorker;
      const clock = new Clock();

      before(async () => {
        database = await backend.open();
        sink = await new SmtpSink({ verdict: () => ({ reply: 451, message: 'Later' }) }).start();
        w = testWorker(database, () => sink.url, clock);
        await seed(database);
      });
      after(async () => {
        w?.sender.close();
        await sink?.stop();
        await database?.close();
      });

      it('a row waiting for its next attempt follows its action cancelled by the next run', async () => {
        assert.equal((await w.worker.drain()).retried, 2);
        await importCsv(
          database,
          'payments',
          csv(
            'customer,reference,date,currency,amount,item_number',
            'C2,PAY-2,2026-03-10,EUR,200.00,F2',
          ),
        );
        const run = await runDay(database);
        assert.deepEqual(
          run.cancelled.map((c) => `${c.customer} ${c.reason}`),
          ['C2 PAID'],
        );
        // Not due yet: no attempt, but the row is cancelled with its action's reason.
        const report = await w.worker.drain();
        assert.deepEqual([report.cancelled, report.sent, report.retried], [1, 0, 0]);
        assert.deepEqual(await outbox(database), [
          'C1 email pending 1',
          'C2 email cancelled 1',
          'C3 letter pending 0',
        ]);
      });
    },
  );

  describe(`delivery: header injection (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let sink: SmtpSink;
    after(async () => {
      await sink?.stop();
      await database?.close();
    });

    it('a line break in any header value from data fails the row: nothing is sent', async () => {
      database = await backend.open();
      sink = await new SmtpSink().start();
      await seed(database);
      const basic = basicComposer({
        fromFor: () => ({ name: 'Credit', address: 'credit@seller.example' }),
      });
      const { worker, sender } = testWorker(database, () => sink.url, new Clock(), {
        composer: async (db, row) => {
          const email = await basic(db, row);
          return row.recipient.includes('zwei')
            ? { ...email, subject: `${email.subject}\r\nBcc: victim@evil.example` }
            : {
                ...email,
                to: [{ name: 'Anne\r\nBcc: victim@evil.example', address: 'anne@un.example' }],
              };
        },
      });
      try {
        const report = await worker.drain();
        assert.equal(report.sent, 0);
        assert.equal(report.failed, 2);
      } finally {
        sender.close();
      }
      assert.equal(sink.received.length, 0);
      const errors = await database.db
        .selectFrom('outbox')
        .select(['state', 'last_error'])
        .where('channel', '=', 'email')
        .orderBy('id')
        .execute();
      assert.deepEqual(
        errors.map((e) => e.state),
        ['failed', 'failed'],
      );
      assert.match(errors[0]!.last_error ?? '', /to\[0\]\.name.*no line break/);
      assert.match(errors[1]!.last_error ?? '', /subject.*no line break/);
    });
  });
}
