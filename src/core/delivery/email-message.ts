import type { Problem } from '../errors.ts';

/**
 * The e-mail a composer produces for one outbox row, and the checks that keep data from
 * customers (names, addresses, subjects, file names) out of the message's structure: no
 * header value may carry a line break or another control character, every address must be
 * one plain address. Nodemailer encodes non-ASCII text; these checks refuse what encoding
 * must never be asked to rescue.
 */

export interface MailAddress {
  readonly name?: string | undefined;
  readonly address: string;
}

export interface EmailAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export interface ComposedEmail {
  readonly from: MailAddress;
  readonly replyTo?: MailAddress | undefined;
  readonly to: readonly MailAddress[];
  readonly cc?: readonly MailAddress[] | undefined;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly attachments?: readonly EmailAttachment[] | undefined;
}

const ATOM = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?';
const ADDRESS = new RegExp(`^${ATOM}(?:\\.${ATOM})*@${LABEL}(?:\\.${LABEL})+$`, 'u');

/** One plain address (`local@domain.tld`): no display name, comment, list or control character. */
export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && ADDRESS.test(value);
}

/** The domain of an address, lower-case ('' when it is not an address). */
export function domainOf(address: string): string {
  return isEmailAddress(address) ? address.slice(address.lastIndexOf('@') + 1).toLowerCase() : '';
}

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
const CONTROL = /[\p{Cc}\u2028\u2029]/u;

function checkText(problems: Problem[], field: string, value: string, max = 998): void {
  if (CONTROL.test(value)) {
    problems.push({
      field,
      value: value.slice(0, 80),
      expected: 'one line of text: no line break or other control character',
    });
  } else if (value.length > max) {
    problems.push({
      field,
      value: `${value.slice(0, 40)}…`,
      expected: `at most ${max} characters (got ${value.length})`,
    });
  }
}

function checkAddress(problems: Problem[], field: string, a: MailAddress): void {
  if (!isEmailAddress(a.address)) {
    problems.push({
      field: `${field}.address`,
      value: a.address.slice(0, 80),
      expected: 'one e-mail address written local@domain.tld',
    });
  }
  if (a.name !== undefined) checkText(problems, `${field}.name`, a.name, 200);
}

/**
 * Every problem that would make the message unsafe or unsendable, or none. Checked by the
 * worker after any composer, before anything reaches the transport.
 */
export function checkEmail(email: ComposedEmail): Problem[] {
  const problems: Problem[] = [];
  checkAddress(problems, 'from', email.from);
  if (email.replyTo) checkAddress(problems, 'replyTo', email.replyTo);
  if (email.to.length === 0) {
    problems.push({ field: 'to', value: '', expected: 'at least one recipient address' });
  }
  email.to.forEach((a, i) => checkAddress(problems, `to[${i}]`, a));
  (email.cc ?? []).forEach((a, i) => checkAddress(problems, `cc[${i}]`, a));
  if (email.subject.trim() === '') {
    problems.push({ field: 'subject', value: '', expected: 'a subject' });
  }
  checkText(problems, 'subject', email.subject);
  (email.attachments ?? []).forEach((a, i) => {
    checkText(problems, `attachments[${i}].filename`, a.filename, 255);
    if (!/^[a-z]+\/[a-z0-9.+-]+$/i.test(a.contentType)) {
      problems.push({
        field: `attachments[${i}].contentType`,
        value: a.contentType.slice(0, 80),
        expected: 'a MIME type such as application/pdf',
      });
    }
  });
  return problems;
}
