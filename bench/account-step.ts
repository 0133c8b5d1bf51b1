import type { Database } from '../src/store/database.ts';
import { importFile } from '../src/imports/import-file.ts';
import { loadAccount } from '../src/ledger/load-account.ts';
import { computeAccount } from '../src/core/ledger/account.ts';
import type { LedgerItem } from '../src/core/ledger/types.ts';
import { BENCH_AS_OF, BIG_CUSTOMER, writeBigCustomerFiles } from './generate.ts';
import { BENCH_COMPANY } from './import-steps.ts';
import { medianMs } from './measure.ts';

export const ACCOUNT_ITEMS = 1000;
export const ACCOUNT_RUNS = 20;
export const ACCOUNT_WARMUPS = 3;

/** Median, fastest and slowest of ACCOUNT_RUNS timed calls, in milliseconds. */
export interface Timing {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

export interface AccountFigure {
  readonly items: number;
  /** loadAccount: company, customer, open items, sync date, then core.computeAccount. */
  readonly account: Timing;
  /**
   * Baseline: `select * from items where customer_id = … and open_minor <> 0`, the same
   * 1,000 rows through the same partial index loadAccount uses.
   */
  readonly select: Timing;
  /** The literal `select * from items where customer_id = …` (no index serves it: seq scan). */
  readonly plainSelect: Timing;
  /** core.computeAccount alone on the same 1,000 items (pure JS, no database). */
  readonly compute: Timing;
}

const time = (fn: () => Promise<unknown>) => medianMs(fn, ACCOUNT_RUNS, ACCOUNT_WARMUPS);

/**
 * Adds a customer with exactly ACCOUNT_ITEMS open invoices through the importer (on top of
 * the 1 M demo items), then times loadAccount against a bare select of the same rows.
 */
export async function measureAccount(database: Database, dir: string): Promise<AccountFigure> {
  const files = await writeBigCustomerFiles(dir, ACCOUNT_ITEMS);
  const common = { company: BENCH_COMPANY, asOf: BENCH_AS_OF, maxBytes: Infinity };
  await importFile(database, { ...common, kind: 'customers', path: files.customers });
  await importFile(database, { ...common, kind: 'items', path: files.items });
  const db = database.db;
  const { id } = await db
    .selectFrom('customers')
    .innerJoin('companies', 'companies.id', 'customers.company_id')
    .select('customers.id')
    .where('companies.code', '=', BENCH_COMPANY)
    .where('customers.code', '=', BIG_CUSTOMER)
    .executeTakeFirstOrThrow();
  const input = { company: BENCH_COMPANY, customer: BIG_CUSTOMER, asOf: BENCH_AS_OF };
  const view = await loadAccount(db, input);
  if (view.items.length !== ACCOUNT_ITEMS) {
    throw new Error(`account has ${view.items.length} items, expected ${ACCOUNT_ITEMS}`);
  }
  const expectRows = (rows: readonly unknown[]) => {
    if (rows.length !== ACCOUNT_ITEMS) throw new Error(`select returned ${rows.length} rows`);
  };
  const account = await time(() => loadAccount(db, input));
  const select = await time(async () =>
    expectRows(
      await db
        .selectFrom('items')
        .selectAll()
        .where('customer_id', '=', id)
        .where('open_minor', '<>', 0)
        .execute(),
    ),
  );
  const plainSelect = await time(async () =>
    expectRows(await db.selectFrom('items').selectAll().where('customer_id', '=', id).execute()),
  );
  const items: LedgerItem[] = view.items.map((i) => ({
    number: i.number,
    type: i.type,
    issueDate: i.issueDate,
    dueDate: i.dueDate,
    currency: i.currency,
    amountMinor: i.amountMinor,
    openMinor: i.openMinor,
    disputed: i.disputed,
  }));
  const compute = await time(async () => computeAccount(items, BENCH_AS_OF));
  return { items: view.items.length, account, select, plainSelect, compute };
}
