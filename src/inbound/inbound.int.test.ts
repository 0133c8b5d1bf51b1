import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { SmtpSink } from '../../test/helpers/smtp-sink.ts';
import { eventsOf } from '../../test/helpers/ledger-fixture.ts';
import type { Database } from '../store/database.ts';
import { Clock, outbox, seed, testWorker, type TestWorker } from '../delivery/delivery.fixture.ts';
import { recordInbound } from './record-inbound.ts';

const fixture = (name: string, messageId: string) =>
  Buffer.from(
    readFileSync(
      new URL(`../../test/fixtures/inbound/${name}`, import.meta.url),
      'utf8',
    ).replaceAll('MESSAGE_ID_HERE', messageId),
  );

/** Bounces and replies to the collection address, after a day's e-mails went out. */
for (const backend of BACKENDS) {
  describe(`inbound mail: bounces and replies (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let sink: SmtpSink;
    let w: TestWorker;
    const ids = new Map<string, string>();

    before(async () => {
      database = await backend.open();
      sink = await new SmtpSink().start();
      w = testWorker(database, () => sink.url, new Clock());
      await seed(database);
      const report = await w.worker.drain();
      assert.equal(report.sent, 2);
      const rows = await database.db
        .selectFrom('outbox as o')
        .innerJoin('customers as c', 'c.id', 'o.customer_id')
        .select(['c.code', 'o.message_id'])
        .where('o.channel', '=', 'email')
        .execute();
      for (const r of rows) ids.set(r.code, r.message_id);
    });
    after(async () => {
      w?.sender.close();
      await sink?.stop();
      await database?.close();
    });

    it('a hard bounce marks the address invalid, flags the e-mail and plans a letter, once', async () => {
      const raw = fixture('bounce-postfix.eml', ids.get('C1')!);
      const r = await recordInbound(database.db, raw, { source: 'cli' });
      assert.equal(r.kind, 'bounce');
      assert.equal(r.customer, 'C1');
      assert.equal(r.invalidated, 1);
      assert.ok(r.letterId !== null);
      const contact = await database.db
        .selectFrom('contacts')
        .select(['email', 'email_invalid_at'])
        .where('email', '=', 'anne@un.example')
        .executeTakeFirstOrThrow();
      assert.ok(contact.email_invalid_at !== null);
      const row = await database.db
        .selectFrom('outbox')
        .select(['bounced_at', 'last_error'])
        .where('message_id', '=', ids.get('C1')!)
        .executeTakeFirstOrThrow();
      assert.ok(row.bounced_at !== null);
      assert.match(row.last_error ?? '', /bounced: 5\.1\.1 550 5\.1\.1 <anne@un\.example>/);
      assert.ok((await outbox(database)).includes('C1 letter pending 0'));
      const events = await eventsOf(database, 'C1');
      assert.ok(
        events.some((e) =>
          /^EMAIL_BOUNCED: bounce to e-mail #\d+ for anne@un\.example: 5\.1\.1/.test(e),
        ),
        events.join('\n'),
      );
      assert.ok(events.some((e) => e.startsWith('FALLBACK_TO_LETTER: letter #')));
      // The same message read again (an IMAP poll after a lost connection): nothing twice.
      const again = await recordInbound(database.db, raw, { source: 'imap' });
      assert.equal(again.duplicate, true);
      assert.equal(again.id, r.id);
      assert.equal((await eventsOf(database, 'C1')).length, events.length);
    });

    it('a reply lands in the timeline and makes a task for the collector', async () => {
      const raw = fixture('reply.eml', ids.get('C2')!);
      const r = await recordInbound(database.db, raw, { source: 'http' });
      assert.equal(r.kind, 'reply');
      assert.equal(r.customer, 'C2');
      assert.ok(r.taskId !== null);
      const task = await database.db
        .selectFrom('tasks')
        .select(['kind', 'title', 'assignee', 'assignee_role', 'state'])
        .where('id', '=', r.taskId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(task, {
        kind: 'reply',
        title: 'Read the reply of Zwei GmbH: Re: Rappel : factures en retard',
        assignee: 'Stefan Krause',
        assignee_role: 'collector',
        state: 'open',
      });
      const events = await eventsOf(database, 'C2');
      const reply = events.find((e) => e.startsWith('REPLY_RECEIVED'));
      assert.ok(reply, events.join('\n'));
      // The customer's own words, not the quoted reminder.
      assert.match(reply, /La facture F1 a été réglée hier par virement/);
      assert.doesNotMatch(reply, /Nos relevés/);
    });

    it('an out-of-office answer is recorded, no task; a stranger’s message is kept unmatched', async () => {
      const ooo = await recordInbound(database.db, fixture('out-of-office.eml', ids.get('C2')!), {
        source: 'imap',
      });
      assert.equal(ooo.kind, 'auto_reply');
      assert.equal(ooo.taskId, null);
      assert.ok((await eventsOf(database, 'C2')).some((e) => e.startsWith('AUTO_REPLY_RECEIVED')));
      const stranger = await recordInbound(
        database.db,
        Buffer.from(
          'From: someone@elsewhere.example\r\nTo: credit@seller.example\r\nSubject: hello\r\nMessage-ID: <x1@elsewhere.example>\r\n\r\nHi\r\n',
        ),
        { source: 'cli' },
      );
      assert.equal(stranger.kind, 'unmatched');
      assert.equal(stranger.customer, null);
    });

    it('refuses an empty or oversized message, naming the size', async () => {
      await assert.rejects(
        recordInbound(database.db, Buffer.alloc(0), { source: 'cli' }),
        /cannot be read/,
      );
      await assert.rejects(
        recordInbound(database.db, Buffer.alloc(2000, 65), { source: 'cli', maxBytes: 1000 }),
        (e: unknown) =>
          e instanceof Error &&
          'problems' in e &&
          JSON.stringify(e.problems).includes('2000 bytes'),
      );
    });
  });
}
