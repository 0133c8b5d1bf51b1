import { sql, type Kysely } from 'kysely';

/**
 * Documents (issue 4): the company profile printed on letters and used as the e-mail
 * sender; the company's own templates, versioned per code and language (the built-in
 * defaults apply where a company has none); and the store of rendered documents, which
 * are immutable: a trigger refuses every UPDATE and DELETE (docs/documents.md).
 */
const statements = [
  `alter table companies
     add column address_line1 text,
     add column address_line2 text,
     add column postal_code text,
     add column city text,
     add column phone text,
     add column email text,
     add column website text,
     add column vat_number text,
     add column registration text,
     add column iban text,
     add column bic text,
     add column logo_path text,
     add column letter_window text check (letter_window in ('din5008b', 'fr-c56')),
     add column signature_name text,
     add column signature_title text`,
  `create table templates (
     id integer generated always as identity primary key,
     company_id integer not null references companies(id),
     code text not null,
     language text not null check (language in ('en', 'fr', 'de', 'es')),
     version integer not null check (version >= 1),
     kind text not null check (kind in ('email', 'letter', 'call_script', 'sms', 'internal')),
     name text,
     subject text,
     body text not null,
     created_at timestamptz not null default now(),
     constraint templates_version unique (company_id, code, language, version)
   )`,
  `create table documents (
     id bigint generated always as identity primary key,
     company_id integer not null,
     customer_id integer not null,
     action_id bigint references dunning_actions(id),
     kind text not null
       check (kind in ('email', 'letter', 'call_script', 'sms', 'internal', 'statement')),
     template_code text not null,
     language text not null,
     template_version integer not null check (template_version >= 0),
     media_type text not null,
     sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
     context jsonb not null,
     content bytea,
     content_text text,
     plain_text text,
     subject text,
     created_at timestamptz not null default now(),
     constraint documents_customer_fk foreign key (company_id, customer_id)
       references customers(company_id, id),
     constraint documents_one_content check ((content is null) <> (content_text is null))
   )`,
  // An action renders each kind once: composing again returns the stored document.
  `create unique index documents_once on documents (action_id, kind) where action_id is not null`,
  `create index documents_by_customer on documents (customer_id, id)`,
  `create function documents_immutable() returns trigger language plpgsql as $$
   begin
     raise exception 'documents are immutable: % refused on document %', tg_op,
       coalesce(old.id::text, '(all)')
       using errcode = 'restrict_violation';
   end
   $$`,
  `create trigger documents_no_update before update or delete on documents
     for each row execute function documents_immutable()`,
  `create trigger documents_no_truncate before truncate on documents
     for each statement execute function documents_immutable()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
