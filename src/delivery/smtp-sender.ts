import nodemailer from 'nodemailer';
import type { ComposedEmail, MailAddress } from './composer.ts';

/** A composed e-mail with the headers the worker adds. */
export interface OutgoingEmail extends ComposedEmail {
  /** Stable per outbox row: `<relance.action-123.email@domain>`. */
  readonly messageId: string;
}

export interface SendResult {
  /** The server's final reply (e.g. `250 2.0.0 Ok: queued as 1234`). */
  readonly response: string;
  readonly accepted: readonly string[];
  readonly rejected: readonly string[];
}

/** Sends e-mails for a company; one pooled SMTP connection set per server. */
export interface Sender {
  send(companyId: number, email: OutgoingEmail): Promise<SendResult>;
  close(): void;
}

export interface SmtpSenderOptions {
  /** The SMTP URL of a company (its own, or the deployment's RELANCE_SMTP_URL). */
  readonly urlFor: (companyId: number) => string;
  /** Connections per SMTP server (default 4). */
  readonly maxConnections?: number | undefined;
  /** Milliseconds to connect, and of silence on a connection, before giving up (defaults 30 s, 60 s). */
  readonly connectionTimeoutMs?: number | undefined;
  readonly socketTimeoutMs?: number | undefined;
}

/** Headers every reminder carries (RFC 3834: automatic messages must not trigger auto-replies loops). */
export const AUTOMATIC_HEADERS = { 'Auto-Submitted': 'auto-generated' } as const;

/**
 * Sends over SMTP with nodemailer's pooled transport: STARTTLS when the server offers it
 * (`smtp://…:587`; add `?requireTLS=true` to insist), implicit TLS with `smtps://…:465`,
 * authentication from the URL's user and password. The pool does not re-send a message on
 * its own after a broken connection (`maxRequeues: 0`): the outbox decides every retry and
 * counts it. Attachments and bodies are only ever buffers and strings: file and URL access
 * are disabled, so no value from data can make nodemailer read a file or fetch a URL.
 */
export function createSmtpSender(options: SmtpSenderOptions): Sender {
  const transports = new Map<string, ReturnType<typeof transportFor>>();
  const transportFor = (url: string) =>
    nodemailer.createTransport({
      url,
      pool: true,
      maxConnections: options.maxConnections ?? 4,
      maxMessages: 1000,
      maxRequeues: 0,
      connectionTimeout: options.connectionTimeoutMs ?? 30_000,
      greetingTimeout: options.connectionTimeoutMs ?? 30_000,
      socketTimeout: options.socketTimeoutMs ?? 60_000,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  return {
    async send(companyId, email) {
      const url = options.urlFor(companyId);
      let transport = transports.get(url);
      if (!transport) transports.set(url, (transport = transportFor(url)));
      const info = await transport.sendMail({
        messageId: email.messageId,
        from: address(email.from),
        ...(email.replyTo ? { replyTo: address(email.replyTo) } : {}),
        to: email.to.map(address),
        ...(email.cc && email.cc.length > 0 ? { cc: email.cc.map(address) } : {}),
        subject: email.subject,
        text: email.text,
        html: email.html,
        headers: { ...AUTOMATIC_HEADERS },
        attachments: (email.attachments ?? []).map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      return {
        response: String(info.response ?? ''),
        accepted: (info.accepted ?? []).map(String),
        rejected: (info.rejected ?? []).map(String),
      };
    },
    close() {
      for (const t of transports.values()) t.close();
      transports.clear();
    },
  };
}

function address(a: MailAddress): { name: string; address: string } {
  return { name: a.name ?? '', address: a.address };
}
