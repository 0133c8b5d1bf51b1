import { sql, type Kysely } from 'kysely';

/**
 * Long work started from the web UI or the API — imports and dunning runs — as jobs that
 * report their progress (docs/api.md, "Jobs"). A job row is written when the work starts,
 * its phase and counters are updated as it goes (a few times a second at most), and its
 * result or error is kept when it ends, so a page reloaded half-way, another user or an
 * integration can follow it by id. A job that was running when the server stopped is marked
 * failed (`INTERRUPTED`) when the server starts again: the work itself is transactional and
 * idempotent (an import rolls back, a run resumes where it stopped), the job only says so.
 */
const statements = [
  `create table jobs (
     id bigint generated always as identity primary key,
     company_id bigint not null references companies(id) on delete cascade,
     kind text not null check (kind in ('import', 'run')),
     state text not null default 'running' check (state in ('running', 'done', 'failed')),
     phase text not null default 'start',
     done integer not null default 0 check (done >= 0),
     total integer check (total is null or total >= 0),
     params jsonb not null default '{}'::jsonb,
     result jsonb,
     error jsonb,
     created_by bigint references users(id) on delete set null,
     token_id bigint references api_tokens(id) on delete set null,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     finished_at timestamptz,
     check ((state = 'running') = (finished_at is null))
   )`,
  `create index jobs_company_recent on jobs (company_id, id desc)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
