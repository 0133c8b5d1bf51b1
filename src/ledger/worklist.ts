import { sql, type Kysely } from 'kysely';
import { addDays, type LocalDate } from '../core/calendar/local-date.ts';
import type { Portfolio } from '../core/auth/portfolio.ts';
import { currencyExponent } from '../core/money/currencies.ts';
import { priority } from '../core/worklist/priority.ts';
import type { DB } from '../store/schema.ts';
import { portfolioCondition } from './list-customers.ts';

export interface WorklistTask {
  readonly id: number;
  readonly kind: string;
  readonly title: string;
  readonly dueDate: string;
  readonly assigneeRole: string;
  readonly assignee: string | null;
  readonly customer: { readonly code: string; readonly name: string; readonly status: string };
  readonly step: string | null;
  readonly currency: string;
  readonly overdueMinor: number;
  readonly daysLate: number;
  readonly score: number;
  /** Why this score: amount × lateness × risk, in words. */
  readonly explanation: string;
}

export interface WorklistQuery {
  readonly companyId: number;
  readonly asOf: LocalDate;
  readonly portfolio: Portfolio;
  readonly collectorsReadAll: boolean;
  readonly collector?: string | undefined;
  readonly step?: string | undefined;
  readonly kind?: string | undefined;
  readonly limit: number;
}

/**
 * Today's work: the open tasks due by `asOf` of the customers the caller may see, highest
 * priority first (src/core/worklist/priority.ts: amount overdue × lateness × risk), with the
 * explanation of each score.
 */
export async function worklist(
  db: Kysely<DB>,
  q: WorklistQuery,
): Promise<{ asOf: string; total: number; tasks: WorklistTask[] }> {
  const filters = [
    sql`t.company_id = ${q.companyId}`,
    sql`t.state = 'open'`,
    sql`t.due_date <= ${q.asOf}`,
    portfolioCondition(q.portfolio, q.collectorsReadAll),
  ];
  if (q.collector) {
    filters.push(
      sql`lower(btrim(regexp_replace(coalesce(t.assignee, c.collector), '\\s*<[^>]*>\\s*$', ''))) = ${q.collector.trim().toLowerCase()}`,
    );
  }
  if (q.step) filters.push(sql`t.step_id = ${q.step}`);
  if (q.kind) filters.push(sql`t.kind = ${q.kind}`);
  const rows = await sql<{
    id: number;
    kind: string;
    title: string;
    due_date: string;
    assignee_role: string;
    assignee: string | null;
    step_id: string | null;
    code: string;
    name: string;
    status: string;
    currency: string;
    overdue: string | number | null;
    oldest_due: string | null;
    broken: string | number;
    disputes: string | number;
  }>`
    select t.id, t.kind, t.title, t.due_date, t.assignee_role, t.assignee, t.step_id,
      c.code, c.name, c.status, coalesce(t.currency, c.currency) as currency,
      s.overdue, s.oldest_due,
      (select count(*) from promises p where p.customer_id = c.id and p.status = 'broken'
         and p.promised_date > ${addDays(q.asOf, -365)}) as broken,
      (select count(*) from items d where d.customer_id = c.id and d.disputed and d.open_minor <> 0) as disputes
    from tasks t
    join customers c on c.id = t.customer_id
    left join lateral (
      select sum(i.open_minor) as overdue,
        min(i.due_date) filter (where i.open_minor > 0) as oldest_due
      from items i
      where i.customer_id = c.id and i.open_minor <> 0 and i.due_date < ${q.asOf}
        and i.currency = coalesce(t.currency, c.currency)
    ) s on true
    where ${sql.join(filters, sql` and `)}`.execute(db);
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  const tasks = rows.rows.map((r): WorklistTask => {
    const overdueMinor = Number(r.overdue ?? 0);
    const daysLate = r.oldest_due ? day(q.asOf) - day(r.oldest_due) : 0;
    const p = priority({
      overdueMinor,
      exponent: currencyExponent(r.currency) ?? 2,
      currency: r.currency,
      daysLate,
      brokenPromises: Number(r.broken),
      openDisputes: Number(r.disputes),
      blocked: r.status === 'on_hold' || r.status === 'blocked' || r.status === 'litigation',
    });
    return {
      id: r.id,
      kind: r.kind,
      title: r.title,
      dueDate: r.due_date,
      assigneeRole: r.assignee_role,
      assignee: r.assignee,
      customer: { code: r.code, name: r.name, status: r.status },
      step: r.step_id,
      currency: r.currency,
      overdueMinor,
      daysLate,
      score: p.score,
      explanation: p.explanation,
    };
  });
  tasks.sort((a, b) => b.score - a.score || a.dueDate.localeCompare(b.dueDate) || a.id - b.id);
  return { asOf: q.asOf, total: tasks.length, tasks: tasks.slice(0, q.limit) };
}
