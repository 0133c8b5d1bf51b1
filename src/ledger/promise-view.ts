import type { Selectable } from 'kysely';
import type { PromisesTable } from '../store/schema.ts';
import type { LocalDate } from '../core/calendar/local-date.ts';

/** A promise to pay as the CLI and API show it (docs/credit-status.md, "Promises"). */
export interface PromiseView {
  readonly id: number;
  readonly customer: string;
  readonly currency: string;
  readonly promisedDate: LocalDate;
  /** Minor units of `currency`. */
  readonly amountMinor: number;
  /** Items promised; empty = the currency's overdue balance. */
  readonly items: readonly string[];
  readonly status: 'open' | 'kept' | 'broken' | 'cancelled';
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function toPromiseView(customer: string, p: Selectable<PromisesTable>): PromiseView {
  return {
    id: p.id,
    customer,
    currency: p.currency,
    promisedDate: p.promised_date,
    amountMinor: p.amount_minor,
    items: p.items,
    status: p.status,
    createdAt: new Date(p.created_at).toISOString(),
    updatedAt: new Date(p.updated_at).toISOString(),
  };
}
