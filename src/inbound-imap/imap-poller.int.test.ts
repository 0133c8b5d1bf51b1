import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ImapServer, freePort } from '../../test/helpers/imap-server.ts';
import { AppError } from '../core/errors.ts';
import { parseImapUrl } from './imap-config.ts';
import { pollMailbox } from './imap-poller.ts';

/** A small RFC 822 message; the body is base64, to check the raw bytes come back untouched. */
function message(id: string): string {
  return [
    'From: "Buyer AP" <ap@buyer.example>',
    'To: credit@seller.example',
    `Subject: Re: invoice ${id}`,
    `Message-ID: <${id}@buyer.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(`Nous payons la facture ${id} vendredi. — Zoë\n`).toString('base64'),
    '',
  ].join('\r\n');
}

const messageIdOf = (raw: Buffer) => /^Message-ID: (<[^>]+>)/im.exec(raw.toString())?.[1];

/** A handler that keeps what it receives. */
function collector() {
  const received: Buffer[] = [];
  return { received, handle: async (raw: Buffer) => void received.push(raw) };
}

describe('pollMailbox against a real Dovecot server on loopback', () => {
  let server: ImapServer;
  let mailboxes = 0;
  /** Each test reads its own mailbox: no test sees another's messages. */
  const fresh = async (count: number) => {
    const mailbox = `Test${++mailboxes}`;
    await server.append(
      mailbox,
      Array.from({ length: count }, (_, i) => message(`${mailbox}-${i + 1}`)),
    );
    return mailbox;
  };

  before(async () => {
    server = await ImapServer.start();
  });
  after(async () => server?.stop());

  it('hands over each unseen message in UID order, then flags it \\Seen', async () => {
    const mailbox = await fresh(3);
    const lines: string[] = [];
    const { received, handle } = collector();
    const config = parseImapUrl(server.url(mailbox));
    const result = await pollMailbox(config, handle, { log: (l) => lines.push(l) });

    assert.deepEqual(result, { fetched: 3, handled: 3, failed: 0 });
    assert.deepEqual(received.map(messageIdOf), [
      `<${mailbox}-1@buyer.example>`,
      `<${mailbox}-2@buyer.example>`,
      `<${mailbox}-3@buyer.example>`,
    ]);
    // The raw message, byte for byte as it was appended (not decoded, not re-encoded).
    assert.equal(received[0]?.toString(), message(`${mailbox}-1`));
    assert.deepEqual(
      (await server.messages(mailbox)).map((m) => m.seen),
      [true, true, true],
    );
    assert.deepEqual(await pollMailbox(config, handle), { fetched: 0, handled: 0, failed: 0 });
    assert.equal(received.length, 3);
    assert.ok(lines.some((l) => l.includes(`127.0.0.1:${server.port} ${mailbox}`)));
  });

  it('leaves a message whose handler throws unseen, and the next poll retries it', async () => {
    const mailbox = await fresh(3);
    const config = parseImapUrl(server.url(mailbox));
    const lines: string[] = [];
    const bad = `<${mailbox}-2@buyer.example>`;
    const result = await pollMailbox(
      config,
      async (raw) => {
        if (messageIdOf(raw) === bad) throw new Error('customer not found');
      },
      { log: (l) => lines.push(l) },
    );
    assert.deepEqual(result, { fetched: 3, handled: 2, failed: 1 });
    assert.deepEqual(
      (await server.messages(mailbox)).map((m) => [m.messageId, m.seen]),
      [
        [`<${mailbox}-1@buyer.example>`, true],
        [bad, false],
        [`<${mailbox}-3@buyer.example>`, true],
      ],
    );
    assert.ok(lines.some((l) => /UID 2 failed, left unseen .*customer not found/.test(l)));

    const { received, handle } = collector();
    assert.deepEqual(await pollMailbox(config, handle), { fetched: 1, handled: 1, failed: 0 });
    assert.deepEqual(received.map(messageIdOf), [bad]);
    assert.ok((await server.messages(mailbox)).every((m) => m.seen));
  });

  it('moves handled messages to the processed mailbox, creating it', async () => {
    const mailbox = await fresh(3);
    const processed = `${mailbox}/Done`;
    const lines: string[] = [];
    const config = parseImapUrl(
      server.url(mailbox, `starttls=false&processed=${encodeURIComponent(processed)}`),
    );
    const bad = `<${mailbox}-3@buyer.example>`;
    const result = await pollMailbox(
      config,
      async (raw) => {
        if (messageIdOf(raw) === bad) throw new Error('not now');
      },
      { log: (l) => lines.push(l) },
    );
    assert.deepEqual(result, { fetched: 3, handled: 2, failed: 1 });
    assert.ok(lines.some((l) => l.includes(`created the processed mailbox ${processed}`)));
    assert.deepEqual(
      (await server.messages(mailbox)).map((m) => [m.messageId, m.seen]),
      [[bad, false]],
    );
    assert.deepEqual(
      (await server.messages(processed)).map((m) => [m.messageId, m.seen]),
      [
        [`<${mailbox}-1@buyer.example>`, true],
        [`<${mailbox}-2@buyer.example>`, true],
      ],
    );
    // The folder exists now: the next poll uses it as it is.
    const { handle } = collector();
    assert.deepEqual(await pollMailbox(config, handle), { fetched: 1, handled: 1, failed: 0 });
    assert.equal((await server.messages(processed)).length, 3);
    assert.deepEqual(await server.messages(mailbox), []);
  });

  it('stops the poll with a clear error when the server refuses to move a handled message', async () => {
    const mailbox = await fresh(2);
    const processed = `${mailbox}-Done`;
    const config = parseImapUrl(server.url(mailbox, `starttls=false&processed=${processed}`));
    // The processed mailbox disappears while the first message is being handled.
    const handle = async () => server.deleteMailbox(processed);
    await assert.rejects(
      pollMailbox(config, handle),
      (e: unknown) =>
        e instanceof Error &&
        e.message.startsWith(
          `IMAP server 127.0.0.1:${server.port}: moving message UID 1 to ${processed} after it was handled failed: `,
        ) &&
        e.message.endsWith(`(it stays in ${mailbox}, flagged \\Seen)`) &&
        /Mailbox doesn't exist|TRYCREATE/i.test(e.message),
    );
    assert.deepEqual(
      (await server.messages(mailbox)).map((m) => m.seen),
      [true, false],
    );
    // The next poll creates the mailbox again and carries on with the unseen message.
    const { received, handle: keep } = collector();
    assert.deepEqual(await pollMailbox(config, keep), { fetched: 1, handled: 1, failed: 0 });
    assert.deepEqual(received.map(messageIdOf), [`<${mailbox}-2@buyer.example>`]);
  });

  it('reads at most `limit` messages per poll, oldest first', async () => {
    const mailbox = await fresh(3);
    const config = parseImapUrl(server.url(mailbox));
    const { received, handle } = collector();
    assert.deepEqual(await pollMailbox(config, handle, { limit: 2 }), {
      fetched: 2,
      handled: 2,
      failed: 0,
    });
    assert.deepEqual(await pollMailbox(config, handle, { limit: 2 }), {
      fetched: 1,
      handled: 1,
      failed: 0,
    });
    assert.deepEqual(
      received.map(messageIdOf),
      [1, 2, 3].map((i) => `<${mailbox}-${i}@buyer.example>`),
    );
    await assert.rejects(pollMailbox(config, handle, { limit: 0 }), /whole number above 0/);
  });

  it('refuses a wrong password with a CONFIG error naming server and user, never the password', async () => {
    const wrong = 'Wr0ng-s3cret!';
    const config = parseImapUrl(server.url('INBOX', 'starttls=false', wrong));
    const lines: string[] = [];
    const error = await pollMailbox(config, collector().handle, { log: (l) => lines.push(l) }).then(
      () => assert.fail('the login should have been refused'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'CONFIG');
    assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${server.port}`));
    assert.match(error.message, /refused the login of user "relance"/);
    const everything = JSON.stringify([error.message, error.problems, lines, String(error.stack)]);
    for (const secret of [wrong, encodeURIComponent(wrong), server.password]) {
      assert.ok(!everything.includes(secret), `"${secret}" leaked: ${everything}`);
    }
    assert.equal(error.problems[0]?.value, server.url('INBOX').replace(/:[^:@]*@/, ':***@'));
  });

  it('names host and port when nothing listens there', async () => {
    const closed = await freePort();
    const config = parseImapUrl(`imap://relance:secret@127.0.0.1:${closed}/INBOX?starttls=false`);
    await assert.rejects(
      pollMailbox(config, collector().handle),
      (e: unknown) =>
        e instanceof AppError &&
        e.code === 'CONFIG' &&
        e.message.includes(`cannot connect to the IMAP server 127.0.0.1:${closed}`) &&
        e.message.includes('ECONNREFUSED') &&
        !JSON.stringify([e.message, e.problems]).includes('secret'),
    );
  });

  it('refuses to log in without TLS when starttls=true and the server offers none', async () => {
    const config = parseImapUrl(server.url('INBOX', 'starttls=true'));
    const logins = () => server.log().match(/Login: user=<relance>/g)?.length ?? 0;
    const before = logins();
    await assert.rejects(
      pollMailbox(config, collector().handle),
      (e: unknown) =>
        e instanceof AppError &&
        e.code === 'CONFIG' &&
        e.message.includes(`127.0.0.1:${server.port}`) &&
        !e.message.includes(server.password),
    );
    assert.equal(logins(), before, 'no login may happen in cleartext');
  });

  it('says which mailbox does not exist', async () => {
    const config = parseImapUrl(server.url('Nowhere'));
    await assert.rejects(
      pollMailbox(config, collector().handle),
      (e: unknown) =>
        e instanceof AppError &&
        e.code === 'CONFIG' &&
        e.message ===
          `the mailbox "Nowhere" does not exist on the IMAP server 127.0.0.1:${server.port}`,
    );
  });
});
