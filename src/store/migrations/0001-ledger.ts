import { sql, type Kysely } from 'kysely';
import { CURRENCY_EXPONENTS } from '../../core/money/currencies.ts';

/**
 * The ledger: companies, customers, contacts, items, payments, allocations,
 * import batches and ledger sync state. Integrity lives in the database:
 * natural keys are unique, money is bigint minor units with a known currency,
 * signs follow the item type, and every row belongs to exactly one company.
 */
const statements = [
  `create table currencies (
     code char(3) primary key check (code ~ '^[A-Z]{3}$'),
     exponent smallint not null check (exponent between 0 and 4)
   )`,
  `create table companies (
     id integer generated always as identity primary key,
     code text not null unique check (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$'),
     name text not null check (length(name) between 1 and 200),
     country char(2) not null check (country ~ '^[A-Z]{2}$'),
     currency char(3) not null references currencies(code),
     timezone text not null default 'UTC',
     locale text not null default 'en',
     created_at timestamptz not null default now()
   )`,
  `create table import_batches (
     id integer generated always as identity primary key,
     company_id integer not null references companies(id),
     kind text not null check (kind in ('customers', 'contacts', 'items', 'payments')),
     file_name text not null,
     file_sha256 char(64) not null,
     snapshot boolean not null default false,
     as_of date not null,
     row_count integer not null,
     inserted integer not null default 0,
     updated integer not null default 0,
     unchanged integer not null default 0,
     settled integer not null default 0,
     created_at timestamptz not null default now()
   )`,
  `create table customers (
     id integer generated always as identity primary key,
     company_id integer not null references companies(id),
     code text not null check (length(code) between 1 and 64),
     name text not null check (length(name) between 1 and 300),
     country char(2) not null check (country ~ '^[A-Z]{2}$'),
     language text not null check (language ~ '^[a-z]{2}(-[A-Z]{2})?$'),
     currency char(3) not null references currencies(code),
     email text, phone text,
     address_line1 text, address_line2 text, postal_code text, city text,
     segment text, collector text, sales_owner text, scenario text,
     credit_limit_minor bigint check (credit_limit_minor >= 0),
     status text not null default 'active'
       check (status in ('active', 'on_hold', 'blocked', 'litigation', 'excluded')),
     import_batch_id integer references import_batches(id),
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     constraint customers_code_unique unique (company_id, code),
     constraint customers_company_id_unique unique (company_id, id)
   )`,
  `create table contacts (
     id integer generated always as identity primary key,
     customer_id integer not null references customers(id) on delete cascade,
     name text not null check (length(name) between 1 and 200),
     role text not null check (role ~ '^[a-z][a-z_]{1,39}$'),
     email text, phone text,
     email_invalid_at timestamptz,
     import_batch_id integer references import_batches(id),
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     constraint contacts_name_role_unique unique (customer_id, name, role)
   )`,
  `create table items (
     id bigint generated always as identity primary key,
     company_id integer not null,
     customer_id integer not null,
     number text not null check (length(number) between 1 and 64),
     type text not null check (type in ('invoice', 'credit_note', 'payment')),
     issue_date date not null,
     due_date date not null,
     currency currency_code not null,
     amount_minor bigint not null,
     open_minor bigint not null,
     po_number text, document_url text,
     disputed boolean not null default false,
     dispute_reason text,
     settled_on date,
     settled_by_batch_id integer,
     import_batch_id integer,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     constraint items_number_unique unique (company_id, number),
     constraint items_customer_fk foreign key (company_id, customer_id)
       references customers(company_id, id),
     constraint items_due_after_issue check (due_date >= issue_date),
     constraint items_invoice_sign check (type <> 'invoice'
       or (amount_minor > 0 and open_minor >= 0 and open_minor <= amount_minor)),
     constraint items_credit_sign check (type = 'invoice'
       or (amount_minor < 0 and open_minor <= 0 and open_minor >= amount_minor))
   )`,
  `create index items_open_by_customer on items (customer_id, due_date) where open_minor <> 0`,
  `create table payments (
     id integer generated always as identity primary key,
     company_id integer not null,
     customer_id integer not null,
     reference text not null check (length(reference) between 1 and 64),
     received_on date not null,
     currency char(3) not null references currencies(code),
     amount_minor bigint not null check (amount_minor > 0),
     import_batch_id integer references import_batches(id),
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     constraint payments_reference_unique unique (company_id, reference),
     constraint payments_customer_fk foreign key (company_id, customer_id)
       references customers(company_id, id)
   )`,
  `create table allocations (
     payment_id integer not null references payments(id) on delete cascade,
     item_id bigint not null references items(id),
     amount_minor bigint not null check (amount_minor > 0),
     primary key (payment_id, item_id)
   )`,
  `create table ledger_sync (
     company_id integer primary key references companies(id),
     ledger_synced_at timestamptz not null,
     last_import_batch_id integer references import_batches(id)
   )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const codes = Object.keys(CURRENCY_EXPONENTS)
    .map((code) => `'${code}'`)
    .join(', ');
  // Items check their currency with a domain (a CHECK list) rather than a foreign key:
  // at a million rows per import, per-row foreign-key triggers cost more than the rest
  // of the upsert. Small tables reference the currencies table.
  await sql.raw(`create domain currency_code as char(3) check (value in (${codes}))`).execute(db);
  for (const statement of statements) await sql.raw(statement).execute(db);
  const rows = Object.entries(CURRENCY_EXPONENTS)
    .map(([code, exponent]) => `('${code}', ${exponent})`)
    .join(', ');
  await sql.raw(`insert into currencies (code, exponent) values ${rows}`).execute(db);
}
