import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Portfolio } from '../core/auth/portfolio.ts';
import type { DB } from '../store/schema.ts';
import { portfolioCondition } from './list-customers.ts';

export interface PaymentQuery {
  readonly companyId: number;
  /** One customer (its access checked by the caller), or the portfolio's customers. */
  readonly customerId?: number | undefined;
  readonly portfolio: Portfolio;
  readonly collectorsReadAll: boolean;
  /** Received on or after, on or before (YYYY-MM-DD). */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly currency?: string | undefined;
  /** Only payments with an unallocated part left. */
  readonly unallocatedOnly?: boolean | undefined;
  readonly order: 'asc' | 'desc';
  readonly page: number;
  readonly pageSize: number;
}

export interface PaymentAllocation {
  /** The number of the item paid. */
  readonly item: string;
  readonly type: string;
  readonly amountMinor: number;
}

export interface PaymentRow {
  readonly reference: string;
  readonly customer: { readonly code: string; readonly name: string };
  readonly receivedOn: string;
  readonly currency: string;
  /** The amount received (> 0), minor units. */
  readonly amountMinor: number;
  readonly allocatedMinor: number;
  /**
   * What is not allocated: the open amount of the payment's remainder item (docs/import.md),
   * as a positive number; without one, the amount less the allocations.
   */
  readonly unallocatedMinor: number;
  readonly allocations: PaymentAllocation[];
}

export interface PaymentPage {
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly rows: PaymentRow[];
}

/**
 * One page of payments, newest first (or oldest), each with its allocations: of one
 * customer, or of every customer the caller's portfolio shows.
 */
export async function listPayments(db: Kysely<DB>, q: PaymentQuery): Promise<PaymentPage> {
  const filters: RawBuilder<unknown>[] = [sql`p.company_id = ${q.companyId}`];
  if (q.customerId !== undefined) filters.push(sql`p.customer_id = ${q.customerId}`);
  else filters.push(portfolioCondition(q.portfolio, q.collectorsReadAll));
  if (q.from) filters.push(sql`p.received_on >= ${q.from}::date`);
  if (q.to) filters.push(sql`p.received_on <= ${q.to}::date`);
  if (q.currency) filters.push(sql`p.currency = ${q.currency}`);
  if (q.unallocatedOnly) filters.push(sql`s.unallocated > 0`);
  const where = sql.join(filters, sql` and `);
  const from = sql`
    from payments p
    join customers c on c.id = p.customer_id
    left join items r on r.company_id = p.company_id and r.number = p.reference
      and r.type = 'payment' and r.customer_id = p.customer_id
    cross join lateral (
      select coalesce(sum(a.amount_minor), 0) as allocated
      from allocations a where a.payment_id = p.id
    ) al
    cross join lateral (
      select coalesce(-r.open_minor, p.amount_minor - al.allocated) as unallocated
    ) s
    where ${where}`;
  const direction = q.order === 'asc' ? sql`asc` : sql`desc`;
  const [rows, count] = await Promise.all([
    sql<{
      id: number;
      reference: string;
      code: string;
      name: string;
      received_on: string;
      currency: string;
      amount_minor: number;
      allocated: string | number;
      unallocated: string | number;
    }>`
      select p.id, p.reference, c.code, c.name, p.received_on, p.currency, p.amount_minor,
        al.allocated, s.unallocated
      ${from}
      order by p.received_on ${direction}, p.reference ${direction}
      limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(db),
    sql<{ n: string | number }>`select count(*) as n ${from}`.execute(db),
  ]);
  const ids = rows.rows.map((r) => r.id);
  const allocations =
    ids.length === 0
      ? []
      : await db
          .selectFrom('allocations as a')
          .innerJoin('items as i', 'i.id', 'a.item_id')
          .select(['a.payment_id', 'i.number', 'i.type', 'a.amount_minor'])
          .where('a.payment_id', 'in', ids)
          .orderBy('i.due_date')
          .orderBy('i.number')
          .execute();
  return {
    total: Number(count.rows[0]?.n ?? 0),
    page: q.page,
    pageSize: q.pageSize,
    rows: rows.rows.map((r) => ({
      reference: r.reference,
      customer: { code: r.code, name: r.name },
      receivedOn: r.received_on,
      currency: r.currency.trim(),
      amountMinor: Number(r.amount_minor),
      allocatedMinor: Number(r.allocated),
      unallocatedMinor: Number(r.unallocated),
      allocations: allocations
        .filter((a) => a.payment_id === r.id)
        .map((a) => ({ item: a.number, type: a.type, amountMinor: Number(a.amount_minor) })),
    })),
  };
}
