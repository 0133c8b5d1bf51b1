import { sql, type Kysely } from 'kysely';
import { CHANGE_TRIGGER } from './change-signal.ts';

/** The schema a connection works in and whether migration 0014's triggers are there. */
export const SIGNAL_CHECK = `select current_schema() as schema, exists (
    select 1 from pg_trigger t
    join pg_class c on c.oid = t.tgrelid
    join pg_namespace n on n.oid = c.relnamespace
    where t.tgname = '${CHANGE_TRIGGER}' and c.relname = 'items' and n.nspname = current_schema()
  ) as present`;

/** Whether the change signal is installed in the schema `db` works in. */
export async function signalInstalled(db: Kysely<unknown>): Promise<boolean> {
  const result = await sql.raw<{ present: boolean }>(SIGNAL_CHECK).execute(db);
  return result.rows[0]?.present === true;
}
