import { diffDays } from '../calendar/local-date.ts';
import type { LocalDate } from '../calendar/local-date.ts';
import { agingBucket, emptyAging } from './aging.ts';
import type { AgingBucket } from './aging.ts';
import { ITEM_TYPES } from './types.ts';
import type { LedgerItem } from './types.ts';

/** An open item as seen on a given day. */
export interface AccountItem extends LedgerItem {
  /** asOf − dueDate in days (negative = days before due). */
  readonly daysPastDue: number;
  readonly status: 'overdue' | 'not_due' | 'credit_note' | 'unallocated_payment';
  /** Invoices only; null for credit notes and payments. */
  readonly bucket: AgingBucket | null;
}

/** Totals of one currency's open items; amounts in minor units, never mixed across currencies. */
export interface CurrencyBalance {
  readonly currency: string;
  /** Σ open of all open items (credits and payments netted, negative). */
  readonly balanceMinor: number;
  /** Σ open of invoices with daysPastDue > 0 (disputed included). */
  readonly overdueMinor: number;
  /** Σ open of invoices with daysPastDue ≤ 0. */
  readonly notDueMinor: number;
  /** Σ open of credit notes (≤ 0). */
  readonly creditNotesMinor: number;
  /** Σ open of unallocated payments (≤ 0). */
  readonly unallocatedPaymentsMinor: number;
  /** Σ open of disputed invoices. */
  readonly disputedMinor: number;
  /** Invoices only: Σ aging = overdueMinor + notDueMinor. */
  readonly aging: Readonly<Record<AgingBucket, number>>;
  readonly openItemCount: number;
  readonly overdueItemCount: number;
  /** 0 when nothing is overdue. */
  readonly maxDaysPastDue: number;
  /** Overdue invoice with the oldest due date (tie → smallest number), or null. */
  readonly oldestOverdue: { number: string; dueDate: LocalDate; daysPastDue: number } | null;
}

/** A customer's open items and per-currency totals as of one business date. */
export interface Account {
  readonly asOf: LocalDate;
  readonly balances: readonly CurrencyBalance[];
  readonly items: readonly AccountItem[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function toAccountItem(item: LedgerItem, asOf: LocalDate): AccountItem {
  const daysPastDue = diffDays(asOf, item.dueDate);
  switch (item.type) {
    case 'invoice':
      return {
        ...item,
        daysPastDue,
        status: daysPastDue > 0 ? 'overdue' : 'not_due',
        bucket: agingBucket(daysPastDue),
      };
    case 'credit_note':
      return { ...item, daysPastDue, status: 'credit_note', bucket: null };
    case 'payment':
      return { ...item, daysPastDue, status: 'unallocated_payment', bucket: null };
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Due date, then number; type and currency only make the order total. */
function compareItems(a: AccountItem, b: AccountItem): number {
  return (
    compareText(a.dueDate, b.dueDate) ||
    compareText(a.number, b.number) ||
    ITEM_TYPES.indexOf(a.type) - ITEM_TYPES.indexOf(b.type) ||
    compareText(a.currency, b.currency)
  );
}

function emptyBalance(currency: string): Mutable<CurrencyBalance> {
  return {
    currency,
    balanceMinor: 0,
    overdueMinor: 0,
    notDueMinor: 0,
    creditNotesMinor: 0,
    unallocatedPaymentsMinor: 0,
    disputedMinor: 0,
    aging: emptyAging(),
    openItemCount: 0,
    overdueItemCount: 0,
    maxDaysPastDue: 0,
    oldestOverdue: null,
  };
}

/** Adds one open item to its currency's totals; items arrive oldest due date first. */
function addItem(balance: Mutable<CurrencyBalance>, item: AccountItem): void {
  const aging = balance.aging as Record<AgingBucket, number>;
  balance.balanceMinor += item.openMinor;
  balance.openItemCount += 1;
  if (item.status === 'credit_note') balance.creditNotesMinor += item.openMinor;
  if (item.status === 'unallocated_payment') balance.unallocatedPaymentsMinor += item.openMinor;
  if (item.bucket !== null) aging[item.bucket] += item.openMinor;
  if (item.type === 'invoice' && item.disputed) balance.disputedMinor += item.openMinor;
  if (item.status === 'not_due') balance.notDueMinor += item.openMinor;
  if (item.status === 'overdue') {
    balance.overdueMinor += item.openMinor;
    balance.overdueItemCount += 1;
    balance.maxDaysPastDue = Math.max(balance.maxDaysPastDue, item.daysPastDue);
    balance.oldestOverdue ??= {
      number: item.number,
      dueDate: item.dueDate,
      daysPastDue: item.daysPastDue,
    };
  }
}

/**
 * The account as of `asOf`: open items (openMinor ≠ 0) sorted by due date then number,
 * and one balance per currency sorted by code. An invoice is overdue only when its due
 * date is strictly before `asOf`; an invoice due on `asOf` is current.
 */
export function computeAccount(items: readonly LedgerItem[], asOf: LocalDate): Account {
  const open = items
    .filter((item) => item.openMinor !== 0)
    .map((item) => toAccountItem(item, asOf))
    .sort(compareItems);
  const byCurrency = new Map<string, Mutable<CurrencyBalance>>();
  for (const item of open) {
    let balance = byCurrency.get(item.currency);
    if (balance === undefined) {
      balance = emptyBalance(item.currency);
      byCurrency.set(item.currency, balance);
    }
    addItem(balance, item);
  }
  const balances = [...byCurrency.values()].sort((a, b) => compareText(a.currency, b.currency));
  return { asOf, balances, items: open };
}
