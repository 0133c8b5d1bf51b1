import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../store/schema.ts';

/** Which items: the open ones (default), by state, or every item, settled ones included. */
export const ITEM_STATES = ['open', 'overdue', 'not_due', 'disputed', 'all'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const ITEM_SORTS = ['due_date', 'issue_date', 'number', 'open_amount'] as const;
export type ItemSort = (typeof ITEM_SORTS)[number];

export interface ItemQuery {
  readonly customerId: number;
  /** The business date that decides what is overdue. */
  readonly asOf: string;
  readonly state: ItemState;
  readonly currency?: string | undefined;
  readonly sort: ItemSort;
  readonly order: 'asc' | 'desc';
  readonly page: number;
  readonly pageSize: number;
}

/** An item as listed: the fields of the account's items (docs/account-format.md) and more. */
export interface ItemListRow {
  readonly number: string;
  readonly type: 'invoice' | 'credit_note' | 'payment';
  readonly issueDate: string;
  readonly dueDate: string;
  readonly currency: string;
  readonly amountMinor: number;
  readonly openMinor: number;
  readonly disputed: boolean;
  readonly disputeReason: string | null;
  readonly poNumber: string | null;
  readonly documentUrl: string | null;
  readonly holdUntil: string | null;
  readonly holdReason: string | null;
  /** When the item's open amount reached 0; null while open. */
  readonly settledOn: string | null;
  /** asOf − dueDate in days: negative before the due date. */
  readonly daysPastDue: number;
  /** Open items as in the account; `settled` for an item whose open amount is 0. */
  readonly status: 'overdue' | 'not_due' | 'credit_note' | 'unallocated_payment' | 'settled';
}

export interface ItemPage {
  readonly asOf: string;
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly rows: ItemListRow[];
}

/**
 * One page of a customer's items, filtered by state and currency, sorted by due date (or
 * issue date, number, open amount; ties by number). The caller has checked the portfolio.
 */
export async function listItems(db: Kysely<DB>, q: ItemQuery): Promise<ItemPage> {
  const open = sql`i.open_minor <> 0`;
  const byState: Record<ItemState, RawBuilder<unknown>> = {
    open,
    overdue: sql`i.type = 'invoice' and ${open} and i.due_date < ${q.asOf}::date`,
    not_due: sql`i.type = 'invoice' and ${open} and i.due_date >= ${q.asOf}::date`,
    disputed: sql`i.type = 'invoice' and ${open} and i.disputed`,
    all: sql`true`,
  };
  const filters = [sql`i.customer_id = ${q.customerId}`, byState[q.state]];
  if (q.currency) filters.push(sql`i.currency = ${q.currency}`);
  const where = sql.join(filters, sql` and `);
  const key: Record<ItemSort, RawBuilder<unknown>> = {
    due_date: sql`i.due_date`,
    issue_date: sql`i.issue_date`,
    number: sql`i.number`,
    open_amount: sql`i.open_minor`,
  };
  const direction = q.order === 'asc' ? sql`asc` : sql`desc`;
  const [rows, count] = await Promise.all([
    sql<{
      number: string;
      type: ItemListRow['type'];
      issue_date: string;
      due_date: string;
      currency: string;
      amount_minor: number;
      open_minor: number;
      disputed: boolean;
      dispute_reason: string | null;
      po_number: string | null;
      document_url: string | null;
      hold_until: string | null;
      hold_reason: string | null;
      settled_on: string | null;
      days_past_due: number;
    }>`
      select i.number, i.type, i.issue_date, i.due_date, i.currency, i.amount_minor, i.open_minor,
        i.disputed, i.dispute_reason, i.po_number, i.document_url, i.hold_until, i.hold_reason,
        i.settled_on, (${q.asOf}::date - i.due_date) as days_past_due
      from items i
      where ${where}
      order by ${key[q.sort]} ${direction}, i.number ${direction}, i.id
      limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(db),
    sql<{ n: string | number }>`select count(*) as n from items i where ${where}`.execute(db),
  ]);
  return {
    asOf: q.asOf,
    total: Number(count.rows[0]?.n ?? 0),
    page: q.page,
    pageSize: q.pageSize,
    rows: rows.rows.map((r) => ({
      number: r.number,
      type: r.type,
      issueDate: r.issue_date,
      dueDate: r.due_date,
      currency: r.currency.trim(),
      amountMinor: Number(r.amount_minor),
      openMinor: Number(r.open_minor),
      disputed: r.disputed,
      disputeReason: r.dispute_reason,
      poNumber: r.po_number,
      documentUrl: r.document_url,
      holdUntil: r.hold_until,
      holdReason: r.hold_reason,
      settledOn: r.settled_on,
      daysPastDue: Number(r.days_past_due),
      status: statusOf(r.type, Number(r.open_minor), Number(r.days_past_due)),
    })),
  };
}

function statusOf(
  type: ItemListRow['type'],
  openMinor: number,
  daysPastDue: number,
): ItemListRow['status'] {
  if (openMinor === 0) return 'settled';
  if (type === 'credit_note') return 'credit_note';
  if (type === 'payment') return 'unallocated_payment';
  return daysPastDue > 0 ? 'overdue' : 'not_due';
}
