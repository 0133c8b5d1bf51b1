import { sql } from 'kysely';
import assert from 'node:assert/strict';
import { AppError } from '../../src/core/errors.ts';
import type { Database } from '../../src/store/database.ts';
import { importFile } from '../../src/imports/import-file.ts';
import { tempDir, writeFile } from './files.ts';

/** 2026-03-10, a Tuesday, 11:00 in Paris: "today" for the ledger use-cases under test. */
export const NOW = new Date('2026-03-10T10:00:00Z');
export const TODAY = '2026-03-10';

const dir = tempDir('relance-ledger-');
let files = 0;

/** Imports customers then items from CSV text into a fresh database (company MAIN). */
export async function seedLedger(database: Database, customers: string, items: string) {
  files += 1;
  await importFile(database, {
    kind: 'customers',
    path: writeFile(dir, `c${files}.csv`, customers),
    asOf: TODAY,
  });
  await importFile(database, {
    kind: 'items',
    path: writeFile(dir, `i${files}.csv`, items),
    asOf: TODAY,
  });
}

/**
 * Everything a ledger use-case may change, as text: comparing it before and after
 * a refused call proves the call changed nothing.
 */
export async function ledgerState(database: Database): Promise<string> {
  const tables = [
    `select code, status, hold_until, hold_reason, updated_at from customers order by code`,
    `select number, disputed, dispute_reason, hold_until, hold_reason, updated_at from items order by number`,
    `select id, status, promised_date, amount_minor, items, updated_at from promises order by id`,
    `select id, state from dunning_actions order by id`,
    `select id, code, detail from timeline order by id`,
  ];
  const out: unknown[] = [];
  for (const q of tables) out.push((await sql.raw(q).execute(database.db)).rows);
  return JSON.stringify(out);
}

/** The timeline events of one customer (code: detail), oldest first. */
export async function eventsOf(database: Database, customer: string): Promise<string[]> {
  const rows = await database.db
    .selectFrom('timeline as t')
    .innerJoin('customers as c', 'c.id', 't.customer_id')
    .select(['t.code', 't.detail'])
    .where('c.code', '=', customer)
    .where('t.kind', '=', 'event')
    .orderBy('t.id')
    .execute();
  return rows.map((r) => `${r.code}: ${r.detail}`);
}

/** Asserts `call` fails with `code` and exactly these problems (field: value), changing nothing. */
export async function refused(
  database: Database,
  call: () => Promise<unknown>,
  code: string,
  problems: string[],
) {
  const before = await ledgerState(database);
  await assert.rejects(call, (e: unknown) => {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.code, code, e.message);
    assert.deepEqual(
      e.problems.map((p) => `${p.field}: ${p.value}`),
      problems,
    );
    return true;
  });
  assert.equal(await ledgerState(database), before);
}
