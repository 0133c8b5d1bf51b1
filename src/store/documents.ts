import { sql, type Kysely, type Selectable } from 'kysely';
import { createHash } from 'node:crypto';
import type { LocalDate } from '../core/calendar/local-date.ts';
import { AppError } from '../core/errors.ts';
import type { DB, DocumentKind, DocumentsTable } from './schema.ts';

/**
 * The store of rendered documents (migration 0006): what was produced, byte for byte, with
 * its hash, the template version and the data it was rendered from. Rows are never changed
 * (a trigger refuses UPDATE and DELETE); each is announced in the customer's timeline by a
 * DOCUMENT_RENDERED event carrying its id.
 */

export interface NewDocument {
  readonly companyId: number;
  readonly customerId: number;
  readonly actionId: number | null;
  /** A promise confirmation's promise (actionId is null then). */
  readonly promiseId?: number | undefined;
  readonly kind: DocumentKind;
  readonly templateCode: string;
  readonly language: string;
  /** 0: the built-in default template. */
  readonly templateVersion: number;
  readonly mediaType: string;
  /** What it was rendered from (JSON-safe). */
  readonly context: unknown;
  /** Binary content (PDF), or… */
  readonly content?: Buffer | undefined;
  /** …text content (HTML, Markdown, SMS text). */
  readonly contentText?: string | undefined;
  /** E-mails: the plain-text part. */
  readonly plainText?: string | undefined;
  readonly subject?: string | undefined;
  /** The business date of the timeline event. */
  readonly asOf: LocalDate;
  /** Set when the template was not in the customer's language: recorded in the timeline. */
  readonly fallbackNote?: string | undefined;
}

export interface StoredDocument {
  readonly id: number;
  readonly companyId: number;
  readonly customerId: number;
  readonly actionId: number | null;
  readonly kind: DocumentKind;
  readonly templateCode: string;
  readonly language: string;
  readonly templateVersion: number;
  readonly mediaType: string;
  readonly sha256: string;
  readonly context: unknown;
  readonly content: Buffer | null;
  readonly contentText: string | null;
  readonly plainText: string | null;
  readonly subject: string | null;
  readonly createdAt: Date;
}

/** Hex SHA-256 of the content: the PDF bytes, or the text as UTF-8. */
export function documentHash(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Stores a document and its DOCUMENT_RENDERED event in one transaction. For an action, a
 * kind is stored once: when another process stored it first, that one is returned and
 * nothing is written (`created: false`).
 */
export async function storeDocument(
  db: Kysely<DB>,
  doc: NewDocument,
): Promise<{ document: StoredDocument; created: boolean }> {
  const body = doc.content ?? doc.contentText;
  if (body === undefined || (doc.content !== undefined && doc.contentText !== undefined))
    throw new AppError('INTERNAL', 'a document has exactly one content: bytes or text');
  const work = async (trx: Kysely<DB>) => {
    const inserted = await trx
      .insertInto('documents')
      .values({
        company_id: doc.companyId,
        customer_id: doc.customerId,
        action_id: doc.actionId,
        promise_id: doc.promiseId ?? null,
        kind: doc.kind,
        template_code: doc.templateCode,
        language: doc.language,
        template_version: doc.templateVersion,
        media_type: doc.mediaType,
        sha256: documentHash(body),
        context: sql`cast(${JSON.stringify(doc.context)} as jsonb)`,
        content: doc.content ?? null,
        content_text: doc.contentText ?? null,
        plain_text: doc.plainText ?? null,
        subject: doc.subject ?? null,
      })
      .onConflict((oc) =>
        doc.promiseId !== undefined
          ? oc.columns(['promise_id', 'kind']).where('promise_id', 'is not', null).doNothing()
          : oc.columns(['action_id', 'kind']).where('action_id', 'is not', null).doNothing(),
      )
      .returningAll()
      .executeTakeFirst();
    if (!inserted) {
      const existing =
        doc.promiseId !== undefined
          ? await findPromiseDocument(trx, doc.promiseId, doc.kind)
          : await findActionDocument(trx, doc.actionId!, doc.kind);
      if (!existing) throw new AppError('INTERNAL', 'a document vanished while being stored');
      return { document: existing, created: false };
    }
    const what = `${doc.kind} ${doc.templateCode} (${doc.language}${doc.templateVersion === 0 ? ', built-in' : `, version ${doc.templateVersion}`})`;
    const event = (code: string, detail: string) => ({
      company_id: doc.companyId,
      customer_id: doc.customerId,
      as_of: doc.asOf,
      kind: 'event' as const,
      code,
      detail,
      action_id: doc.actionId,
      source: 'ledger' as const,
    });
    await trx
      .insertInto('timeline')
      .values([
        event(
          'DOCUMENT_RENDERED',
          `document ${inserted.id}: ${what}, sha256 ${inserted.sha256.slice(0, 12)}`,
        ),
        ...(doc.fallbackNote
          ? [event('TEMPLATE_FALLBACK', `document ${inserted.id}: ${doc.fallbackNote}`)]
          : []),
      ])
      .execute();
    return { document: toDocument(inserted), created: true };
  };
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** The document an action already rendered for a kind, if any. */
export async function findActionDocument(
  db: Kysely<DB>,
  actionId: number,
  kind: DocumentKind,
): Promise<StoredDocument | undefined> {
  const row = await db
    .selectFrom('documents')
    .selectAll()
    .where('action_id', '=', actionId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row && toDocument(row);
}

/** The document a promise confirmation already rendered for a kind, if any. */
export async function findPromiseDocument(
  db: Kysely<DB>,
  promiseId: number,
  kind: DocumentKind,
): Promise<StoredDocument | undefined> {
  const row = await db
    .selectFrom('documents')
    .selectAll()
    .where('promise_id', '=', promiseId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row && toDocument(row);
}

/** One document by id, within a company; NOT_FOUND otherwise. */
export async function getDocument(
  db: Kysely<DB>,
  companyId: number,
  id: number,
): Promise<StoredDocument> {
  const row = await db
    .selectFrom('documents')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) {
    throw new AppError('NOT_FOUND', `no document ${id}`, [
      { field: 'document', value: String(id), expected: 'the id of a stored document' },
    ]);
  }
  return toDocument(row);
}

/** A customer's documents, newest first. */
export async function listDocuments(db: Kysely<DB>, customerId: number): Promise<StoredDocument[]> {
  const rows = await db
    .selectFrom('documents')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toDocument);
}

function toDocument(row: Selectable<DocumentsTable>): StoredDocument {
  const content = row.content as Uint8Array | null;
  return {
    id: row.id,
    companyId: row.company_id,
    customerId: row.customer_id,
    actionId: row.action_id,
    kind: row.kind,
    templateCode: row.template_code,
    language: row.language,
    templateVersion: row.template_version,
    mediaType: row.media_type,
    sha256: row.sha256,
    context: typeof row.context === 'string' ? JSON.parse(row.context) : row.context,
    // PGlite reads bytea as a Uint8Array, pg as a Buffer.
    content:
      content === null
        ? null
        : Buffer.isBuffer(content)
          ? content
          : Buffer.from(content.buffer, content.byteOffset, content.byteLength),
    contentText: row.content_text,
    plainText: row.plain_text,
    subject: row.subject,
    createdAt: row.created_at,
  };
}
