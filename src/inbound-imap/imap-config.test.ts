import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { AppError, describeProblem } from '../core/errors.ts';
import { imapConfigFromEnv, parseImapUrl, redactImapUrl } from './imap-config.ts';

/** The problems of a refused URL as sentences; fails when the URL is accepted. */
function problemsOf(url: string): string[] {
  try {
    parseImapUrl(url);
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.code, 'CONFIG');
    return e.problems.map(describeProblem);
  }
  assert.fail(`${url} should have been refused`);
}

describe('IMAP URL', () => {
  it('reads imaps:// with TLS, port 993 and INBOX by default', () => {
    const config = parseImapUrl(
      'imaps://collect%40seller.example:p%40ss%2Fw%3Ard@mail.example.com',
    );
    assert.deepEqual(
      { ...config },
      {
        setting: 'RELANCE_IMAP_URL',
        host: 'mail.example.com',
        port: 993,
        security: 'tls',
        user: 'collect@seller.example',
        mailbox: 'INBOX',
        processedMailbox: undefined,
        redactedUrl: 'imaps://collect%40seller.example:***@mail.example.com',
      },
    );
    assert.equal(config.password, 'p@ss/w:rd');
  });

  it('reads imap:// with its STARTTLS choice, port 143, a mailbox and a processed folder', () => {
    const config = parseImapUrl(
      'imap://u:pw@[::1]:1143/Relance%2FInbound?starttls=true&processed=Relance%2FDone',
    );
    assert.equal(config.host, '::1');
    assert.equal(config.port, 1143);
    assert.equal(config.security, 'starttls');
    assert.equal(config.mailbox, 'Relance/Inbound');
    assert.equal(config.processedMailbox, 'Relance/Done');
    assert.equal(parseImapUrl('imap://u:pw@h/INBOX?starttls=false').security, 'none');
    const plain = parseImapUrl('imap://u:pw@h/Bounces/');
    assert.deepEqual(
      [plain.security, plain.port, plain.mailbox],
      ['starttls-if-offered', 143, 'Bounces'],
    );
  });

  it('keeps the password out of JSON and console output', () => {
    const config = parseImapUrl('imaps://u:Hunter2-secret@h/INBOX');
    assert.equal(config.password, 'Hunter2-secret');
    assert.ok(!JSON.stringify(config).includes('Hunter2'));
    assert.ok(!inspect(config).includes('Hunter2'));
    assert.ok(!Object.keys(config).includes('password'));
    assert.ok(Object.isFrozen(config));
  });

  it('reports every problem at once, each naming the part, the value and what was expected', () => {
    assert.deepEqual(problemsOf('pop3://:@h:0/INBOX?starttls=maybe&foo=1#x'), [
      'RELANCE_IMAP_URL scheme: got "pop3", expected imaps or imap: imaps://user:password@host:993/INBOX (TLS) or imap://user:password@host:143/INBOX?starttls=true',
      'RELANCE_IMAP_URL port: got "0", expected a port from 1 to 65535',
      'RELANCE_IMAP_URL user: got "", expected a user name before the password, percent-encoded (%40 for @): imaps://user:password@host:993/INBOX (TLS) or imap://user:password@host:143/INBOX?starttls=true',
      'RELANCE_IMAP_URL password: got "", expected a password after the user name: imaps://user:password@host:993/INBOX (TLS) or imap://user:password@host:143/INBOX?starttls=true',
      'RELANCE_IMAP_URL fragment: got "#x", expected nothing after # (percent-encode # in the password as %23)',
      'RELANCE_IMAP_URL foo: got "1", expected one of the options starttls, processed',
      'RELANCE_IMAP_URL starttls: got "maybe", expected true or false',
    ]);
    assert.deepEqual(problemsOf('imaps://u:p@h/INBOX?starttls=true&processed=inbox'), [
      'RELANCE_IMAP_URL starttls: got "true", expected no starttls option with imaps:// (TLS from the start); use imap:// for STARTTLS',
      'RELANCE_IMAP_URL processed: got "inbox", expected a mailbox other than the one read (INBOX)',
    ]);
    assert.deepEqual(problemsOf('imaps://u:p@h/?processed=&processed=X'), [
      'RELANCE_IMAP_URL processed: got "X", expected processed given once',
      'RELANCE_IMAP_URL processed: got "", expected a mailbox name without control characters',
    ]);
    assert.deepEqual(problemsOf('imaps://u:p@h/A%0AB?processed=%00'), [
      'RELANCE_IMAP_URL mailbox: got "A%0AB", expected a percent-encoded mailbox name without control characters',
      'RELANCE_IMAP_URL processed: got "\\u0000", expected a mailbox name without control characters',
    ]);
  });

  it('never echoes the password, even in a URL that does not parse', () => {
    const cases = [
      'imaps://user:Hunter2@h:99999/INBOX', // port out of range
      'imaps://user:Hunter2#x@h/INBOX', // # not encoded: the URL breaks
      'imaps://user:Hunter2 host', // no @ at all
      'Hunter2', // not a URL
      'imaps://user:Hunter2%zz@h/INBOX', // malformed percent-encoding
      'http://user:Hunter2@h/INBOX', // wrong scheme
    ];
    for (const url of cases) {
      try {
        parseImapUrl(url);
        assert.fail(`${url} should have been refused`);
      } catch (e) {
        assert.ok(e instanceof AppError && e.code === 'CONFIG', String(e));
        const shown = JSON.stringify([e.message, e.problems]);
        assert.ok(!shown.includes('Hunter2'), `${url} leaked: ${shown}`);
      }
    }
    assert.deepEqual(problemsOf('imaps://user:Hunter2@h:99999/INBOX'), [
      'RELANCE_IMAP_URL: got "imaps://***@h:99999/INBOX", expected imaps://user:password@host:993/INBOX (TLS) or imap://user:password@host:143/INBOX?starttls=true, with @ : / ? # % in the user or password percent-encoded (%40 for @) and a port from 1 to 65535',
    ]);
    assert.deepEqual(problemsOf('imaps://user:Hunter2%zz@h/INBOX'), [
      'RELANCE_IMAP_URL password: got "***", expected a percent-encoded password: % followed by two hexadecimal digits (%25 for % itself)',
    ]);
  });

  it('redacts URLs for messages', () => {
    assert.equal(redactImapUrl('imap://u:secret@h:143/INBOX'), 'imap://u:***@h:143/INBOX');
    assert.equal(redactImapUrl('imap://u@h/INBOX'), 'imap://u@h/INBOX');
    assert.equal(redactImapUrl('imaps://u:se#cret@h/INBOX'), 'imaps://***@h/INBOX');
    assert.equal(redactImapUrl('imaps://u:secret h'), 'imaps://u:***');
    assert.equal(redactImapUrl('secret'), '***');
  });

  it('comes from RELANCE_IMAP_URL, absent when unset or blank', () => {
    assert.equal(imapConfigFromEnv({}), undefined);
    assert.equal(imapConfigFromEnv({ RELANCE_IMAP_URL: ' ' }), undefined);
    assert.equal(imapConfigFromEnv({ RELANCE_IMAP_URL: 'imaps://u:p@h' })?.host, 'h');
    assert.throws(
      () => parseImapUrl('imaps://u@h', 'delivery.companies.MAIN.imapUrl'),
      (e: unknown) =>
        e instanceof AppError &&
        e.message.startsWith('delivery.companies.MAIN.imapUrl is not a usable IMAP URL') &&
        e.problems[0]?.field === 'delivery.companies.MAIN.imapUrl password',
    );
  });
});
