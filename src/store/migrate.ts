import { Migrator, type Kysely } from 'kysely';
import { MIGRATIONS } from './migrations/index.ts';
import { AppError } from '../core/errors.ts';

/** Brings the schema up to date; returns the names of the migrations applied now. */
export async function migrateToLatest(db: Kysely<unknown>, schema = 'public'): Promise<string[]> {
  // The schema is explicit: Kysely would otherwise find its bookkeeping tables in any
  // schema of the database (another deployment's, a test's) and skip creating ours.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableSchema: schema,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new AppError('INTERNAL', `database migration ${failed} failed: ${String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
