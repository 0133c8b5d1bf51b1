import pg from 'pg';
import { CHANGE_CHANNEL, type ChangeFeed, type ChangeHandlers } from './change-signal.ts';
import { SIGNAL_CHECK } from './change-feed-check.ts';

export interface ServerFeedOptions {
  readonly url: string;
  readonly schema?: string | undefined;
  /** First wait before reconnecting after the connection is lost; doubles up to 30 s. */
  readonly retryMs?: number | undefined;
  /** How long `sync()` waits for its round trip before giving up on the connection. */
  readonly syncTimeoutMs?: number | undefined;
}

const MAX_RETRY_MS = 30_000;

/**
 * Listens on a connection of its own. Notifications arrive when their transaction commits,
 * asynchronously: `sync()` makes a round trip on the listening connection, and the server
 * sends the notifications of every transaction committed before that query ahead of its
 * answer. A lost connection reports `listening(false)` and is re-opened with a growing delay.
 */
export async function watchServerChanges(
  options: ServerFeedOptions,
  handlers: ChangeHandlers,
): Promise<ChangeFeed> {
  const feed = new ServerChangeFeed(options, handlers);
  await feed.connect();
  return feed;
}

class ServerChangeFeed implements ChangeFeed {
  private client: pg.Client | undefined;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private delay: number;
  /** The round trip sent and not answered yet, and the one waiting to be sent after it. */
  private current: Promise<void> | undefined;
  private next: Promise<void> | undefined;

  constructor(
    private readonly options: ServerFeedOptions,
    private readonly handlers: ChangeHandlers,
  ) {
    this.delay = options.retryMs ?? 500;
  }

  async connect(): Promise<void> {
    const { url, schema } = this.options;
    const client = new pg.Client({
      connectionString: url,
      // Named, so that an administrator sees what this idle connection is.
      application_name: `relance change feed${schema ? ` ${schema}` : ''}`,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      const check = await client.query<{ schema: string; present: boolean }>(SIGNAL_CHECK);
      const row = check.rows[0];
      if (!row?.present) {
        // Without the triggers nothing would ever be reported: stay off (no retry).
        this.handlers.listening(false);
        await client.end();
        return;
      }
      client.on('notification', (message) => {
        if (message.channel === CHANGE_CHANNEL && message.payload === row.schema) {
          this.handlers.changed();
        }
      });
      await client.query(`listen ${CHANGE_CHANNEL}`);
      if (this.closed) {
        await client.end();
        return;
      }
      this.client = client;
      // The listener alone does not keep the process alive (the server, or a test, does).
      (
        client as unknown as { connection?: { stream?: { unref?: () => void } } }
      ).connection?.stream?.unref?.();
      this.delay = this.options.retryMs ?? 500;
      this.handlers.listening(true);
    } catch {
      client.end().catch(() => {});
      this.retry();
    }
  }

  sync(): Promise<void> {
    if (!this.client) return Promise.reject(new Error('not listening'));
    if (!this.current) return this.send();
    // A trip already under way may have been sent before this call: wait for the next one.
    const ignore = () => {};
    this.next ??= this.current.then(ignore, ignore).then(() => {
      this.next = undefined;
      return this.current ?? this.send();
    });
    return this.next;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    if (client) await client.end().catch(() => {});
  }

  private send(): Promise<void> {
    const client = this.client;
    if (!client) return Promise.reject(new Error('not listening'));
    const timeoutMs = this.options.syncTimeoutMs ?? 2000;
    let timer: NodeJS.Timeout | undefined;
    const trip: Promise<void> = Promise.race([
      client.query('select 1').then(() => {}),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('the change feed did not answer')), timeoutMs);
      }),
    ])
      .catch((error: unknown) => {
        // An unanswered round trip: the connection cannot be trusted to report changes.
        this.lost(client);
        throw error;
      })
      .finally(() => {
        clearTimeout(timer);
        if (this.current === trip) this.current = undefined;
      });
    this.current = trip;
    return trip;
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.handlers.listening(false);
    client.end().catch(() => {});
    this.retry();
  }

  private retry(): void {
    if (this.closed || this.timer) return;
    const wait = this.delay;
    this.delay = Math.min(this.delay * 2, MAX_RETRY_MS);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.closed) void this.connect();
    }, wait);
    this.timer.unref();
  }
}
