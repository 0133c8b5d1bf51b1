import { describe, it, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { SmtpSink, closedPort } from '../../test/helpers/smtp-sink.ts';
import { classifyFailure } from '../core/delivery/retry.ts';
import { createSmtpSender, type OutgoingEmail } from './smtp-sender.ts';

const EMAIL: OutgoingEmail = {
  messageId: '<relance.action-7.email@seller.example>',
  from: { name: 'Crédit "Client", Seller', address: 'credit@seller.example' },
  replyTo: { name: 'Marie', address: 'marie@seller.example' },
  to: [{ name: 'Zoë Müller, AP', address: 'zoe@buyer.example' }],
  cc: [{ address: 'boss@buyer.example' }],
  subject: 'Rappel : facture F1 — 1 234,56 €',
  text: 'Bonjour,\nvoir ci-joint.',
  html: '<p>Bonjour,</p><p>voir ci-joint.</p>',
  attachments: [
    {
      filename: 'relevé F1.pdf',
      contentType: 'application/pdf',
      content: Buffer.from('%PDF-1.4\n%%EOF\n'),
    },
  ],
};

async function failureOf(send: () => Promise<unknown>) {
  try {
    await send();
  } catch (e) {
    return e as { code?: string; responseCode?: number; message: string };
  }
  assert.fail('the send should have failed');
}

describe('SMTP sender over a loopback server', () => {
  const auth = { user: 'relance', pass: 'p@ss:word/1' };
  let secure: SmtpSink;
  before(async () => {
    secure = await new SmtpSink({ auth }).start();
  });
  after(async () => secure.stop());

  it('STARTTLS and AUTH from the URL; every header encoded, nothing lost', async () => {
    const sender = createSmtpSender({ urlFor: () => secure.url });
    try {
      const result = await sender.send(1, EMAIL);
      assert.match(result.response, /^250 /);
      assert.deepEqual(result.accepted, ['zoe@buyer.example', 'boss@buyer.example']);
    } finally {
      sender.close();
    }
    const [received] = secure.received;
    assert.ok(received);
    assert.equal(received.user, 'relance');
    assert.equal(received.secure, true);
    assert.deepEqual(received.envelope, {
      from: 'credit@seller.example',
      to: ['zoe@buyer.example', 'boss@buyer.example'],
    });
    const raw = received.raw.toString('latin1');
    // Every header line is 7-bit: non-ASCII names and the subject are encoded words.
    const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
    assert.ok(/^[\x20-\x7e\r\n\t]*$/.test(head), head);
    const [mail] = await secure.parsed();
    assert.ok(mail);
    assert.equal(mail.messageId, EMAIL.messageId);
    assert.deepEqual(mail.from?.value, [
      { name: 'Crédit "Client", Seller', address: 'credit@seller.example' },
    ]);
    assert.deepEqual(mail.to && !Array.isArray(mail.to) ? mail.to.value : [], [
      { name: 'Zoë Müller, AP', address: 'zoe@buyer.example' },
    ]);
    assert.equal(mail.subject, EMAIL.subject);
    assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
    assert.equal(mail.text?.trim(), EMAIL.text);
    assert.match(String(mail.html), /<p>voir ci-joint\.<\/p>/);
    assert.equal(mail.attachments[0]?.filename, 'relevé F1.pdf');
    assert.ok(mail.attachments[0]?.content.equals(EMAIL.attachments![0]!.content));
  });

  it('a wrong password is an authentication error: temporary (our settings, not the message)', async () => {
    const url = secure.url.replace(encodeURIComponent(auth.pass), 'wrong');
    const sender = createSmtpSender({ urlFor: () => url });
    try {
      const error = await failureOf(() => sender.send(1, EMAIL));
      assert.equal(error.code, 'EAUTH');
      assert.equal(classifyFailure(error), 'temporary');
    } finally {
      sender.close();
    }
  });

  it('classifies real failures: refused connection, 451, 550, dropped connection', async () => {
    const port = await closedPort();
    const down = createSmtpSender({ urlFor: () => `smtp://127.0.0.1:${port}` });
    try {
      const error = await failureOf(() => down.send(1, EMAIL));
      assert.equal(classifyFailure(error), 'temporary', `${error.code} ${error.message}`);
    } finally {
      down.close();
    }
    const verdicts = [
      { reply: 451, message: 'Try later' },
      { reply: 550, message: 'Mailbox unavailable' },
      'drop',
    ] as const;
    const sink = await new SmtpSink({ verdict: (_m, i) => verdicts[i] ?? 'accept' }).start();
    const sender = createSmtpSender({ urlFor: () => sink.url });
    try {
      const got = [];
      for (let i = 0; i < verdicts.length; i += 1) {
        const error = await failureOf(() => sender.send(1, EMAIL));
        got.push(`${error.responseCode ?? error.code} ${classifyFailure(error)}`);
      }
      assert.deepEqual(got.slice(0, 2), ['451 temporary', '550 permanent']);
      assert.match(got[2]!, /^E[A-Z]+ temporary$/);
      assert.match((await sender.send(1, EMAIL)).response, /^250 /);
      assert.equal(sink.received.length, 1);
    } finally {
      sender.close();
      await sink.stop();
    }
  });
});
