import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

/** One message as the server received it. */
export interface ReceivedMail {
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
  readonly raw: Buffer;
  /** Whether the client authenticated, and over TLS. */
  readonly user: string | undefined;
  readonly secure: boolean;
}

/**
 * What the server answers to a message: accept it, refuse it with an SMTP reply (451 =
 * try later, 550 = refused), or drop the connection in the middle of DATA.
 */
export type Verdict = 'accept' | { readonly reply: number; readonly message: string } | 'drop';

export interface SmtpSinkOptions {
  /** Require AUTH (user/password) — over STARTTLS, with the server's self-signed certificate. */
  readonly auth?: { readonly user: string; readonly pass: string } | undefined;
  /** Decides each message (default: accept). */
  readonly verdict?: ((mail: ReceivedMail, index: number) => Verdict) | undefined;
  /** Milliseconds to wait before answering each message. */
  readonly delayMs?: number | undefined;
  /** Keep messages (default true; the benchmark only counts). */
  readonly keep?: boolean | undefined;
}

/**
 * A real SMTP server on loopback (port chosen by the system) that records what it receives.
 * Tests read the envelope and parse the raw message back with mailparser.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** Messages accepted (counted even when not kept). */
  accepted = 0;
  /** Messages answered with anything but acceptance, or dropped. */
  refused = 0;
  private server: SMTPServer;
  private seen = 0;
  port = 0;

  constructor(private readonly options: SmtpSinkOptions = {}) {
    this.server = this.create();
  }

  private create(): SMTPServer {
    const auth = this.options.auth;
    const settings: SMTPServerOptions = {
      logger: false,
      hideSTARTTLS: !auth,
      disabledCommands: auth ? [] : ['AUTH'],
      authOptional: !auth,
      size: 50 * 1024 * 1024,
      onAuth: (a, _session, callback) => {
        if (auth && a.username === auth.user && a.password === auth.pass) {
          callback(null, { user: a.username });
        } else callback(new Error('Invalid username or password'));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        const index = this.seen++;
        const mail = (): ReceivedMail => ({
          envelope: envelopeOf(session),
          raw: Buffer.concat(chunks),
          user: typeof session.user === 'string' ? session.user : undefined,
          secure: session.secure,
        });
        let dropped = false;
        stream.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          if (dropped) return;
          const verdict = this.options.verdict?.(mail(), index) ?? 'accept';
          if (verdict === 'drop') {
            dropped = true;
            this.refused += 1;
            for (const c of this.server.connections) {
              if (c.session?.id === session.id) c._socket.destroy();
            }
          }
        });
        stream.on('end', () => {
          if (dropped) return;
          const received = mail();
          const verdict = this.options.verdict?.(received, index) ?? 'accept';
          const answer = () => {
            if (verdict === 'accept') {
              this.accepted += 1;
              if (this.options.keep !== false) this.received.push(received);
              callback(null, `Ok: queued as M${index}`);
            } else if (verdict !== 'drop') {
              this.refused += 1;
              const error = new Error(verdict.message) as Error & { responseCode: number };
              error.responseCode = verdict.reply;
              callback(error);
            }
          };
          if (this.options.delayMs) setTimeout(answer, this.options.delayMs);
          else answer();
        });
      },
    };
    return new SMTPServer(settings);
  }

  async start(port = 0): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  /** Stops listening and closes open connections. */
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server = this.create();
  }

  /** The URL a client uses: plain SMTP (STARTTLS offered only with auth). */
  get url(): string {
    const auth = this.options.auth;
    const credentials = auth
      ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@`
      : '';
    const tls = auth ? '?requireTLS=true&tls.rejectUnauthorized=false' : '';
    return `smtp://${credentials}127.0.0.1:${this.port}${tls}`;
  }

  async parsed(): Promise<ParsedMail[]> {
    return Promise.all(this.received.map((m) => simpleParser(m.raw)));
  }

  /** Message-IDs received, in order. */
  async messageIds(): Promise<string[]> {
    return (await this.parsed()).map((m) => m.messageId ?? '');
  }
}

function envelopeOf(session: SMTPServerSession): ReceivedMail['envelope'] {
  const from = session.envelope.mailFrom;
  return {
    from: from ? from.address : '',
    to: session.envelope.rcptTo.map((r) => r.address),
  };
}

/** A port nothing listens on (the server was started there, then stopped). */
export async function closedPort(): Promise<number> {
  const sink = await new SmtpSink().start();
  const port = sink.port;
  await sink.stop();
  return port;
}
