/** Kysely's view of the jobs table (migration 0013): imports and runs followed while they work. */
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './schema-columns.ts';

export type JobKind = 'import' | 'run';
export type JobState = 'running' | 'done' | 'failed';

export interface JobsTable {
  id: Generated<number>;
  company_id: number;
  kind: JobKind;
  state: ColumnType<JobState, JobState | undefined, JobState>;
  phase: ColumnType<string, string | undefined, string>;
  done: ColumnType<number, number | undefined, number>;
  total: number | null;
  /** jsonb, written as text. What was asked (import kind and file name, run date…), never a secret. */
  params: ColumnType<Record<string, unknown>, string | undefined, string>;
  /** The report when done (an import's counts, a run's figures). */
  result: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  /** `{ code, message, problems }` when failed. */
  error: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  created_by: number | null;
  token_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Date | null;
}
