import { sql, type Kysely } from 'kysely';

/**
 * Re-checking planned actions: an action whose items were paid, disputed or paused
 * since it was planned is cancelled with a reason code and the date it was found.
 * Timeline rows are looked up by action (holds applied once per action).
 */
const statements = [
  `alter table dunning_actions add column cancel_reason text`,
  `alter table dunning_actions add column cancelled_on date`,
  `alter table dunning_actions add constraint dunning_actions_cancel_reason
     check ((state = 'cancelled') = (cancel_reason is not null))`,
  `create index timeline_by_action on timeline (action_id) where action_id is not null`,
  `create index dunning_actions_pending on dunning_actions (company_id, customer_id)
     where state in ('planned', 'awaiting_approval', 'approved')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
