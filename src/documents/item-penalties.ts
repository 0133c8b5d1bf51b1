import type { Kysely } from 'kysely';
import type { LocalDate } from '../core/calendar/local-date.ts';
import { computePenalties } from '../core/penalties/compute-penalties.ts';
import type { ReferenceRates } from '../core/penalties/reference-rates.ts';
import type { Jurisdiction, PenaltyResult } from '../core/penalties/types.ts';
import type { RenderItem } from '../core/templates/context.ts';
import { loadReferenceRates } from '../penalties/load-rates.ts';
import type { DB } from '../store/schema.ts';

/** Statutory rules by the customer's country: France, Germany, the UK, else the EU floor. */
export function jurisdictionOf(country: string): Jurisdiction {
  return country === 'FR' || country === 'DE' || country === 'GB' ? country : 'EU';
}

export interface PenaltyRequest {
  readonly customerCountry: string;
  readonly asOf: LocalDate;
  /** Default: the shipped table and the user rate file. */
  readonly rates?: ReferenceRates | undefined;
  /** The items loaded (for their ids). */
  readonly rows: readonly { id: number; number: string }[];
  readonly overdue: readonly RenderItem[];
}

/**
 * Interest and fixed compensation of each overdue invoice: on what was owed before its
 * recorded payments (allocations), period by period as they were received.
 */
export async function itemPenalties(
  db: Kysely<DB>,
  request: PenaltyRequest,
): Promise<PenaltyResult[]> {
  const invoices = request.overdue.filter((i) => i.type === 'invoice' && i.openMinor > 0);
  if (invoices.length === 0) return [];
  const idOf = new Map(request.rows.map((r) => [r.number, r.id]));
  const allocations = await db
    .selectFrom('allocations as a')
    .innerJoin('payments as p', 'p.id', 'a.payment_id')
    .select(['a.item_id', 'a.amount_minor', 'p.received_on'])
    .where(
      'a.item_id',
      'in',
      invoices.map((i) => idOf.get(i.number)!),
    )
    .where('a.amount_minor', '>', 0)
    .orderBy('p.received_on')
    .execute();
  const rates = request.rates ?? (await loadReferenceRates()).rates;
  const jurisdiction = jurisdictionOf(request.customerCountry);
  return invoices.map((item) => {
    const paid = allocations.filter((a) => a.item_id === idOf.get(item.number));
    const allocated = paid.reduce((sum, a) => sum + a.amount_minor, 0);
    return computePenalties(
      {
        jurisdiction,
        currency: item.currency,
        amountMinor: Math.min(item.amountMinor, item.openMinor + allocated),
        dueDate: item.dueDate,
        asOf: request.asOf,
        payments: paid.map((a) => ({ date: a.received_on, amountMinor: a.amount_minor })),
      },
      rates,
    );
  });
}
