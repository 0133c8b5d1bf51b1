import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { todayIn } from '../store/companies.ts';
import type { EmailAttachment } from '../core/delivery/email-message.ts';
import {
  attachmentRoom,
  DEFAULT_ATTACHMENT_LIMITS,
  invoiceFileName,
  type AttachmentLimits,
  type InvoicePdfProblem,
} from '../core/documents/invoice-pdf.ts';
import { recordEvents, type LedgerEvent } from '../ledger/ledger-context.ts';
import { fetchInvoicePdf } from './fetch-invoice-pdf.ts';

export const DEFAULT_INVOICE_FETCH_TIMEOUT_MS = 10_000;
export const DEFAULT_INVOICE_MAX_BYTES = 5_000_000;
export const MISSING_EVENT = 'INVOICE_PDF_MISSING';

export interface InvoiceAttachmentOptions {
  /** Per invoice, redirects and body included (default 10 s). */
  readonly timeoutMs?: number | undefined;
  /** Largest invoice PDF (default 5 MB); reading stops beyond it. */
  readonly maxBytes?: number | undefined;
  /** Per e-mail, the statement included (default 10 attachments, 15 MB). */
  readonly limits?: AttachmentLimits | undefined;
  /**
   * From this attempt of the outbox row on, an invoice that still cannot be fetched for a
   * temporary reason no longer holds the e-mail back: it goes without it (default 5).
   */
  readonly sendWithoutAfterAttempts?: number | undefined;
  readonly fetch?: typeof fetch | undefined;
  /** The clock, for the date of INVOICE_PDF_MISSING events. */
  readonly now?: (() => Date) | undefined;
}

/** The action whose invoices are attached. */
export interface InvoiceAction {
  readonly id: number;
  readonly companyId: number;
  readonly customerId: number;
  readonly currency: string;
  readonly timezone: string;
  /** Item numbers, in the order of the e-mail. */
  readonly items: readonly string[];
}

/**
 * Invoice PDFs could not be fetched for now (timeout, 5xx, network): the e-mail is not sent
 * yet. Deliberately not an AppError — the worker counts it a temporary failure and retries.
 */
export class InvoicePdfUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvoicePdfUnavailable';
  }
}

interface Missing {
  readonly number: string;
  readonly url: string;
  readonly reason: string;
}

/**
 * The PDFs of the action's items that have a `document_url`, as attachments named
 * `invoice-<number>.pdf`, in the action's order, after `already` (the statement) and within
 * the limits. Each PDF is fetched once and kept in `item_documents`. A temporary problem
 * throws InvoicePdfUnavailable (after the PDFs fetched meanwhile are stored); a permanent one
 * leaves the invoice out and records INVOICE_PDF_MISSING once per action and item.
 */
export async function invoiceAttachments(
  db: Kysely<DB>,
  action: InvoiceAction,
  already: readonly EmailAttachment[],
  attempt: number,
  options: InvoiceAttachmentOptions = {},
): Promise<EmailAttachment[]> {
  if (action.items.length === 0) return [];
  const rows = await db
    .selectFrom('items')
    .select(['id', 'number', 'document_url'])
    .where('company_id', '=', action.companyId)
    .where('number', 'in', [...action.items])
    .where('document_url', 'is not', null)
    .execute();
  if (rows.length === 0) return [];
  const order = new Map(action.items.map((n, i) => [n, i]));
  rows.sort((a, b) => order.get(a.number)! - order.get(b.number)!);

  const limits = options.limits ?? DEFAULT_ATTACHMENT_LIMITS;
  const room = Math.max(0, limits.maxAttachments - already.length);
  const wanted = rows.slice(0, room);
  const left = rows.slice(room);

  const cached = new Map<string, Buffer>();
  for (const c of await db
    .selectFrom('item_documents')
    .select(['item_id', 'url', 'content'])
    .where(
      'item_id',
      'in',
      wanted.map((r) => r.id),
    )
    .execute()) {
    cached.set(`${c.item_id} ${c.url}`, asBuffer(c.content));
  }

  type Item = (typeof wanted)[number];
  type Got =
    | {
        readonly item: Item;
        readonly url: string;
        readonly content: Buffer;
        readonly problem?: undefined;
      }
    | { readonly item: Item; readonly url: string; readonly problem: InvoicePdfProblem };
  const fetched = await Promise.all(
    wanted.map(async (item): Promise<Got> => {
      const url = item.document_url!;
      const hit = cached.get(`${item.id} ${url}`);
      if (hit) return { item, url, content: hit };
      const result = await fetchInvoicePdf(url, {
        timeoutMs: options.timeoutMs ?? DEFAULT_INVOICE_FETCH_TIMEOUT_MS,
        maxBytes: options.maxBytes ?? DEFAULT_INVOICE_MAX_BYTES,
        fetch: options.fetch,
      });
      if (!result.ok) return { item, url, problem: result };
      await db
        .insertInto('item_documents')
        .values({
          item_id: item.id,
          url,
          sha256: createHash('sha256').update(result.content).digest('hex'),
          content: result.content,
          media_type: result.mediaType,
          size: result.content.length,
        })
        .onConflict((oc) => oc.columns(['item_id', 'url']).doNothing())
        .execute();
      return { item, url, content: result.content };
    }),
  );

  const giveUpAt = options.sendWithoutAfterAttempts ?? 5;
  const temporary = fetched.flatMap((f) =>
    f.problem?.kind === 'temporary'
      ? [`invoice ${f.item.number} (${shown(f.url)}): ${f.problem.reason}`]
      : [],
  );
  if (temporary.length > 0 && attempt < giveUpAt) {
    throw new InvoicePdfUnavailable(
      `invoice PDFs not available yet, the e-mail waits (attempt ${attempt}, sent without them from attempt ${giveUpAt}): ${temporary.join('; ')}`,
    );
  }

  const attachments: EmailAttachment[] = [];
  const missing: Missing[] = [];
  const used = {
    count: already.length,
    bytes: already.reduce((sum, a) => sum + a.content.length, 0),
  };
  for (const f of fetched) {
    const number = f.item.number;
    if (f.problem) {
      const reason =
        f.problem.kind === 'temporary'
          ? `${f.problem.reason} (still on attempt ${attempt}: sent without it)`
          : f.problem.reason;
      missing.push({ number, url: f.url, reason });
      continue;
    }
    const full = attachmentRoom(used, f.content.length, limits);
    if (full) {
      missing.push({ number, url: f.url, reason: full.reason });
      continue;
    }
    attachments.push({
      filename: invoiceFileName(number),
      contentType: 'application/pdf',
      content: f.content,
    });
    used.count += 1;
    used.bytes += f.content.length;
  }
  const over =
    left.length === 0
      ? []
      : [
          {
            number: '',
            url: '',
            reason: `${left.length} more invoice PDF${left.length === 1 ? '' : 's'} not attached (${list(left.map((r) => r.number))}): at most ${limits.maxAttachments} attachments per e-mail`,
          },
        ];
  await recordMissing(db, action, [...missing, ...over], options.now ?? (() => new Date()));
  return attachments;
}

/** INVOICE_PDF_MISSING, once per action and item: a retried e-mail records nothing twice. */
async function recordMissing(
  db: Kysely<DB>,
  action: InvoiceAction,
  missing: readonly Missing[],
  now: () => Date,
): Promise<void> {
  if (missing.length === 0) return;
  const seen = new Set(
    (
      await db
        .selectFrom('timeline')
        .select('item')
        .where('action_id', '=', action.id)
        .where('code', '=', MISSING_EVENT)
        .execute()
    ).map((e) => e.item ?? ''),
  );
  const asOf = todayIn(action.timezone, now());
  const events: LedgerEvent[] = missing
    .filter((m) => !seen.has(m.number))
    .map((m) => ({
      companyId: action.companyId,
      customerId: action.customerId,
      asOf,
      code: MISSING_EVENT,
      currency: action.currency,
      item: m.number === '' ? null : m.number,
      actionId: action.id,
      detail:
        m.number === ''
          ? m.reason
          : `invoice ${m.number}: e-mail sent without its PDF (${shown(m.url)}): ${m.reason}`,
    }));
  await recordEvents(db, events);
}

/** An address as shown in events and errors: no user, password, query or fragment. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url.slice(0, 200);
  }
}

function list(numbers: readonly string[]): string {
  return numbers.length <= 5 ? numbers.join(', ') : `${numbers.slice(0, 5).join(', ')}, …`;
}

function asBuffer(content: Uint8Array): Buffer {
  return Buffer.isBuffer(content)
    ? content
    : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
}
