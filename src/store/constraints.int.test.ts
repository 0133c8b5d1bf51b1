import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import type { Database } from './database.ts';

/** Integrity lives in the database: these writes bypass the importer and must still fail. */
for (const backend of BACKENDS) {
  describe(`database constraints (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let customer: number;
    let other: number;
    before(async () => {
      database = await backend.open();
      const db = database.db;
      const [a, b] = await db
        .insertInto('companies')
        .values([
          { code: 'A', name: 'A', country: 'FR', currency: 'EUR' },
          { code: 'B', name: 'B', country: 'DE', currency: 'EUR' },
        ])
        .returning('id')
        .execute();
      const c = { name: 'C', country: 'FR', language: 'fr', currency: 'EUR' };
      customer = (
        await db
          .insertInto('customers')
          .values({ ...c, company_id: a!.id, code: 'C1' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      other = (
        await db
          .insertInto('customers')
          .values({ ...c, company_id: b!.id, code: 'C1' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      await insert({ number: 'OK-1' });
    });
    after(async () => database?.close());

    const insert = (over: Record<string, unknown>) =>
      sql`insert into items (company_id, customer_id, number, type, issue_date, due_date, currency, amount_minor, open_minor)
          select c.company_id, ${over.customer_id === 'other' ? other : customer}, ${over.number ?? 'X'}, ${over.type ?? 'invoice'},
            ${over.issue_date ?? '2026-01-01'}::date, ${over.due_date ?? '2026-01-31'}::date, ${over.currency ?? 'EUR'},
            ${over.amount_minor ?? 100}, ${over.open_minor ?? 100}
          from customers c where c.id = ${customer}`.execute(database.db);

    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['unknown currency', { currency: 'XXX' }, /currency_code|check/i],
      ['negative invoice', { amount_minor: -100, open_minor: -100 }, /items_invoice_sign/],
      ['open amount above the amount', { open_minor: 200 }, /items_invoice_sign/],
      ['positive credit note', { type: 'credit_note' }, /items_credit_sign/],
      ['due date before issue date', { due_date: '2025-12-31' }, /items_due_after_issue/],
      ['duplicate number in the company', { number: 'OK-1' }, /items_number_unique/],
      ['customer of another company', { customer_id: 'other' }, /items_customer_fk/],
      ['unknown type', { type: 'bill' }, /check/i],
    ];
    for (const [name, over, error] of cases) {
      it(`refuses ${name}`, async () => {
        await assert.rejects(insert({ number: `N-${name}`, ...over }), error);
      });
    }

    it('refuses a customer with an unknown currency or an invalid language', async () => {
      const base = { company_id: 1, name: 'Z', country: 'FR', language: 'fr', currency: 'EUR' };
      await assert.rejects(
        database.db
          .insertInto('customers')
          .values({ ...base, code: 'Z1', currency: 'ABC' })
          .execute(),
        /foreign key|currencies/i,
      );
      await assert.rejects(
        database.db
          .insertInto('customers')
          .values({ ...base, code: 'Z2', language: 'French' })
          .execute(),
        /check/i,
      );
    });
  });
}
