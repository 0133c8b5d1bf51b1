import type { LocalDate } from '../calendar/local-date.ts';

/** Kinds of open item on a customer account. */
export type ItemType = 'invoice' | 'credit_note' | 'payment';

export const ITEM_TYPES: readonly ItemType[] = ['invoice', 'credit_note', 'payment'];

/** One document of a customer's ledger, amounts in minor units of its currency. */
export interface LedgerItem {
  readonly number: string;
  readonly type: ItemType;
  readonly issueDate: LocalDate;
  readonly dueDate: LocalDate;
  readonly currency: string;
  /** Signed: invoices positive, credit notes and unallocated payments negative. */
  readonly amountMinor: number;
  /** Signed like amountMinor; 0 when settled. */
  readonly openMinor: number;
  readonly disputed: boolean;
  readonly disputeReason?: string | null;
  readonly poNumber?: string | null;
  readonly documentUrl?: string | null;
}
