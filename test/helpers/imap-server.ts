import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, chmodSync, chownSync, mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

/** What the tests need installed: Debian's Dovecot IMAP server (dovecot-core comes with it). */
export const DOVECOT_PACKAGE = 'dovecot-imapd';

/** One message of a mailbox as the server holds it. */
export interface StoredMessage {
  readonly uid: number;
  readonly messageId: string | undefined;
  readonly seen: boolean;
}

/**
 * A real Dovecot IMAP server on loopback, in the foreground, from a configuration written into
 * a temporary folder: plaintext login (no TLS), one passwd-file user, Maildir storage. Runs as
 * root (mail owned by `nobody`, as Dovecot refuses uid 0 for mail) or as an ordinary user.
 */
export class ImapServer {
  readonly host = '127.0.0.1';
  private constructor(
    readonly port: number,
    readonly user: string,
    readonly password: string,
    private readonly dir: string,
    private readonly child: ChildProcess,
  ) {}

  /** Starts Dovecot; fails (never skips) with the package to install when it is missing. */
  static async start(
    credentials: { readonly user: string; readonly password: string } = {
      user: 'relance',
      password: 'p@ss/w%rd#1 é',
    },
  ): Promise<ImapServer> {
    const binary = dovecotBinary();
    const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
    if (!version.startsWith('2.3.')) {
      throw new Error(
        `test/helpers/imap-server.ts writes a Dovecot 2.3 configuration, found Dovecot ${version}`,
      );
    }
    if (/[:\n]/.test(credentials.user + credentials.password)) {
      throw new Error('a passwd-file user or password cannot hold ":" or a line break');
    }
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const dir = await mkdtemp(join(tmpdir(), 'relance-imap-'));
      const port = await freePort();
      const child = await launch(binary, dir, port, credentials).catch(async (e: unknown) => {
        await rm(dir, { recursive: true, force: true });
        lastError = e;
        return undefined;
      });
      if (child) return new ImapServer(port, credentials.user, credentials.password, dir, child);
      // Another process may have taken the port between our probe and Dovecot's bind.
      if (!String(lastError).includes('Address already in use')) break;
    }
    throw lastError;
  }

  /** `imap://user:password@127.0.0.1:port/mailbox?starttls=false…`, user and password encoded. */
  url(mailbox = 'INBOX', query = 'starttls=false', password = this.password): string {
    const auth = `${encodeURIComponent(this.user)}:${encodeURIComponent(password)}`;
    const path = encodeURIComponent(mailbox);
    return `imap://${auth}@${this.host}:${this.port}/${path}${query ? `?${query}` : ''}`;
  }

  /** Appends raw messages to a mailbox (created if missing), unseen. */
  async append(mailbox: string, messages: readonly (string | Buffer)[]): Promise<void> {
    await this.session(async (client) => {
      if (mailbox.toUpperCase() !== 'INBOX') await client.mailboxCreate(mailbox);
      for (const message of messages) await client.append(mailbox, message, []);
    });
  }

  /** Deletes a mailbox, from another session (as a user or another program would). */
  async deleteMailbox(mailbox: string): Promise<void> {
    await this.session(async (client) => {
      await client.mailboxDelete(mailbox);
    });
  }

  /** The messages of a mailbox in UID order, with their Message-ID and \Seen flag. */
  async messages(mailbox: string): Promise<StoredMessage[]> {
    return this.session(async (client) => {
      const lock = await client.getMailboxLock(mailbox, { readOnly: true });
      try {
        if (client.mailbox && client.mailbox.exists === 0) return [];
        const found = await client.fetchAll('1:*', { uid: true, flags: true, envelope: true });
        return found
          .map((m) => ({
            uid: m.uid,
            messageId: m.envelope?.messageId,
            seen: m.flags?.has('\\Seen') ?? false,
          }))
          .sort((a, b) => a.uid - b.uid);
      } finally {
        lock.release();
      }
    });
  }

  /** Dovecot's own log, for a failing test's diagnostics. */
  log(): string {
    return readLog(this.dir);
  }

  async stop(): Promise<void> {
    await stopProcess(this.child);
    await rm(this.dir, { recursive: true, force: true });
  }

  private async session<T>(work: (client: ImapFlow) => Promise<T>): Promise<T> {
    const client = new ImapFlow({
      host: this.host,
      port: this.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: this.user, pass: this.password },
      logger: false,
    });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  }
}

/** The dovecot binary, or an error telling how to install it. */
export function dovecotBinary(): string {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  for (const dir of dirs.filter((d) => d !== '')) {
    const candidate = join(dir, 'dovecot');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not there
    }
  }
  throw new Error(
    `the IMAP tests need a real Dovecot server and no dovecot binary was found: install it with ` +
      `"apt-get install -y ${DOVECOT_PACKAGE}" (Debian/Ubuntu; it brings dovecot-core)`,
  );
}

async function launch(
  binary: string,
  dir: string,
  port: number,
  credentials: { readonly user: string; readonly password: string },
): Promise<ChildProcess> {
  const root = process.getuid?.() === 0;
  // Dovecot refuses uid 0 for mail and for its login processes: as root they run as nobody.
  const me = userInfo();
  const mailUid = root
    ? Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }))
    : me.uid;
  const mailGid = root
    ? Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }))
    : me.gid;
  const loginUser = root ? 'nobody' : me.username;
  const internalUser = root ? 'root' : me.username;
  for (const sub of ['run', 'state', 'mail']) mkdirSync(join(dir, sub));
  // Login processes (nobody) traverse the folder to reach their sockets; mail is nobody's.
  chmodSync(dir, 0o755);
  if (root) chownSync(join(dir, 'mail'), mailUid, mailGid);
  await writeFile(join(dir, 'passwd'), `${credentials.user}:{PLAIN}${credentials.password}\n`);
  const config = `# Written by test/helpers/imap-server.ts: a throw-away IMAP server on loopback.
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = ${internalUser}
default_internal_group = ${root ? 'root' : execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim()}
default_login_user = ${loginUser}
first_valid_uid = 1
first_valid_gid = 0
mail_location = maildir:${dir}/mail/%u
namespace inbox {
  inbox = yes
  separator = /
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
  # No growing login delay for 127.0.0.1 after the wrong-password test: no penalty tracking.
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service stats {
  chroot =
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${dir}/mail/%u
}
`;
  const confPath = join(dir, 'dovecot.conf');
  await writeFile(confPath, config);
  const child = spawn(binary, ['-F', '-c', confPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
  try {
    await waitForPort(port, child, 10_000);
  } catch (e) {
    await stopProcess(child);
    const detail = [stderr.trim(), readLog(dir).trim()].filter((s) => s !== '').join('\n');
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${detail}`);
  }
  return child;
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'dovecot.log'), 'utf8');
  } catch {
    return '';
  }
}

/** A TCP port of 127.0.0.1 nothing listens on (at the time of asking). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves once the port accepts connections; rejects when Dovecot exits or time runs out. */
async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`dovecot exited at start-up (${child.exitCode ?? child.signalCode})`);
    }
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`dovecot did not listen on port ${port} in time`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
