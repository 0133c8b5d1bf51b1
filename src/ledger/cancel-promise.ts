import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { AppError } from '../core/errors.ts';
import { inTransaction, invalid, openContext, recordEvents, type Scope } from './ledger-context.ts';
import { toPromiseView, type PromiseView } from './promise-view.ts';

/** Cancels an open promise to pay (escalation resumes where it was). Event PROMISE_CANCELLED. */
export async function cancelPromise(
  db: Kysely<DB>,
  input: Scope & { readonly id: string | number },
): Promise<PromiseView> {
  const ctx = await openContext(db, input);
  const id = Number(input.id);
  if (!Number.isSafeInteger(id) || id <= 0 || String(input.id).trim() === '') {
    throw invalid(`invalid promise id ${input.id}`, [
      { field: 'id', value: String(input.id), expected: 'a promise id (a whole number above 0)' },
    ]);
  }
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('promises as p')
      .innerJoin('customers as c', 'c.id', 'p.customer_id')
      .selectAll('p')
      .select('c.code as customer')
      .where('p.company_id', '=', ctx.company.id)
      .where('p.id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) {
      throw new AppError('NOT_FOUND', `no promise #${id} in company ${ctx.company.code}`, [
        { field: 'id', value: String(id), expected: 'the id of a promise (relance promise list)' },
      ]);
    }
    if (row.status !== 'open') {
      throw invalid(`promise #${id} is ${row.status}, not open`, [
        { field: 'id', value: String(id), expected: `an open promise (this one is ${row.status})` },
      ]);
    }
    const updated = await trx
      .updateTable('promises')
      .set({ status: 'cancelled', updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvents(trx, [
      {
        companyId: ctx.company.id,
        customerId: row.customer_id,
        asOf: ctx.today,
        code: 'PROMISE_CANCELLED',
        currency: row.currency,
        detail: `promise #${id} to pay by ${row.promised_date} cancelled`,
      },
    ]);
    return toPromiseView(row.customer, updated);
  });
}
