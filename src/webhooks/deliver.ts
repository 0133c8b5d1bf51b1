import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signatureHeader } from './signature.ts';
import { retryDelayMs, type RetryPolicy } from '../core/delivery/retry.ts';

export interface DeliverWebhooksOptions {
  /** The clock: a fixed time or a function (tests pass their own). */
  readonly now?: Date | (() => Date) | undefined;
  readonly fetch?: typeof fetch | undefined;
  /** Jitter source, [0, 1) (default Math.random). */
  readonly random?: (() => number) | undefined;
  /** Attempts after which a delivery is failed for good (default 10). */
  readonly maxAttempts?: number | undefined;
  /** First retry delay (default 30 s), doubled each attempt with jitter, up to maxDelayMs. */
  readonly baseDelayMs?: number | undefined;
  /** Longest retry delay (default 6 h). */
  readonly maxDelayMs?: number | undefined;
  /** Per request, response included (default 10 s). */
  readonly timeoutMs?: number | undefined;
  /** Requests in flight at once (default 4). */
  readonly concurrency?: number | undefined;
  /** Only this company's deliveries (default: every company). */
  readonly companyId?: number | undefined;
  /** At most this many attempts in this call (default: until nothing is due). */
  readonly limit?: number | undefined;
}

export interface DeliverWebhooksReport {
  attempted: number;
  delivered: number;
  /** Failed attempts that will be tried again later. */
  retried: number;
  /** Deliveries failed for good now (attempts exhausted, endpoint removed). */
  failed: number;
}

interface Claimed {
  id: number;
  endpoint_id: number;
  event_id: string;
  payload: string;
  attempts: number;
}

/**
 * POSTs the due webhook deliveries: each is claimed first (attempts + 1 and a lease in
 * `next_attempt_at`, rows taken with FOR UPDATE SKIP LOCKED), so processes delivering at
 * the same time never send the same delivery. A 2xx answer delivers it; anything else
 * (status, network error, timeout, redirect) is retried with exponential backoff and
 * jitter until `maxAttempts`, then failed. A process stopped after sending but before
 * recording leaves the claim to expire: the event is sent again (at least once —
 * receivers deduplicate on Relance-Event-Id).
 */
export async function deliverWebhooks(
  db: Kysely<DB>,
  options: DeliverWebhooksOptions = {},
): Promise<DeliverWebhooksReport> {
  const clock = options.now;
  const now = typeof clock === 'function' ? clock : () => clock ?? new Date();
  const send = options.fetch ?? fetch;
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? 10;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const policy: RetryPolicy = {
    baseMs: options.baseDelayMs ?? 30_000,
    maxMs: options.maxDelayMs ?? 21_600_000,
    maxAttempts,
  };
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const report: DeliverWebhooksReport = { attempted: 0, delivered: 0, retried: 0, failed: 0 };
  for (;;) {
    const room =
      options.limit === undefined
        ? concurrency
        : Math.min(concurrency, options.limit - report.attempted);
    if (room <= 0) break;
    const claimed = await claim(db, now(), room, timeoutMs, options.companyId);
    if (claimed.length === 0) break;
    const endpoints = await db
      .selectFrom('webhook_endpoints')
      .select(['id', 'url', 'secret', 'removed_at'])
      .where('id', 'in', [...new Set(claimed.map((c) => c.endpoint_id))])
      .execute();
    await Promise.all(
      claimed.map(async (row) => {
        report.attempted += 1;
        const endpoint = endpoints.find((e) => e.id === row.endpoint_id);
        if (!endpoint || endpoint.removed_at !== null) {
          await finish(db, row, now(), {
            state: 'failed',
            status: null,
            error: 'endpoint removed',
          });
          report.failed += 1;
          return;
        }
        const result = await post(send, endpoint.url, endpoint.secret, row, now(), timeoutMs);
        const at = now();
        if (result.ok) {
          await finish(db, row, at, { state: 'delivered', status: result.status, error: null });
          report.delivered += 1;
        } else if (row.attempts >= maxAttempts) {
          await finish(db, row, at, {
            state: 'failed',
            status: result.status,
            error: result.error,
          });
          report.failed += 1;
        } else {
          const next = new Date(at.getTime() + retryDelayMs(row.attempts, policy, random));
          await finish(db, row, at, {
            state: 'pending',
            status: result.status,
            error: result.error,
            next,
          });
          report.retried += 1;
        }
      }),
    );
  }
  return report;
}

/** Takes up to `n` due deliveries: one attempt more, due again only when the lease ends. */
async function claim(
  db: Kysely<DB>,
  now: Date,
  n: number,
  timeoutMs: number,
  companyId: number | undefined,
): Promise<Claimed[]> {
  const lease = new Date(now.getTime() + timeoutMs + 60_000);
  const company = companyId === undefined ? sql`` : sql`and company_id = ${companyId}`;
  const { rows } = await sql<Claimed>`
    update webhook_deliveries d
       set attempts = d.attempts + 1, last_attempt_at = ${now}, next_attempt_at = ${lease},
           updated_at = ${now}
     where d.id in (
       select id from webhook_deliveries
        where state = 'pending' and next_attempt_at <= ${now} ${company}
        order by next_attempt_at, id
        limit ${n}
        for update skip locked)
    returning d.id, d.endpoint_id, d.event_id, d.payload, d.attempts`.execute(db);
  return rows.map((r) => ({ ...r, id: Number(r.id), attempts: Number(r.attempts) }));
}

type Outcome =
  | { state: 'delivered' | 'failed'; status: number | null; error: string | null }
  | { state: 'pending'; status: number | null; error: string | null; next: Date };

/** Records an attempt's result, unless another process claimed the row again since. */
async function finish(db: Kysely<DB>, row: Claimed, at: Date, outcome: Outcome): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({
      state: outcome.state,
      last_status: outcome.status,
      last_error: outcome.error,
      delivered_at: outcome.state === 'delivered' ? at : null,
      updated_at: at,
      ...(outcome.state === 'pending' ? { next_attempt_at: outcome.next } : {}),
    })
    .where('id', '=', row.id)
    .where('attempts', '=', row.attempts)
    .where('state', '=', 'pending')
    .execute();
}

type PostResult =
  { ok: true; status: number } | { ok: false; status: number | null; error: string };

async function post(
  send: typeof fetch,
  url: string,
  secret: string,
  row: Claimed,
  now: Date,
  timeoutMs: number,
): Promise<PostResult> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await send(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Relance-Webhooks/1',
        [SIGNATURE_HEADER]: signatureHeader(secret, row.payload, now),
        [EVENT_ID_HEADER]: row.event_id,
        'Relance-Attempt': String(row.attempts),
      },
      body: row.payload,
      redirect: 'manual',
      signal,
    });
    const text = await readSome(response, 500);
    if (response.status >= 200 && response.status < 300)
      return { ok: true, status: response.status };
    return {
      ok: false,
      status: response.status,
      error: `HTTP ${response.status}${text ? `: ${text}` : ''}`,
    };
  } catch (error) {
    return { ok: false, status: null, error: describeError(error, timeoutMs) };
  }
}

/** The start of the response body (at most `max` characters), the rest discarded. */
async function readSome(response: Response, max: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < max) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, max);
}

function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `timeout after ${timeoutMs} ms`;
  }
  const cause =
    error instanceof Error
      ? (error.cause as { code?: string; message?: string } | undefined)
      : undefined;
  const detail = cause?.code ?? cause?.message;
  const message = error instanceof Error ? error.message : String(error);
  return detail ? `${message} (${detail})` : message;
}
