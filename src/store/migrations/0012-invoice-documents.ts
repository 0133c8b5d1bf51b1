import { sql, type Kysely } from 'kysely';

/**
 * Invoices' own PDFs attached to dunning e-mails (docs/delivery.md, "Invoice PDFs").
 *
 * `items.document_url` exists since 0001 (imported, shown in the account); from now on the
 * database also holds it to what the import checks: an absolute http:// or https:// address
 * of at most 2000 characters — never a `file:` path or another scheme the worker would read.
 *
 * `item_documents` caches each PDF fetched from an item's address: fetched once, then reused
 * by retries and later reminders. One row per item and address (a new address is fetched
 * again; the old copy stays, it is what earlier e-mails carried).
 */
const HTTP_URL = `~* '^https?://'`;

const statements = [
  `alter table items add constraint items_document_url_http check (document_url is null
     or (document_url ${HTTP_URL} and length(document_url) <= 2000))`,
  `create table item_documents (
     id bigint generated always as identity primary key,
     item_id bigint not null references items(id) on delete cascade,
     url text not null check (url ${HTTP_URL} and length(url) <= 2000),
     sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
     content bytea not null,
     media_type text not null,
     size integer not null check (size = octet_length(content)),
     fetched_at timestamptz not null default now(),
     constraint item_documents_item_url_unique unique (item_id, url)
   )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
