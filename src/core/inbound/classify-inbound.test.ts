import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  classifyInbound,
  messageIds,
  parseDeliveryStatus,
  type InboundMail,
} from './classify-inbound.ts';

const OURS = '<relance.action-12.email@seller.example>';

const POSTFIX_STATUS = [
  'Reporting-MTA: dns; mx.seller.example',
  '',
  'Final-Recipient: rfc822; Anne@un.example',
  'Original-Recipient: rfc822;anne@un.example',
  'Action: failed',
  'Status: 5.1.1',
  'Diagnostic-Code: smtp; 550 5.1.1 <anne@un.example>: Recipient address rejected:',
  '    User unknown in virtual mailbox table',
].join('\n');

describe('inbound mail classification', () => {
  it('a delivery status notification with a 5.x.x status is a permanent bounce of our message', () => {
    const c = classifyInbound({
      from: 'MAILER-DAEMON@mx.seller.example',
      subject: 'Undelivered Mail Returned to Sender',
      contentType: 'multipart/report; report-type=delivery-status',
      deliveryStatus: POSTFIX_STATUS,
      returnedHeaders: `From: credit@seller.example\nMessage-ID: ${OURS}\nSubject: Rappel`,
    });
    assert.deepEqual(c, {
      kind: 'bounce',
      permanent: true,
      status: '5.1.1',
      recipients: ['anne@un.example'],
      diagnostic:
        '550 5.1.1 <anne@un.example>: Recipient address rejected: User unknown in virtual mailbox table',
      relatedIds: [OURS],
    });
  });

  it('a 4.x.x "delayed" report is a bounce, not permanent', () => {
    const c = classifyInbound({
      contentType: 'multipart/report; report-type=delivery-status',
      deliveryStatus: 'Final-Recipient: rfc822; ap@zwei.example\nAction: delayed\nStatus: 4.4.1',
      returnedHeaders: `Message-ID: ${OURS}`,
    });
    assert.equal(c.kind, 'bounce');
    assert.equal(c.kind === 'bounce' && c.permanent, false);
  });

  it('a plain-text bounce from the mailer daemon is read from its text', () => {
    const c = classifyInbound({
      from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
      subject: 'Delivery Status Notification (Failure)',
      text: "Your message wasn't delivered to ap@gone.example because the address couldn't be found. 550 5.1.1",
      references: [OURS],
    });
    assert.equal(c.kind, 'bounce');
    if (c.kind !== 'bounce') return;
    assert.equal(c.permanent, true);
    assert.equal(c.status, '5.1.1');
    assert.deepEqual(c.recipients, ['ap@gone.example']);
    assert.deepEqual(c.relatedIds, [OURS]);
  });

  it('out-of-office answers are automatic replies, in several languages and by their headers', () => {
    const mails: InboundMail[] = [
      { subject: 'Automatische Antwort: Zahlungserinnerung' },
      { subject: 'Réponse automatique : Rappel' },
      { subject: 'Out of Office: Reminder' },
      { subject: 'Re: Reminder', autoHeaders: { 'auto-submitted': 'auto-replied' } },
      { subject: 'Re: Reminder', autoHeaders: { 'x-autoreply': 'yes' } },
      { subject: 'Re: Reminder', autoHeaders: { precedence: 'auto_reply' } },
    ];
    for (const mail of mails) {
      assert.equal(classifyInbound({ ...mail, inReplyTo: OURS }).kind, 'auto_reply', mail.subject);
    }
  });

  it('a person replying is a reply about the messages it references, with its own words only', () => {
    const c = classifyInbound({
      from: 'Anne Payable <Anne@Un.example>',
      subject: 'Re: Rappel : factures en retard',
      inReplyTo: OURS,
      references: ['<older@x>', OURS],
      autoHeaders: { 'auto-submitted': 'no' },
      text: 'Bonjour,\n\nLa facture F1 a été réglée hier.\n\nAnne\n\nLe 10/03/2026 à 10:15, Seller a écrit :\n> Madame,\n> …',
    });
    assert.deepEqual(c, {
      kind: 'reply',
      relatedIds: [OURS, '<older@x>'],
      excerpt: 'Bonjour,\n\nLa facture F1 a été réglée hier.\n\nAnne',
    });
  });

  it('reads message ids and delivery-status fields', () => {
    assert.deepEqual(messageIds(`<a@b> <c@d>\n <e@f>`), ['<a@b>', '<c@d>', '<e@f>']);
    const s = parseDeliveryStatus(
      'Final-Recipient: rfc822; a@x.example\nAction: delivered\nStatus: 2.0.0\n\nFinal-Recipient: rfc822; b@x.example\nAction: failed\nStatus: 5.2.2',
    );
    // Only the failed recipient: a@x was delivered.
    assert.equal(s.action, 'failed');
    assert.equal(s.status, '5.2.2');
    assert.deepEqual(s.recipients, ['b@x.example']);
  });
});
