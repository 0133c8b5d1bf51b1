import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkEmail, domainOf, isEmailAddress, type ComposedEmail } from './email-message.ts';

const OK: ComposedEmail = {
  from: { name: 'Credit', address: 'credit@seller.example' },
  to: [{ name: 'Zoë Müller', address: 'zoe@buyer.example' }],
  subject: 'Reminder',
  html: '<p>x</p>',
  text: 'x',
  attachments: [{ filename: 'a.pdf', contentType: 'application/pdf', content: Buffer.from('x') }],
};

describe('isEmailAddress', () => {
  for (const good of ['a@b.example', 'first.last+tag@sub.domain.example', 'zoë@müller.example']) {
    it(`accepts ${good}`, () => assert.ok(isEmailAddress(good)));
  }
  for (const bad of [
    '',
    'plain',
    'a@b',
    'a@@b.example',
    'a b@c.example',
    'A <a@b.example>',
    'a@b.example, c@d.example',
    'a@b.example\r\nBcc: x@evil.example',
    'a@b.example\n',
    '.a@b.example',
    'a..b@c.example',
    'a@-b.example',
  ]) {
    it(`refuses ${JSON.stringify(bad)}`, () => assert.equal(isEmailAddress(bad), false));
  }
  it('domainOf', () => {
    assert.equal(domainOf('Credit@Seller.Example'), 'seller.example');
    assert.equal(domainOf('nope'), '');
  });
});

describe('checkEmail: no header value from data can break the message', () => {
  it('a correct message has no problem', () => assert.deepEqual(checkEmail(OK), []));
  it('names every problem at once', () => {
    const problems = checkEmail({
      ...OK,
      from: { name: 'Credit\nX-Evil: 1', address: 'credit@seller.example' },
      replyTo: { address: 'not an address' },
      to: [{ address: 'a@b.example\r\nBcc: victim@evil.example' }],
      cc: [{ name: 'Line\u2028separator', address: 'c@d.example' }],
      subject: 'Reminder\r\nBcc: victim@evil.example',
      attachments: [
        { filename: 'a\r\n.pdf', contentType: 'application/pdf', content: Buffer.from('') },
        { filename: 'b.pdf', contentType: 'application/pdf\r\nX: y', content: Buffer.from('') },
      ],
    });
    assert.deepEqual(
      problems.map((p) => p.field),
      [
        'from.name',
        'replyTo.address',
        'to[0].address',
        'cc[0].name',
        'subject',
        'attachments[0].filename',
        'attachments[1].contentType',
      ],
    );
  });
  it('refuses a message without recipient or subject, and an endless subject', () => {
    assert.deepEqual(
      checkEmail({ ...OK, to: [], subject: ' ' }).map((p) => p.field),
      ['to', 'subject'],
    );
    assert.deepEqual(
      checkEmail({ ...OK, subject: 'x'.repeat(999) }).map((p) => p.field),
      ['subject'],
    );
  });
});
