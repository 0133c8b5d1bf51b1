import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Portfolio } from '../core/auth/portfolio.ts';
import type { DB } from '../store/schema.ts';

export const CUSTOMER_SORTS = [
  'overdue',
  'balance',
  'oldest_due',
  'name',
  'code',
  'last_action',
] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export interface CustomerQuery {
  readonly companyId: number;
  /** Today in the company's time zone: what is overdue. */
  readonly asOf: string;
  /** Who asks: a collector or sales person sees their portfolio (unless the company lets collectors read all). */
  readonly portfolio: Portfolio;
  readonly collectorsReadAll: boolean;
  /** Code or name contains (case-insensitive). */
  readonly search?: string | undefined;
  readonly collector?: string | undefined;
  readonly segment?: string | undefined;
  readonly status?: string | undefined;
  /** The step of the customer's latest action (step id, e.g. level_1). */
  readonly step?: string | undefined;
  readonly overdueOnly?: boolean | undefined;
  readonly sort: CustomerSort;
  readonly order: 'asc' | 'desc';
  readonly page: number;
  readonly pageSize: number;
}

export interface CustomerRow {
  readonly code: string;
  readonly name: string;
  readonly country: string;
  readonly currency: string;
  readonly segment: string | null;
  readonly collector: string | null;
  readonly salesOwner: string | null;
  readonly status: string;
  readonly holdUntil: string | null;
  /** Open balance and overdue in the customer's currency (minor units), oldest overdue due date. */
  readonly balanceMinor: number;
  readonly overdueMinor: number;
  readonly oldestDue: string | null;
  readonly daysLate: number | null;
  /** The latest dunning action: its step, date, state, and the next step when known. */
  readonly lastStep: string | null;
  readonly lastStepName: string | null;
  readonly lastActionOn: string | null;
  readonly lastActionState: string | null;
}

export interface CustomerPage {
  readonly asOf: string;
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly rows: CustomerRow[];
}

/** The name part of "Name <address>", the way portfolios are matched (samePortfolioName). */
const ownerName = (column: string): RawBuilder<string> =>
  sql<string>`lower(btrim(regexp_replace(normalize(${sql.ref(column)}, NFC), '\\s*<[^>]*>\\s*$', '')))`;

/**
 * The customers (alias `c`) a portfolio shows: a collector's own (or all when the company lets
 * collectors read the others), a sales person's own, everyone for the other roles.
 */
export function portfolioCondition(
  portfolio: Portfolio,
  collectorsReadAll: boolean,
): RawBuilder<unknown> {
  const name = (portfolio.kind === 'all' ? '' : (portfolio.name ?? ''))
    .normalize('NFC')
    .trim()
    .toLowerCase();
  if (portfolio.kind === 'collector' && !collectorsReadAll) {
    return sql`${ownerName('c.collector')} = ${name}`;
  }
  if (portfolio.kind === 'sales_owner') return sql`${ownerName('c.sales_owner')} = ${name}`;
  return sql`true`;
}

/**
 * One page of the company's customers with their balance and overdue amount in their own
 * currency, the oldest overdue due date and their latest dunning step: filtered, searched,
 * sorted (ties by code), limited to what the caller's portfolio shows.
 *
 * The page is chosen first, reading only what its sort and filters need; the figures of the
 * page's rows are then read for those rows alone. Sorting by an amount needs every customer's
 * figures: they come from one grouped pass over the open items (a hash aggregate, not one
 * index probe per customer).
 */
export async function listCustomers(db: Kysely<DB>, q: CustomerQuery): Promise<CustomerPage> {
  const filters: RawBuilder<unknown>[] = [
    sql`c.company_id = ${q.companyId}`,
    portfolioCondition(q.portfolio, q.collectorsReadAll),
  ];
  if (q.search) {
    const like = `%${q.search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    filters.push(sql`(c.code ilike ${like} or c.name ilike ${like})`);
  }
  if (q.collector)
    filters.push(sql`${ownerName('c.collector')} = ${q.collector.trim().toLowerCase()}`);
  if (q.segment) filters.push(sql`c.segment = ${q.segment}`);
  if (q.status) filters.push(sql`c.status = ${q.status}`);
  // On the customer row alone (alias c): usable inside the grouped pass as well.
  const customerWhere = sql.join(filters, sql` and `);
  const pageFilters = [customerWhere];
  if (q.step) pageFilters.push(sql`la.step_id = ${q.step}`);
  if (q.overdueOnly) pageFilters.push(sql`coalesce(s.overdue, 0) > 0`);
  const where = sql.join(pageFilters, sql` and `);
  const direction = q.order === 'asc' ? sql`asc` : sql`desc`;
  const key: Record<CustomerSort, RawBuilder<unknown>> = {
    overdue: sql`coalesce(s.overdue, 0)`,
    balance: sql`coalesce(s.balance, 0)`,
    oldest_due: sql`s.oldest_due`,
    name: sql`lower(c.name)`,
    code: sql`c.code`,
    last_action: sql`la.as_of`,
  };
  const figures = sql`sum(i.open_minor) as balance,
    sum(i.open_minor) filter (where i.due_date < ${q.asOf}) as overdue,
    min(i.due_date) filter (where i.due_date < ${q.asOf} and i.open_minor > 0) as oldest_due`;
  // Every listed customer's figures at once (the amount sorts and the overdue filter need them).
  const allFigures = sql`left join (
      select i.customer_id, ${figures}
      from customers c
      join items i on i.customer_id = c.id and i.currency = c.currency and i.open_minor <> 0
      where ${customerWhere}
      group by i.customer_id
    ) s on s.customer_id = c.id`;
  const lastAction = sql`left join lateral (
      select a.step_id, a.step_name, a.as_of, a.state
      from dunning_actions a where a.customer_id = c.id
      order by a.id desc limit 1
    ) la on true`;
  const needsFigures = q.overdueOnly || ['overdue', 'balance', 'oldest_due'].includes(q.sort);
  const needsLastAction = q.step !== undefined || q.sort === 'last_action';
  const from = sql`from customers c
    ${needsFigures ? allFigures : sql``}
    ${needsLastAction ? lastAction : sql``}
    where ${where}`;
  const offset = (q.page - 1) * q.pageSize;
  const [rows, count] = await Promise.all([
    sql<{
      code: string;
      name: string;
      country: string;
      currency: string;
      segment: string | null;
      collector: string | null;
      sales_owner: string | null;
      status: string;
      hold_until: string | null;
      balance: string | number | null;
      overdue: string | number | null;
      oldest_due: string | null;
      step_id: string | null;
      step_name: string | null;
      as_of: string | null;
      state: string | null;
    }>`
      select c.code, c.name, c.country, c.currency, c.segment, c.collector, c.sales_owner,
        c.status, c.hold_until, s.balance, s.overdue, s.oldest_due,
        la.step_id, la.step_name, la.as_of, la.state
      from (
        select c.id, ${key[q.sort]} as sort_key
        ${from}
        order by sort_key ${direction} nulls last, c.code asc
        limit ${q.pageSize} offset ${offset}
      ) page
      join customers c on c.id = page.id
      left join lateral (
        select ${figures}
        from items i
        where i.customer_id = c.id and i.open_minor <> 0 and i.currency = c.currency
      ) s on true
      ${lastAction}
      order by page.sort_key ${direction} nulls last, c.code asc`.execute(db),
    sql<{ n: string | number }>`select count(*) as n ${from}`.execute(db),
  ]);
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  return {
    asOf: q.asOf,
    total: Number(count.rows[0]?.n ?? 0),
    page: q.page,
    pageSize: q.pageSize,
    rows: rows.rows.map((r) => ({
      code: r.code,
      name: r.name,
      country: r.country,
      currency: r.currency,
      segment: r.segment,
      collector: r.collector,
      salesOwner: r.sales_owner,
      status: r.status,
      holdUntil: r.hold_until,
      balanceMinor: Number(r.balance ?? 0),
      overdueMinor: Number(r.overdue ?? 0),
      oldestDue: r.oldest_due,
      daysLate: r.oldest_due ? day(q.asOf) - day(r.oldest_due) : null,
      lastStep: r.step_id,
      lastStepName: r.step_name,
      lastActionOn: r.as_of,
      lastActionState: r.state,
    })),
  };
}
