import type { ColumnType, Generated, Kysely } from 'kysely';
import type { DB } from './schema.ts';

/**
 * Kysely's view of the tables of migration 0002-scenarios. Kept apart from schema.ts;
 * `withScenarioTables(db)` gives a database handle that knows them.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ScenariosTable {
  id: Generated<number>;
  company_id: number;
  code: string;
  name: string;
  created_at: Timestamp;
}

export interface ScenarioVersionsTable {
  id: Generated<number>;
  scenario_id: number;
  version: number;
  /** jsonb: written as `cast(text as jsonb)`, read back parsed. */
  definition: unknown;
  created_at: Timestamp;
}

export interface ScenarioAssignmentsTable {
  company_id: number;
  position: number;
  rule: unknown;
  created_at: Timestamp;
}

// A type alias (not an interface) so it satisfies withTables' record constraint.
export type ScenarioTables = {
  scenarios: ScenariosTable;
  scenario_versions: ScenarioVersionsTable;
  scenario_assignments: ScenarioAssignmentsTable;
};

export type ScenarioDB = DB & ScenarioTables;

export function withScenarioTables(db: Kysely<DB>): Kysely<ScenarioDB> {
  return db.withTables<ScenarioTables>() as Kysely<ScenarioDB>;
}
