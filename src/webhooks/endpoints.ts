import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, WebhookEndpointsTable } from '../store/schema.ts';
import { AppError, type Problem } from '../core/errors.ts';
import { inTransaction, invalid, openContext, type Scope } from '../ledger/ledger-context.ts';
import { parseEventTypes } from './event-types.ts';

/** An endpoint as listed: the secret is masked (it is shown once, when generated). */
export interface EndpointView {
  readonly id: number;
  readonly url: string;
  readonly events: readonly string[];
  /** `********` and the last 4 characters. */
  readonly secret: string;
  readonly createdAt: string;
  readonly pending: number;
  readonly delivered: number;
  readonly failed: number;
}

export interface AddEndpointInput extends Scope {
  readonly url: string;
  /** Event types, comma-separated or as a list; `*` for all. */
  readonly events: string | readonly string[];
  /** The signing secret (at least 16 characters); default: a random one, returned once. */
  readonly secret?: string | undefined;
}

export interface AddEndpointResult {
  readonly endpoint: EndpointView;
  /** Only when the secret was generated: the one time it is shown. */
  readonly generatedSecret?: string | undefined;
}

const MIN_SECRET = 16;

/**
 * Adds a webhook endpoint to the company. It receives the events recorded from now on
 * (its cursor starts at the newest timeline row). The secret is stored as given — it
 * signs every delivery — and never returned again.
 */
export async function addEndpoint(
  db: Kysely<DB>,
  input: AddEndpointInput,
): Promise<AddEndpointResult> {
  const ctx = await openContext(db, input);
  const problems: Problem[] = [];
  const url = checkUrl(problems, input.url);
  const events = parseEventTypes(input.events, problems);
  if (input.secret !== undefined) {
    // The value is never echoed back: only its length is said.
    if (input.secret.length < MIN_SECRET || input.secret.length > 500) {
      problems.push({
        field: 'secret',
        value: `(${input.secret.length} characters)`,
        expected: `a secret of ${MIN_SECRET} to 500 characters`,
      });
    } else if (/[\s\p{Cc}]/u.test(input.secret)) {
      problems.push({
        field: 'secret',
        value: '(hidden)',
        expected: 'a secret without spaces or control characters',
      });
    }
  }
  if (problems.length > 0) throw invalid('invalid webhook endpoint', problems);
  const generated =
    input.secret === undefined ? `whsec_${randomBytes(24).toString('base64url')}` : undefined;
  const row = await inTransaction(db, async (trx) => {
    const { max } = await sql<{ max: number | null }>`select max(id) as max from timeline`
      .execute(trx)
      .then((r) => r.rows[0] ?? { max: null });
    return trx
      .insertInto('webhook_endpoints')
      .values({
        company_id: ctx.company.id,
        url: url!,
        secret: input.secret ?? generated!,
        events,
        cursor_id: Number(max ?? 0),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  return { endpoint: toView(row, {}), generatedSecret: generated };
}

/** The company's endpoints (not removed), with their delivery counts. */
export async function listEndpoints(db: Kysely<DB>, scope: Scope): Promise<EndpointView[]> {
  const ctx = await openContext(db, scope);
  const rows = await db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('company_id', '=', ctx.company.id)
    .where('removed_at', 'is', null)
    .orderBy('id')
    .execute();
  if (rows.length === 0) return [];
  const counts = await db
    .selectFrom('webhook_deliveries')
    .select(['endpoint_id', 'state'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(
      'endpoint_id',
      'in',
      rows.map((r) => r.id),
    )
    .groupBy(['endpoint_id', 'state'])
    .execute();
  return rows.map((r) =>
    toView(
      r,
      Object.fromEntries(
        counts.filter((c) => c.endpoint_id === r.id).map((c) => [c.state, Number(c.n)]),
      ),
    ),
  );
}

export interface RemoveEndpointInput extends Scope {
  readonly id: string | number;
}

/**
 * Removes an endpoint: nothing more is sent to it, its pending deliveries become failed
 * ("endpoint removed"); its delivery log is kept.
 */
export async function removeEndpoint(
  db: Kysely<DB>,
  input: RemoveEndpointInput,
): Promise<EndpointView> {
  const ctx = await openContext(db, input);
  const id = Number(input.id);
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw invalid(`invalid webhook id ${input.id}`, [
      { field: 'id', value: String(input.id), expected: 'an endpoint id (relance webhook list)' },
    ]);
  }
  const now = input.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable('webhook_endpoints')
      .set({ removed_at: now })
      .where('id', '=', id)
      .where('company_id', '=', ctx.company.id)
      .where('removed_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      throw new AppError('NOT_FOUND', `no webhook endpoint #${id} in company ${ctx.company.code}`, [
        { field: 'id', value: String(id), expected: 'an endpoint id (relance webhook list)' },
      ]);
    }
    await trx
      .updateTable('webhook_deliveries')
      .set({ state: 'failed', last_error: 'endpoint removed', updated_at: now })
      .where('endpoint_id', '=', id)
      .where('state', '=', 'pending')
      .execute();
    return toView(row, {});
  });
}

export function maskSecret(secret: string): string {
  return `********${secret.length >= MIN_SECRET ? secret.slice(-4) : ''}`;
}

function toView(
  r: Selectable<WebhookEndpointsTable>,
  counts: Partial<Record<string, number>>,
): EndpointView {
  return {
    id: r.id,
    url: r.url,
    events: r.events,
    secret: maskSecret(r.secret),
    createdAt: new Date(r.created_at).toISOString(),
    pending: counts.pending ?? 0,
    delivered: counts.delivered ?? 0,
    failed: counts.failed ?? 0,
  };
}

function checkUrl(problems: Problem[], text: string): string | undefined {
  const value = text.trim();
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
    problems.push({ field: 'url', value: text, expected: 'an http:// or https:// URL' });
    return undefined;
  }
  if (url.username !== '' || url.password !== '') {
    problems.push({
      field: 'url',
      value: `${url.protocol}//***@${url.host}${url.pathname}`,
      expected: 'a URL without user name or password (the signature authenticates Relance)',
    });
    return undefined;
  }
  if (value.length > 2000) {
    problems.push({
      field: 'url',
      value: `${value.slice(0, 60)}…`,
      expected: 'at most 2000 characters',
    });
    return undefined;
  }
  return url.toString();
}
