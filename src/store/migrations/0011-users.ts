import { sql, type Kysely } from 'kysely';

/**
 * Users, sessions, API tokens and the audit log (docs/users-and-roles.md,
 * docs/adr/0007-passwords-and-sessions.md). Secrets are never stored: a password as a
 * self-describing scrypt hash, a session id and an API token as their SHA-256 (hex).
 *
 * Also: `companies.collectors_read_all` lets collectors read (not change) the customers
 * of other portfolios.
 */
const ROLES = `('admin', 'credit_manager', 'collector', 'sales', 'viewer')`;

const statements = [
  `alter table companies add column collectors_read_all boolean not null default false`,
  `create table users (
     id integer generated always as identity primary key,
     email text not null check (email = lower(btrim(email)) and email like '%_@_%'),
     display_name text not null,
     role text not null check (role in ${ROLES}),
     password_hash text not null,
     portfolio_name text,
     disabled_at timestamptz,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now()
   )`,
  `create unique index users_email_unique on users (lower(email))`,
  `create table sessions (
     id bigint generated always as identity primary key,
     id_sha256 text not null unique check (id_sha256 ~ '^[0-9a-f]{64}$'),
     csrf_token text not null,
     user_id integer not null references users(id) on delete cascade,
     created_at timestamptz not null default now(),
     expires_at timestamptz not null,
     last_seen_at timestamptz not null default now(),
     ip text,
     constraint sessions_expiry check (expires_at > created_at)
   )`,
  `create index sessions_by_user on sessions (user_id)`,
  `create index sessions_by_expiry on sessions (expires_at)`,
  `create table api_tokens (
     id integer generated always as identity primary key,
     name text not null,
     role text not null check (role in ${ROLES}),
     user_id integer references users(id),
     token_sha256 text not null unique check (token_sha256 ~ '^[0-9a-f]{64}$'),
     prefix text not null,
     created_at timestamptz not null default now(),
     last_used_at timestamptz,
     revoked_at timestamptz
   )`,
  `create table audit_log (
     id bigint generated always as identity primary key,
     at timestamptz not null default now(),
     user_id integer references users(id) on delete set null,
     token_id integer references api_tokens(id) on delete set null,
     action text not null,
     target_type text,
     target_id text,
     detail jsonb check (detail is null or jsonb_typeof(detail) = 'object'),
     ip text
   )`,
  `create index audit_log_at on audit_log (at, id)`,
  `create index audit_log_by_user on audit_log (user_id, at) where user_id is not null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
