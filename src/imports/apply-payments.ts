import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { LocalDate } from '../core/calendar/local-date.ts';
import type { KnownItem, KnownPayment, PaymentRecord } from './validate-payments.ts';
import type { ApplyCounts } from './apply-counts.ts';

/** Loads the items and earlier payments a payments file refers to. */
export async function loadPaymentContext(
  trx: Kysely<DB>,
  companyId: number,
  itemNumbers: readonly string[],
  references: readonly string[],
): Promise<{ items: Map<string, KnownItem>; payments: Map<string, KnownPayment> }> {
  const numbers = [...new Set([...itemNumbers, ...references])].filter((n) => n !== '');
  const items = new Map<string, KnownItem>();
  const payments = new Map<string, KnownPayment>();
  if (numbers.length > 0) {
    const rows = await trx
      .selectFrom('items as i')
      .innerJoin('customers as c', 'c.id', 'i.customer_id')
      .select([
        'i.id',
        'i.number',
        'i.customer_id',
        'c.code',
        'i.type',
        'i.currency',
        'i.open_minor',
      ])
      .where('i.company_id', '=', companyId)
      .where('i.number', '=', sql<string>`any(${numbers})`)
      .execute();
    for (const r of rows) {
      items.set(r.number, {
        id: r.id,
        customerId: r.customer_id,
        customerCode: r.code,
        type: r.type,
        currency: r.currency,
        openMinor: r.open_minor,
      });
    }
  }
  const refs = [...new Set(references)];
  if (refs.length > 0) {
    const rows = await trx
      .selectFrom('payments as p')
      .leftJoin('allocations as a', 'a.payment_id', 'p.id')
      .select(['p.reference', 'p.customer_id', 'a.item_id', 'a.amount_minor'])
      .where('p.company_id', '=', companyId)
      .where('p.reference', '=', sql<string>`any(${refs})`)
      .execute();
    for (const r of rows) {
      const known = payments.get(r.reference) ?? {
        customerId: r.customer_id,
        allocations: new Map(),
      };
      if (r.item_id !== null && r.amount_minor !== null) {
        (known.allocations as Map<number, number>).set(r.item_id, r.amount_minor);
      }
      payments.set(r.reference, known);
    }
  }
  return { items, payments };
}

/**
 * Records payments and their allocations. Each allocation lowers its invoice's
 * open amount by the change since the last import of the same payment, so
 * re-importing a file changes nothing. An unallocated remainder is kept as an
 * open item of type payment numbered like the payment's reference.
 */
export async function applyPayments(
  trx: Kysely<DB>,
  companyId: number,
  batchId: number,
  records: readonly PaymentRecord[],
  known: ReadonlyMap<string, KnownPayment>,
  asOf: LocalDate,
): Promise<ApplyCounts> {
  let inserted = 0;
  let updated = 0;
  for (const p of records) {
    const upsert = await sql<{ id: number; fresh: boolean }>`
      insert into payments as p (company_id, customer_id, reference, received_on, currency,
        amount_minor, import_batch_id)
      values (${companyId}, ${p.customerId}, ${p.reference}, ${p.receivedOn}, ${p.currency},
        ${p.amountMinor}, ${batchId})
      on conflict (company_id, reference) do update set customer_id = excluded.customer_id,
        received_on = excluded.received_on, currency = excluded.currency,
        amount_minor = excluded.amount_minor, import_batch_id = excluded.import_batch_id,
        updated_at = now()
      where (p.customer_id, p.received_on, p.currency, p.amount_minor)
        is distinct from (excluded.customer_id, excluded.received_on, excluded.currency,
          excluded.amount_minor)
      returning id, (xmax = 0) as fresh`.execute(trx);
    const row = upsert.rows[0];
    const paymentId =
      row?.id ??
      (
        await trx
          .selectFrom('payments')
          .select('id')
          .where('company_id', '=', companyId)
          .where('reference', '=', p.reference)
          .executeTakeFirstOrThrow()
      ).id;
    const before = known.get(p.reference)?.allocations ?? new Map<number, number>();
    let changed = row !== undefined;
    for (const itemId of new Set([...before.keys(), ...p.allocations.keys()])) {
      const delta = (p.allocations.get(itemId) ?? 0) - (before.get(itemId) ?? 0);
      if (delta === 0) continue;
      changed = true;
      await sql`update items set open_minor = open_minor - ${delta},
          settled_on = case when open_minor - ${delta} = 0 then ${asOf}::date end,
          settled_by_batch_id = null, updated_at = now()
        where id = ${itemId}`.execute(trx);
      const amount = p.allocations.get(itemId);
      if (amount === undefined) {
        await trx
          .deleteFrom('allocations')
          .where('payment_id', '=', paymentId)
          .where('item_id', '=', itemId)
          .execute();
      } else {
        await trx
          .insertInto('allocations')
          .values({ payment_id: paymentId, item_id: itemId, amount_minor: amount })
          .onConflict((oc) =>
            oc.columns(['payment_id', 'item_id']).doUpdateSet({ amount_minor: amount }),
          )
          .execute();
      }
    }
    if (await keepUnallocated(trx, companyId, batchId, p, asOf)) changed = true;
    if (row?.fresh) inserted++;
    else if (changed) updated++;
  }
  return { inserted, updated, unchanged: records.length - inserted - updated, settled: 0 };
}

async function keepUnallocated(
  trx: Kysely<DB>,
  companyId: number,
  batchId: number,
  p: PaymentRecord,
  asOf: LocalDate,
): Promise<boolean> {
  const open = -p.unallocatedMinor;
  const result = await sql`
    insert into items as i (company_id, customer_id, number, type, issue_date, due_date, currency,
      amount_minor, open_minor, settled_on, import_batch_id)
    select ${companyId}, ${p.customerId}, ${p.reference}, 'payment', ${p.receivedOn}::date,
      ${p.receivedOn}::date, ${p.currency}, ${-p.amountMinor}, ${open},
      case when ${open}::bigint = 0 then ${asOf}::date end, ${batchId}
    where ${open}::bigint <> 0
      or exists (select 1 from items x where x.company_id = ${companyId} and x.number = ${p.reference})
    on conflict (company_id, number) do update set issue_date = excluded.issue_date,
      due_date = excluded.due_date, currency = excluded.currency,
      amount_minor = excluded.amount_minor,
      open_minor = excluded.open_minor,
      settled_on = case when excluded.open_minor = 0 then coalesce(i.settled_on, excluded.settled_on) end,
      import_batch_id = excluded.import_batch_id, updated_at = now()
    where i.type = 'payment' and i.customer_id = excluded.customer_id
      and (i.issue_date, i.currency, i.amount_minor, i.open_minor)
        is distinct from (excluded.issue_date, excluded.currency, excluded.amount_minor,
          excluded.open_minor)`.execute(trx);
  return Number(result.numAffectedRows ?? 0n) > 0;
}
