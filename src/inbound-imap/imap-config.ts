import { AppError, type Problem } from '../core/errors.ts';

/**
 * How the connection is protected: `tls` from the first byte (imaps://), `starttls` required
 * (imap://…?starttls=true: no upgrade, no login), `starttls-if-offered` (imap:// without the
 * option: upgrades when the server offers STARTTLS, else stays in cleartext), `none`
 * (imap://…?starttls=false: cleartext, for a server on the same machine).
 */
export type ImapSecurity = 'tls' | 'starttls' | 'starttls-if-offered' | 'none';

/** Where inbound mail is read: one mailbox of one IMAP account. */
export interface ImapConfig {
  /** The setting it came from (RELANCE_IMAP_URL), named in error messages. */
  readonly setting: string;
  /** Host name or IP address (IPv6 without brackets). */
  readonly host: string;
  readonly port: number;
  readonly security: ImapSecurity;
  readonly user: string;
  /** Not enumerable: JSON.stringify and console.log of the config leave it out. */
  readonly password: string;
  /** The mailbox to read, as the server names it (default INBOX). */
  readonly mailbox: string;
  /** Handled messages are moved there (created if missing); otherwise they are only flagged \Seen. */
  readonly processedMailbox: string | undefined;
  /** The URL with the password replaced by ***, for logs and messages. */
  readonly redactedUrl: string;
}

const EXAMPLES =
  'imaps://user:password@host:993/INBOX (TLS) or imap://user:password@host:143/INBOX?starttls=true';
const OPTIONS = ['starttls', 'processed'];

/** RELANCE_IMAP_URL from the environment, or undefined when it is not set. */
export function imapConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): ImapConfig | undefined {
  const value = env.RELANCE_IMAP_URL;
  return value === undefined || value.trim() === '' ? undefined : parseImapUrl(value);
}

/**
 * Parses `imaps://user:password@host:993/INBOX` or `imap://user:password@host:143/INBOX?starttls=true`;
 * user and password are percent-decoded (%40 for @), the mailbox defaults to INBOX, the port to
 * 993 (imaps) or 143 (imap); `processed=Folder` moves handled messages to Folder. Every problem
 * is reported at once as a CONFIG error; the password is never echoed.
 */
export function parseImapUrl(text: string, setting = 'RELANCE_IMAP_URL'): ImapConfig {
  const shown = redactImapUrl(text);
  const fail = (problems: readonly Problem[]): never => {
    throw new AppError('CONFIG', `${setting} is not a usable IMAP URL: ${shown}`, problems);
  };
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return fail([
      {
        field: setting,
        value: shown,
        expected: `${EXAMPLES}, with @ : / ? # % in the user or password percent-encoded (%40 for @) and a port from 1 to 65535`,
      },
    ]);
  }

  const problems: Problem[] = [];
  const part = (name: string) => `${setting} ${name}`;
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== 'imap' && scheme !== 'imaps') {
    problems.push({ field: part('scheme'), value: scheme, expected: `imaps or imap: ${EXAMPLES}` });
  }

  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (!/^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)$/.test(host)) {
    problems.push({ field: part('host'), value: host, expected: 'a host name or IP address' });
  }

  const port = url.port === '' ? (scheme === 'imap' ? 143 : 993) : Number(url.port);
  if (!(port >= 1 && port <= 65535)) {
    problems.push({ field: part('port'), value: url.port, expected: 'a port from 1 to 65535' });
  }

  const user = decode(url.username);
  if (user === undefined || user === '') {
    problems.push({
      field: part('user'),
      value: url.username,
      expected: `a user name before the password, percent-encoded (%40 for @): ${EXAMPLES}`,
    });
  }
  const password = decode(url.password);
  if (password === undefined || password === '') {
    problems.push({
      field: part('password'),
      // Never the password itself, even a malformed one.
      value: url.password === '' ? '' : '***',
      expected:
        password === undefined
          ? 'a percent-encoded password: % followed by two hexadecimal digits (%25 for % itself)'
          : `a password after the user name: ${EXAMPLES}`,
    });
  }

  const path = url.pathname.replace(/^\//, '').replace(/\/$/, '');
  const mailbox = path === '' ? 'INBOX' : decode(path);
  if (mailbox === undefined || /\p{Cc}/u.test(mailbox)) {
    problems.push({
      field: part('mailbox'),
      value: path,
      expected: 'a percent-encoded mailbox name without control characters',
    });
  }
  if (url.hash !== '') {
    problems.push({
      field: part('fragment'),
      value: url.hash,
      expected: 'nothing after # (percent-encode # in the password as %23)',
    });
  }

  const options = new Map<string, string>();
  for (const [key, value] of url.searchParams) {
    if (!OPTIONS.includes(key)) {
      problems.push({
        field: part(key),
        value,
        expected: `one of the options ${OPTIONS.join(', ')}`,
      });
    } else if (options.has(key)) {
      problems.push({ field: part(key), value, expected: `${key} given once` });
    } else options.set(key, value);
  }

  let security: ImapSecurity = scheme === 'imap' ? 'starttls-if-offered' : 'tls';
  const starttls = options.get('starttls');
  if (starttls !== undefined) {
    if (scheme === 'imaps') {
      problems.push({
        field: part('starttls'),
        value: starttls,
        expected: 'no starttls option with imaps:// (TLS from the start); use imap:// for STARTTLS',
      });
    } else if (starttls === 'true' || starttls === 'false') {
      security = starttls === 'true' ? 'starttls' : 'none';
    } else {
      problems.push({ field: part('starttls'), value: starttls, expected: 'true or false' });
    }
  }

  const processed = options.get('processed');
  if (processed !== undefined && (processed.trim() === '' || /\p{Cc}/u.test(processed))) {
    problems.push({
      field: part('processed'),
      value: processed,
      expected: 'a mailbox name without control characters',
    });
  } else if (processed !== undefined && mailbox !== undefined && sameMailbox(processed, mailbox)) {
    problems.push({
      field: part('processed'),
      value: processed,
      expected: `a mailbox other than the one read (${mailbox})`,
    });
  }

  if (problems.length > 0 || user === undefined || password === undefined || !mailbox) {
    return fail(problems);
  }
  const config = {
    setting,
    host,
    port,
    security,
    user,
    mailbox,
    processedMailbox: processed,
    redactedUrl: shown,
  };
  Object.defineProperty(config, 'password', { value: password, enumerable: false });
  return Object.freeze(config) as ImapConfig;
}

/**
 * The URL with its password replaced by ***. When the text does not parse as a URL, every
 * place a password could be is hidden: all before the last @, else all after a colon, and
 * the whole text when it has no scheme.
 */
export function redactImapUrl(text: string): string {
  try {
    const url = new URL(text.trim());
    if (url.password !== '') url.password = '***';
    return url.href;
  } catch {
    const match = /^\s*([A-Za-z][A-Za-z0-9+.-]*:\/\/)(.*)$/s.exec(text);
    if (!match) return '***';
    const [, scheme = '', rest = ''] = match;
    const at = rest.lastIndexOf('@');
    return at >= 0 ? `${scheme}***${rest.slice(at)}` : `${scheme}${rest.replace(/:[^/]*/, ':***')}`;
  }
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** INBOX is case-insensitive in IMAP; other names are compared as written. */
function sameMailbox(a: string, b: string): boolean {
  const norm = (name: string) => (name.toUpperCase() === 'INBOX' ? 'INBOX' : name);
  return norm(a) === norm(b);
}
