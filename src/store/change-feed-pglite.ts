import type { PGlite } from '@electric-sql/pglite';
import { sql, type Kysely } from 'kysely';
import { CHANGE_CHANNEL, type ChangeFeed, type ChangeHandlers } from './change-signal.ts';
import { signalInstalled } from './change-feed-check.ts';

/**
 * The change feed of the embedded database. PGlite is one session in this process, so every
 * writer is here too: a notification is handed to us while the committing statement returns,
 * before the writer's code goes on — nothing can read between a commit and its report, and
 * `sync()` has nothing to wait for.
 */
export async function watchPgliteChanges(
  pglite: PGlite,
  db: Kysely<unknown>,
  handlers: ChangeHandlers,
): Promise<ChangeFeed> {
  if (!(await signalInstalled(db))) {
    handlers.listening(false);
    return {
      sync: () => Promise.reject(new Error('the change signal is not installed')),
      close: async () => {},
    };
  }
  const off = pglite.onNotification((channel) => {
    if (channel === CHANGE_CHANNEL) handlers.changed();
  });
  // Through Kysely, so that LISTEN never lands inside another caller's transaction (one
  // session: a LISTEN there would be undone by its rollback).
  await sql.raw(`listen ${CHANGE_CHANNEL}`).execute(db);
  handlers.listening(true);
  return {
    sync: () => Promise.resolve(),
    async close() {
      off();
      if (!pglite.closed) await sql.raw(`unlisten ${CHANGE_CHANNEL}`).execute(db);
    },
  };
}
