import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { AppError } from '../core/errors.ts';
import type { Company } from '../store/companies.ts';
import { findCustomer, findItem, type CustomerRow, type ItemRow } from './ledger-context.ts';

/** What a dunning pause applies to: a whole customer, or one item. */
export type HoldTarget =
  | { readonly kind: 'customer'; readonly customer: CustomerRow }
  | { readonly kind: 'item'; readonly item: ItemRow; readonly customerCode: string };

/** A dunning pause as the CLI and API show it. */
export interface HoldView {
  readonly target: 'customer' | 'item';
  readonly customer: string;
  /** The item paused, or null for the whole customer. */
  readonly item: string | null;
  readonly holdUntil: string | null;
  readonly holdReason: string | null;
}

/**
 * Finds what `code` names: a customer code first, else an item number, unless
 * `kind` says which. Locks the row when inside a transaction.
 */
export async function findHoldTarget(
  db: Kysely<DB>,
  company: Company,
  code: string,
  kind: 'customer' | 'item' | undefined,
): Promise<HoldTarget> {
  if (kind === 'customer') return { kind, customer: await findCustomer(db, company, code) };
  if (kind === 'item') return itemTarget(db, await findItem(db, company, code));
  try {
    return { kind: 'customer', customer: await findCustomer(db, company, code) };
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
  }
  try {
    return itemTarget(db, await findItem(db, company, code));
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
    throw new AppError(
      'NOT_FOUND',
      `${code} is neither a customer code nor an item number in company ${company.code}`,
      [{ field: 'target', value: code, expected: 'a customer code or an item number' }],
    );
  }
}

async function itemTarget(db: Kysely<DB>, item: ItemRow): Promise<HoldTarget> {
  const customer = await db
    .selectFrom('customers')
    .select('code')
    .where('id', '=', item.customer_id)
    .executeTakeFirstOrThrow();
  return { kind: 'item', item, customerCode: customer.code };
}

/** The customer row id the target belongs to (for the timeline). */
export function customerIdOf(t: HoldTarget): number {
  return t.kind === 'customer' ? t.customer.id : t.item.customer_id;
}

export function describeTarget(t: HoldTarget): string {
  return t.kind === 'customer' ? `customer ${t.customer.code}` : `item ${t.item.number}`;
}

/** Writes hold_until / hold_reason on the target's row. */
export async function writeHold(
  db: Kysely<DB>,
  t: HoldTarget,
  until: string | null,
  reason: string | null,
): Promise<HoldView> {
  const set = { hold_until: until, hold_reason: reason, updated_at: new Date() };
  if (t.kind === 'customer') {
    await db.updateTable('customers').set(set).where('id', '=', t.customer.id).execute();
  } else {
    await db.updateTable('items').set(set).where('id', '=', t.item.id).execute();
  }
  return {
    target: t.kind,
    customer: t.kind === 'customer' ? t.customer.code : t.customerCode,
    item: t.kind === 'item' ? t.item.number : null,
    holdUntil: until,
    holdReason: reason,
  };
}
