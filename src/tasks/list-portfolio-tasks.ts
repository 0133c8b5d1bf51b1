import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB, TaskKind } from '../store/schema.ts';
import type { Portfolio } from '../core/auth/portfolio.ts';
import { openContext, type Scope } from '../ledger/ledger-context.ts';
import { selectTasks, toTaskView, type TaskView } from './task-view.ts';

export interface PortfolioTasksQuery extends Scope {
  /** Who asks: a collector sees the tasks of their customers, a sales person the
   * internal escalations (notify_internal) of theirs (docs/users-and-roles.md). */
  readonly portfolio: Portfolio;
  /** open (default), done, cancelled or all. */
  readonly state: 'open' | 'done' | 'cancelled' | 'all';
  /** The assignee's name, compared without regard to case. */
  readonly assignee?: string | undefined;
  readonly kind?: TaskKind | undefined;
  /** Only tasks due on or before this date (YYYY-MM-DD). */
  readonly dueBefore?: string | undefined;
  readonly page: number;
  readonly pageSize: number;
}

export interface TaskPage {
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly rows: TaskView[];
}

/** The name part of "Name <address>", the way portfolios are matched (samePortfolioName). */
const ownerName = (column: string): RawBuilder<string> =>
  sql<string>`lower(btrim(regexp_replace(normalize(${sql.ref(column)}, NFC), '\\s*<[^>]*>\\s*$', '')))`;

/** One page of the worklist (by due date, then id), limited to what the portfolio shows. */
export async function listPortfolioTasks(
  db: Kysely<DB>,
  q: PortfolioTasksQuery,
): Promise<TaskPage> {
  const ctx = await openContext(db, q);
  const settings = await db
    .selectFrom('companies')
    .select('collectors_read_all')
    .where('id', '=', ctx.company.id)
    .executeTakeFirstOrThrow();
  const name = (q.portfolio.kind === 'all' ? '' : (q.portfolio.name ?? ''))
    .normalize('NFC')
    .trim()
    .toLowerCase();
  let query = selectTasks(db).where('t.company_id', '=', ctx.company.id);
  if (q.portfolio.kind === 'collector' && !settings.collectors_read_all) {
    query = query.where(ownerName('c.collector'), '=', name).where(sql<boolean>`${name} <> ''`);
  }
  if (q.portfolio.kind === 'sales_owner') {
    query = query
      .where(ownerName('c.sales_owner'), '=', name)
      .where(sql<boolean>`${name} <> ''`)
      .where('t.kind', '=', 'notify_internal');
  }
  if (q.state !== 'all') query = query.where('t.state', '=', q.state);
  if (q.kind !== undefined) query = query.where('t.kind', '=', q.kind);
  if (q.assignee !== undefined) {
    const assignee = q.assignee.trim().toLowerCase();
    query = query.where((eb) => eb(eb.fn('lower', ['t.assignee']), '=', assignee));
  }
  if (q.dueBefore !== undefined) query = query.where('t.due_date', '<=', q.dueBefore);
  const [rows, count] = await Promise.all([
    query
      .orderBy('t.due_date')
      .orderBy('t.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    page: q.page,
    pageSize: q.pageSize,
    rows: rows.map(toTaskView),
  };
}
