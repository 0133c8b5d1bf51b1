import { sql, type Kysely } from 'kysely';

/**
 * Collection scenarios, versioned: `scenarios` names one per company and code;
 * `scenario_versions` keeps every definition ever saved (a run records which version
 * decided what); `scenario_assignments` holds the company's assignment rules in order.
 * A customer's own override stays in `customers.scenario` (a scenario code).
 */
const statements = [
  `create table scenarios (
     id integer generated always as identity primary key,
     company_id integer not null references companies(id),
     code text not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$'),
     name text not null check (length(name) between 1 and 200),
     created_at timestamptz not null default now(),
     constraint scenarios_code_unique unique (company_id, code)
   )`,
  `create table scenario_versions (
     id integer generated always as identity primary key,
     scenario_id integer not null references scenarios(id) on delete cascade,
     version integer not null check (version >= 1),
     definition jsonb not null check (jsonb_typeof(definition) = 'object'),
     created_at timestamptz not null default now(),
     constraint scenario_versions_unique unique (scenario_id, version)
   )`,
  `create table scenario_assignments (
     company_id integer not null references companies(id),
     position integer not null check (position >= 1),
     rule jsonb not null check (jsonb_typeof(rule) = 'object' and rule ? 'scenario'),
     created_at timestamptz not null default now(),
     primary key (company_id, position)
   )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
