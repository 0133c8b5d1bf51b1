import { isIP } from 'node:net';
import { ImapFlow, type ImapFlowOptions, type MailboxLockObject } from 'imapflow';
import { AppError } from '../core/errors.ts';
import type { ImapConfig } from './imap-config.ts';

export interface PollOptions {
  /** Receives one line per event (never a password). */
  readonly log?: ((line: string) => void) | undefined;
  /** At most this many messages per poll, oldest first (default: every unseen message). */
  readonly limit?: number | undefined;
}

export interface PollResult {
  /** Unseen messages read from the mailbox in this poll. */
  readonly fetched: number;
  /** Messages whose handler resolved: now \Seen (or moved to the processed mailbox). */
  readonly handled: number;
  /** Messages whose handler threw: left unseen, so the next poll hands them over again. */
  readonly failed: number;
}

/**
 * Reads the unseen messages of the configured mailbox, oldest UID first, and hands each raw
 * RFC 822 message to `handle`. Only after `handle` resolves is the message flagged \Seen (and
 * moved to the processed mailbox when one is configured); a message whose handler throws stays
 * unseen and is retried at the next poll. Delivery is at least once: a connection lost between
 * the handler and the flag hands the message over again, so `handle` must be idempotent (by
 * Message-ID, say).
 *
 * Failing to connect, to log in or to open the mailbox rejects with a CONFIG AppError naming
 * host and port; an IMAP failure in the middle of the poll rejects with an Error saying what
 * was being done. The lock is released and the session logged out in every case.
 */
export async function pollMailbox(
  config: ImapConfig,
  handle: (raw: Buffer) => Promise<void>,
  options: PollOptions = {},
): Promise<PollResult> {
  const limit = options.limit;
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit > 0)) {
    throw new AppError('INVALID_INPUT', 'the poll limit must be a whole number above 0', [
      { field: 'limit', value: String(limit), expected: 'a whole number above 0' },
    ]);
  }
  const server = `${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  const where = `imap ${server} ${config.mailbox}`;
  const clean = (text: string) => redact(text, config.password);
  const log = (line: string) => options.log?.(clean(`${where}: ${line}`));

  const failures = failureLog();
  const client = new ImapFlow({ ...clientOptions(config), logger: failures.logger });
  const step = stepper(server, failures);
  // An 'error' event without a listener would crash the process.
  client.on('error', (e: unknown) => log(`connection error: ${describe(e)}`));
  try {
    await client.connect();
  } catch (e) {
    client.close();
    throw connectError(config, server, e);
  }

  let lock: MailboxLockObject | undefined;
  try {
    if (config.processedMailbox !== undefined) {
      await ensureMailbox(client, config, config.processedMailbox, server, log);
    }
    try {
      lock = await client.getMailboxLock(config.mailbox);
    } catch (e) {
      throw mailboxError(config, config.mailbox, server, e);
    }
    const found = await step(`searching ${config.mailbox} for unseen messages`, () =>
      // undefined: no mailbox selected any more (the connection dropped).
      client.search({ seen: false }, { uid: true }).then((uids) => uids ?? false),
    );
    const uids = found.sort((a, b) => a - b).slice(0, limit);
    if (uids.length > 0) log(`${uids.length} unseen message(s) to handle`);

    let fetched = 0;
    let handled = 0;
    let failed = 0;
    for (const uid of uids) {
      // null: expunged by another client since the search, nothing to hand over.
      const message = await step(`fetching message UID ${uid}`, async () => {
        const found = await client.fetchOne(
          String(uid),
          { uid: true, source: true },
          { uid: true },
        );
        return found || null;
      });
      if (!message?.source) continue;
      fetched += 1;
      try {
        await handle(message.source);
      } catch (e) {
        failed += 1;
        log(`message UID ${uid} failed, left unseen for the next poll: ${describe(e)}`);
        continue;
      }
      await step(
        `flagging message UID ${uid} \\Seen after it was handled`,
        () => client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true }),
        'it is still unseen: the next poll hands it over again',
      );
      if (config.processedMailbox !== undefined) {
        const target = config.processedMailbox;
        await step(
          `moving message UID ${uid} to ${target} after it was handled`,
          () => client.messageMove(String(uid), target, { uid: true }),
          `it stays in ${config.mailbox}, flagged \\Seen`,
        );
      }
      handled += 1;
    }
    if (fetched > 0) log(`${handled} handled, ${failed} failed`);
    return { fetched, handled, failed };
  } catch (e) {
    // Our own errors are already clean; anything else is scrubbed of the password.
    if (e instanceof AppError) throw e;
    throw new Error(clean(e instanceof Error ? e.message : String(e)));
  } finally {
    lock?.release();
    await client.logout().catch(() => client.close());
  }
}

function clientOptions(config: ImapConfig): ImapFlowOptions {
  const tls = config.security === 'tls';
  return {
    host: config.host,
    port: config.port,
    secure: tls,
    ...(tls || config.security === 'starttls-if-offered'
      ? {}
      : { doSTARTTLS: config.security === 'starttls' }),
    ...(isIP(config.host) ? {} : { servername: config.host }),
    auth: { user: config.user, pass: config.password },
    disableAutoIdle: true,
    clientInfo: { name: 'relance' },
  };
}

/**
 * imapflow reports some refused commands only to its logger (the call resolves `false`): this
 * logger keeps the last such report, so our error can say what the server answered.
 */
function failureLog() {
  let last: string | undefined;
  const keep = (entry: unknown) => {
    const { err, msg } = (entry ?? {}) as { err?: unknown; msg?: unknown };
    if (err !== undefined) last = describe(err);
    else if (typeof msg === 'string') last = msg;
  };
  const ignore = () => undefined;
  return {
    logger: { debug: ignore, info: ignore, warn: keep, error: keep },
    take(): string | undefined {
      const text = last;
      last = undefined;
      return text;
    },
  };
}

/**
 * Runs one IMAP command of the poll. A rejection, or `false` (imapflow's way of saying the server
 * refused), becomes an Error saying on which server what was being done, and what follows.
 */
function stepper(server: string, failures: ReturnType<typeof failureLog>) {
  return async <T>(doing: string, run: () => Promise<T | false>, consequence = ''): Promise<T> => {
    failures.take();
    let reason: string;
    try {
      const result = await run();
      if (result !== false) return result;
      reason = failures.take() ?? 'the server refused it';
    } catch (e) {
      reason = describe(e);
    }
    const then = consequence === '' ? '' : ` (${consequence})`;
    throw new Error(`IMAP server ${server}: ${doing} failed: ${reason}${then}`);
  };
}

async function ensureMailbox(
  client: ImapFlow,
  config: ImapConfig,
  path: string,
  server: string,
  log: (line: string) => void,
): Promise<void> {
  try {
    const list = await client.list();
    const wanted = path.toUpperCase() === 'INBOX' ? 'INBOX' : path;
    if (list.some((box) => box.path === wanted)) return;
    await client.mailboxCreate(path);
    log(`created the processed mailbox ${path}`);
  } catch (e) {
    throw mailboxError(config, path, server, e);
  }
}

function connectError(config: ImapConfig, server: string, e: unknown): AppError {
  const err = (e ?? {}) as { code?: unknown; authenticationFailed?: unknown; tlsFailed?: unknown };
  const reason = redact(describe(e), config.password);
  const field = config.setting;
  const value = config.redactedUrl;
  if (err.authenticationFailed === true) {
    return new AppError(
      'CONFIG',
      `the IMAP server ${server} refused the login of user "${config.user}": ${reason}`,
      [{ field, value, expected: 'a user name and password this IMAP server accepts' }],
    );
  }
  const tls = err.tlsFailed === true || /tls|ssl|certificate/i.test(reason);
  return new AppError('CONFIG', `cannot connect to the IMAP server ${server}: ${reason}`, [
    {
      field,
      value,
      expected: tls
        ? 'imaps:// for a server speaking TLS from the start (usually port 993), imap://…?starttls=true for one offering STARTTLS (usually 143), with a valid certificate'
        : 'the host and port of a reachable IMAP server (usually 993 for imaps://, 143 for imap://)',
    },
  ]);
}

function mailboxError(config: ImapConfig, path: string, server: string, e: unknown): AppError {
  const missing = (e as { mailboxMissing?: unknown } | undefined)?.mailboxMissing === true;
  const reason = redact(describe(e), config.password);
  const read = path === config.mailbox;
  return new AppError(
    'CONFIG',
    missing
      ? `the mailbox "${path}" does not exist on the IMAP server ${server}`
      : `the IMAP server ${server} refused the mailbox "${path}": ${reason}`,
    [
      {
        field: `${config.setting} ${read ? 'mailbox' : 'processed'}`,
        value: path,
        expected: read
          ? 'an existing mailbox of this account (the path after host:port, INBOX by default)'
          : 'a mailbox name this account may create, or an existing one (processed=…)',
      },
    ],
  );
}

/** The error's message with what the server answered and the error code, when there are. */
function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const err = e as Error & { code?: unknown; responseText?: unknown };
  const parts = [err.message];
  if (typeof err.responseText === 'string' && err.responseText !== '') {
    parts.push(`(server: ${err.responseText})`);
  }
  if (typeof err.code === 'string' && !err.message.includes(err.code)) parts.push(`[${err.code}]`);
  return parts.join(' ');
}

/** Hides the password wherever it appears, raw or percent-encoded. */
function redact(text: string, password: string): string {
  if (password === '') return text;
  return [password, encodeURIComponent(password)].reduce(
    (out, secret) => out.split(secret).join('***'),
    text,
  );
}
