import { sql, type Kysely } from 'kysely';
import { AGING_BUCKETS, agingBucket, type AgingBucket } from '../core/ledger/aging.ts';
import { addDays, type LocalDate } from '../core/calendar/local-date.ts';
import type { Portfolio } from '../core/auth/portfolio.ts';
import type { DB } from '../store/schema.ts';
import { listCustomers, portfolioCondition } from './list-customers.ts';

export interface Dashboard {
  readonly asOf: string;
  /** Every amount is in the company's currency; items in other currencies are left out. */
  readonly currency: string;
  readonly aging: { bucket: AgingBucket; amountMinor: number }[];
  /** Overdue at each of the last 12 month ends (the current month: as of today). */
  readonly trend: { month: string; overdueMinor: number }[];
  readonly promisedThisWeek: { count: number; amountMinor: number };
  /** Actions carried out (done) in the last 30 days, by step. */
  readonly actionsByStep: { step: string; name: string; count: number }[];
  readonly topOverdue: {
    code: string;
    name: string;
    overdueMinor: number;
    daysLate: number | null;
  }[];
}

export interface DashboardQuery {
  readonly companyId: number;
  readonly currency: string;
  readonly asOf: LocalDate;
  readonly portfolio: Portfolio;
  readonly collectorsReadAll: boolean;
}

/**
 * The figures of the dashboard, limited to the caller's portfolio. The aged balance follows
 * docs KPI K-13 (days past due = as-of − due date; current when ≤ 0). The trend is rebuilt
 * from the items: an item counts as overdue at a month end when it was due before it and not
 * yet settled then (its amount if settled later, its open amount if still open — a partial
 * payment is counted at today's open amount).
 */
export async function dashboard(db: Kysely<DB>, q: DashboardQuery): Promise<Dashboard> {
  const mine = portfolioCondition(q.portfolio, q.collectorsReadAll);
  const company = sql`c.company_id = ${q.companyId}`;
  const aged = await sql<{ dpd: number; amount: string | number }>`
    select (${q.asOf}::date - i.due_date) as dpd, sum(i.open_minor) as amount
    from items i join customers c on c.id = i.customer_id
    where ${company} and ${mine} and i.open_minor <> 0 and i.currency = ${q.currency}
    group by 1`.execute(db);
  const buckets = new Map<AgingBucket, number>(AGING_BUCKETS.map((b) => [b, 0]));
  for (const r of aged.rows) {
    const b = agingBucket(Number(r.dpd));
    buckets.set(b, (buckets.get(b) ?? 0) + Number(r.amount));
  }

  const ends = monthEnds(q.asOf, 12);
  const trend = await sql<{ month_end: string; overdue: string | number | null }>`
    select m.month_end, (
      select sum(case when i.settled_on is null then i.open_minor else i.amount_minor end)
      from items i join customers c on c.id = i.customer_id
      where ${company} and ${mine} and i.currency = ${q.currency} and i.type = 'invoice'
        and i.due_date < m.month_end and i.issue_date <= m.month_end
        and (i.settled_on is null or i.settled_on > m.month_end)
        and (i.settled_on is not null or i.open_minor <> 0)
    ) as overdue
    from unnest(${ends}::date[]) as m(month_end)
    order by m.month_end`.execute(db);

  const week = await sql<{ n: string | number; amount: string | number | null }>`
    select count(*) as n, sum(p.amount_minor) as amount
    from promises p join customers c on c.id = p.customer_id
    where ${company} and ${mine} and p.status = 'open' and p.currency = ${q.currency}
      and p.promised_date between ${q.asOf} and ${addDays(q.asOf, 6)}`.execute(db);

  const steps = await sql<{ step_id: string; step_name: string; n: string | number }>`
    select a.step_id, min(a.step_name) as step_name, count(*) as n
    from dunning_actions a join customers c on c.id = a.customer_id
    where ${company} and ${mine} and a.state = 'done' and a.as_of > ${addDays(q.asOf, -30)}
      and a.as_of <= ${q.asOf}
    group by a.step_id order by count(*) desc, a.step_id`.execute(db);

  const top = await listCustomers(db, {
    companyId: q.companyId,
    asOf: q.asOf,
    portfolio: q.portfolio,
    collectorsReadAll: q.collectorsReadAll,
    overdueOnly: true,
    sort: 'overdue',
    order: 'desc',
    page: 1,
    pageSize: 10,
  });
  return {
    asOf: q.asOf,
    currency: q.currency,
    aging: AGING_BUCKETS.map((bucket) => ({ bucket, amountMinor: buckets.get(bucket) ?? 0 })),
    trend: trend.rows.map((r) => ({
      month: String(r.month_end).slice(0, 7),
      overdueMinor: Number(r.overdue ?? 0),
    })),
    promisedThisWeek: {
      count: Number(week.rows[0]?.n ?? 0),
      amountMinor: Number(week.rows[0]?.amount ?? 0),
    },
    actionsByStep: steps.rows.map((r) => ({
      step: r.step_id,
      name: r.step_name,
      count: Number(r.n),
    })),
    topOverdue: top.rows
      .filter((r) => r.currency === q.currency)
      .map((r) => ({
        code: r.code,
        name: r.name,
        overdueMinor: r.overdueMinor,
        daysLate: r.daysLate,
      })),
  };
}

/** The last day of each of the `n` months up to `asOf`'s (that one is `asOf` itself), oldest first. */
export function monthEnds(asOf: LocalDate, n: number): LocalDate[] {
  const out: LocalDate[] = [asOf];
  let y = Number(asOf.slice(0, 4));
  let m = Number(asOf.slice(5, 7));
  for (let i = 1; i < n; i += 1) {
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    out.push(
      `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(last).padStart(2, '0')}`,
    );
  }
  return out.reverse();
}
