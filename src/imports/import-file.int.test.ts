import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { tempDir, writeFile, csv } from '../../test/helpers/files.ts';
import type { Database } from '../store/database.ts';
import { AppError } from '../core/errors.ts';
import { importFile, type ImportOptions } from './import-file.ts';

const dir = tempDir();
const CUSTOMERS = csv(
  'code,name,country,language,currency,email,credit_limit',
  'C1,Acme SARL,FR,fr,EUR,ap@acme.example,50000.00',
  'C2,"Beta, GmbH",DE,de,EUR,,',
  'C3,Gamma Ltd,GB,en-GB,GBP,ar@gamma.example,',
);
const ITEMS_HEADER =
  'customer,number,type,issue_date,due_date,currency,amount,open_amount,disputed';
const ITEMS = csv(
  ITEMS_HEADER,
  'C1,F-1,invoice,2026-01-01,2026-01-31,EUR,1000.00,1000.00,no',
  'C1,F-2,invoice,2026-02-01,2026-03-03,EUR,250.50,100.50,',
  'C1,CN-1,credit_note,2026-01-05,,EUR,100.00,100.00,',
  'C2,F-3,invoice,2026-02-01,2026-03-03,EUR,"2,500.00",2500.00,yes',
  'C3,F-4,invoice,2026-02-10,2026-03-12,GBP,99.99,99.99,no',
);

async function counts(database: Database) {
  const row = await sql<Record<string, number>>`select
      (select count(*)::int from customers) as customers,
      (select count(*)::int from contacts) as contacts,
      (select count(*)::int from items) as items,
      (select coalesce(sum(open_minor), 0)::bigint as open from items) as open,
      (select count(*)::int from payments) as payments,
      (select count(*)::int from allocations) as allocations,
      (select count(*)::int from import_batches) as batches`.execute(database.db);
  return row.rows[0];
}

async function expectProblems(
  database: Database,
  options: ImportOptions,
  expected: { row?: number; field: string; match?: RegExp }[],
) {
  const before = await counts(database);
  const error = await importFile(database, options).then(
    () => assert.fail('the import should have been refused'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof AppError, String(error));
  for (const e of expected) {
    const found = error.problems.find(
      (p) =>
        p.field === e.field &&
        (e.row === undefined || p.row === e.row) &&
        (!e.match || e.match.test(p.expected)),
    );
    assert.ok(
      found,
      `expected a problem on ${e.field} row ${e.row}: got ${JSON.stringify(error.problems)}`,
    );
  }
  assert.deepEqual(await counts(database), before, 'a refused import changes nothing');
  return error;
}

for (const backend of BACKENDS) {
  describe(`import (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    const asOf = '2026-03-15';
    const run = (
      kind: ImportOptions['kind'],
      name: string,
      content: string | Buffer,
      extra: Partial<ImportOptions> = {},
    ) =>
      importFile(database, {
        kind,
        path: writeFile(dir, `${backend.name}-${name}`, content),
        asOf,
        ...extra,
      });

    before(async () => {
      database = await backend.open();
      await run('customers', 'customers.csv', CUSTOMERS);
      await run('items', 'items.csv', ITEMS);
    });
    after(async () => database?.close());

    it('stores customers and items exactly, with signs from the type', async () => {
      const items = await database.db
        .selectFrom('items')
        .select(['number', 'amount_minor', 'open_minor', 'disputed'])
        .orderBy('number')
        .execute();
      assert.deepEqual(items, [
        { number: 'CN-1', amount_minor: -10000, open_minor: -10000, disputed: false },
        { number: 'F-1', amount_minor: 100000, open_minor: 100000, disputed: false },
        { number: 'F-2', amount_minor: 25050, open_minor: 10050, disputed: false },
        { number: 'F-3', amount_minor: 250000, open_minor: 250000, disputed: true },
        { number: 'F-4', amount_minor: 9999, open_minor: 9999, disputed: false },
      ]);
      const c1 = await database.db
        .selectFrom('customers')
        .selectAll()
        .where('code', '=', 'C1')
        .executeTakeFirstOrThrow();
      assert.equal(c1.credit_limit_minor, 5000000);
      assert.equal(c1.language, 'fr');
      const sync = await database.db.selectFrom('ledger_sync').selectAll().executeTakeFirst();
      assert.ok(sync?.ledger_synced_at, 'the items import records ledger_synced_at');
    });

    it('re-importing the same files changes nothing', async () => {
      const c = await run('customers', 'customers.csv', CUSTOMERS);
      assert.deepEqual([c.inserted, c.updated, c.unchanged], [0, 0, 3]);
      const i = await run('items', 'items.csv', ITEMS);
      assert.deepEqual([i.inserted, i.updated, i.unchanged, i.settled], [0, 0, 5, 0]);
    });

    it('keeps stored optional columns that a later file does not have', async () => {
      await run(
        'customers',
        'customers-min.csv',
        csv('code,name,country,language,currency', 'C1,Acme SARL,FR,fr,EUR'),
      );
      const c1 = await database.db
        .selectFrom('customers')
        .select(['email', 'credit_limit_minor'])
        .where('code', '=', 'C1')
        .executeTakeFirstOrThrow();
      assert.deepEqual(c1, { email: 'ap@acme.example', credit_limit_minor: 5000000 });
    });

    it('reads ; delimiters, a BOM, quoted fields and decimal commas', async () => {
      const text =
        '\uFEFFcode;name;country;language;currency\nC9;"Société ""Delta""; SA";FR;fr;EUR\n';
      await run('customers', 'bom.csv', text);
      const items = csv(
        'customer;number;type;issue_date;due_date;currency;amount;open_amount',
        'C9;F-9;invoice;01/02/2026;03/03/2026;EUR;1 234,56;1.234,56',
      );
      const r = await run('items', 'comma.csv', items, {
        formats: { decimal: 'comma', dateFormat: 'DD/MM/YYYY' },
      });
      assert.equal(r.inserted, 1);
      const row = await database.db
        .selectFrom('items')
        .select(['amount_minor', 'issue_date', 'due_date'])
        .where('number', '=', 'F-9')
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, {
        amount_minor: 123456,
        issue_date: '2026-02-01',
        due_date: '2026-03-03',
      });
      const name = await database.db
        .selectFrom('customers')
        .select('name')
        .where('code', '=', 'C9')
        .executeTakeFirstOrThrow();
      assert.equal(name.name, 'Société "Delta"; SA');
    });

    it('reports every bad row at once, naming row, column, value and expectation', async () => {
      const bad = csv(
        ITEMS_HEADER,
        'C1,B-1,invoice,2026-01-01,2026-01-31,XXX,10.00,10.00,no',
        'C1,B-2,invoice,2026-13-01,2026-01-31,EUR,10.00,10.00,no',
        'C1,B-3,invoice,2026-02-01,2026-01-31,EUR,10.00,10.00,no',
        'C1,B-4,invoice,2026-01-01,2026-01-31,EUR,10.005,10.00,no',
        'C1,B-5,invoice,2026-01-01,2026-01-31,EUR,-10.00,10.00,no',
        'C1,B-6,invoice,2026-01-01,2026-01-31,EUR,10.00,10.00,no',
        'C1,B-6,invoice,2026-01-01,2026-01-31,EUR,10.00,10.00,no',
        'NOPE,B-8,invoice,2026-01-01,2026-01-31,EUR,10.00,10.00,no',
        'C1,B-9,bill,2026-01-01,2026-01-31,EUR,10.00,20.00,maybe',
      );
      const error = await expectProblems(
        database,
        { kind: 'items', path: writeFile(dir, `${backend.name}-bad.csv`, bad), asOf },
        [
          { row: 2, field: 'currency', match: /ISO 4217/ },
          { row: 3, field: 'issue_date', match: /valid calendar date/ },
          { row: 4, field: 'due_date', match: /on or after the issue date/ },
          { row: 5, field: 'amount', match: /at most 2 decimals/ },
          { row: 6, field: 'amount', match: /positive/ },
          { row: 8, field: 'number', match: /also on row 7/ },
          { row: 9, field: 'customer' },
          { row: 10, field: 'type' },
          { row: 10, field: 'disputed' },
        ],
      );
      assert.equal(error.code, 'INVALID_INPUT');
      assert.equal(error.problems.find((p) => p.row === 5)?.value, '10.005');
    });

    it('refuses a header without the required columns', async () => {
      await expectProblems(
        database,
        {
          kind: 'items',
          path: writeFile(dir, `${backend.name}-hdr.csv`, csv('customer,number', 'C1,X')),
          asOf,
        },
        [
          { row: 1, field: 'type' },
          { row: 1, field: 'open_amount' },
        ],
      );
    });

    it('refuses empty, non-UTF-8 and oversized files', async () => {
      await expectProblems(
        database,
        { kind: 'items', path: writeFile(dir, 'empty.csv', ''), asOf },
        [{ field: 'file' }],
      );
      const latin1 = Buffer.from(
        `${ITEMS_HEADER}\nC1,Fé-1,invoice,2026-01-01,2026-01-31,EUR,1.00,1.00,no\n`,
        'latin1',
      );
      const e = await expectProblems(
        database,
        { kind: 'items', path: writeFile(dir, 'latin1.csv', latin1), asOf },
        [{ field: 'file', match: /UTF-8/ }],
      );
      assert.match(e.message, /line 2/);
      const big = Buffer.alloc(50 * 1024 * 1024, 'a');
      const e2 = await expectProblems(
        database,
        { kind: 'items', path: writeFile(dir, 'big.csv', big), asOf },
        [{ field: 'file' }],
      );
      assert.match(e2.message, /over the import limit/);
    });

    it('counts rows as the file’s lines, blank lines included', async () => {
      const text = `${ITEMS_HEADER}\n\nC1,L-1,invoice,2026-01-01,2026-01-31,EUR,1.00,1.00,no\n\nC1,L-2,invoice,2026-01-01,2026-01-31,EUR,1.001,1.00,no\n`;
      await expectProblems(
        database,
        { kind: 'items', path: writeFile(dir, `${backend.name}-lines.csv`, text), asOf },
        [{ row: 5, field: 'amount' }],
      );
    });

    it('refuses a header-only file (a snapshot of it would settle everything)', async () => {
      await expectProblems(
        database,
        {
          kind: 'items',
          path: writeFile(dir, `${backend.name}-header-only.csv`, csv(ITEMS_HEADER)),
          asOf,
          snapshot: true,
        },
        [{ field: 'file', match: /at least one data row/ }],
      );
    });

    it('keeps optional item columns the file does not have', async () => {
      const withPo = csv(
        `${ITEMS_HEADER},po_number`,
        'C3,PO-1,invoice,2026-02-10,2026-03-12,GBP,10.00,10.00,no,PO-777',
      );
      await run('items', 'po.csv', withPo);
      const without = csv(
        'customer,number,type,issue_date,due_date,currency,amount,open_amount',
        'C3,PO-1,invoice,2026-02-10,2026-03-12,GBP,10.00,5.00',
      );
      const r = await run('items', 'no-po.csv', without);
      assert.equal(r.updated, 1);
      const row = await database.db
        .selectFrom('items')
        .select(['po_number', 'open_minor'])
        .where('number', '=', 'PO-1')
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { po_number: 'PO-777', open_minor: 500 });
    });

    it('dry run reports the changes and applies none', async () => {
      const next = csv(
        ITEMS_HEADER,
        'C1,F-1,invoice,2026-01-01,2026-01-31,EUR,1000.00,400.00,no',
        'C1,F-NEW,invoice,2026-03-01,2026-03-31,EUR,5.00,5.00,no',
      );
      const before = await counts(database);
      const report = await run('items', 'dry.csv', next, { dryRun: true, snapshot: true });
      assert.equal(report.dryRun, true);
      assert.deepEqual([report.inserted, report.updated], [1, 1]);
      assert.ok(report.settled >= 4);
      assert.deepEqual(await counts(database), before);
    });

    it('payments: allocations lower open amounts, the remainder stays unallocated, re-import is a no-op', async () => {
      const payments = csv(
        'customer,reference,date,currency,amount,item_number,allocated_amount',
        'C1,R-1,2026-03-10,EUR,800.00,F-1,600.00',
        'C1,R-1,2026-03-10,EUR,800.00,F-2,100.50',
        'C3,R-2,2026-03-11,GBP,150.00,,',
      );
      const first = await run('payments', 'pay.csv', payments);
      assert.equal(first.inserted, 2);
      const open = async () =>
        Object.fromEntries(
          (
            await database.db
              .selectFrom('items')
              .select(['number', 'open_minor', 'settled_on'])
              .where('number', 'in', ['F-1', 'F-2', 'R-1', 'R-2'])
              .execute()
          ).map((r) => [r.number, [r.open_minor, r.settled_on]]),
        );
      const expected = {
        'F-1': [40000, null],
        'F-2': [0, '2026-03-15'],
        'R-1': [-9950, null],
        'R-2': [-15000, null],
      };
      assert.deepEqual(await open(), expected);
      const again = await run('payments', 'pay.csv', payments);
      assert.deepEqual([again.inserted, again.updated, again.unchanged], [0, 0, 2]);
      assert.deepEqual(await open(), expected);
    });

    it('payments: refuses over-allocation and another customer’s invoice', async () => {
      const header = 'customer,reference,date,currency,amount,item_number,allocated_amount';
      const bad = csv(
        header,
        'C2,R-9,2026-03-10,EUR,10.00,F-3,20.00',
        'C2,R-10,2026-03-10,EUR,10.00,F-1,10.00',
        'C2,R-11,2026-03-10,EUR,10.00,F-404,',
        'C1,F-2,2026-03-10,EUR,10.00,F-1,10.00',
        'C1,R-12,2026-03-10,EUR,10.00,,5.00',
      );
      await expectProblems(
        database,
        { kind: 'payments', path: writeFile(dir, `${backend.name}-badpay.csv`, bad), asOf },
        [
          { row: 2, field: 'allocated_amount', match: /no more than its amount/ },
          { row: 3, field: 'item_number', match: /belongs to C1/ },
          { row: 4, field: 'item_number' },
          { row: 5, field: 'reference', match: /not the number of another item/ },
          { row: 6, field: 'allocated_amount', match: /empty cell when item_number is empty/ },
        ],
      );
    });

    it('snapshot settles open items missing from the file, dated', async () => {
      const snap = csv(ITEMS_HEADER, 'C1,F-1,invoice,2026-01-01,2026-01-31,EUR,1000.00,400.00,no');
      const r = await run('items', 'snap.csv', snap, { snapshot: true, asOf: '2026-03-20' });
      assert.ok(r.settled >= 3);
      const f3 = await database.db
        .selectFrom('items')
        .select(['open_minor', 'settled_on', 'settled_by_batch_id'])
        .where('number', '=', 'F-3')
        .executeTakeFirstOrThrow();
      assert.deepEqual(f3, {
        open_minor: 0,
        settled_on: '2026-03-20',
        settled_by_batch_id: r.batchId,
      });
      const again = await run('items', 'snap.csv', snap, { snapshot: true, asOf: '2026-03-21' });
      assert.deepEqual([again.inserted, again.updated, again.settled], [0, 0, 0]);
    });

    it('a failure in the middle of an import leaves the database as before', async () => {
      await sql`create function boom() returns trigger language plpgsql as $$
        begin if new.number = 'BOOM' then raise exception 'simulated crash'; end if; return new; end $$`.execute(
        database.db,
      );
      await sql`create trigger boom before insert or update on items for each row execute function boom()`.execute(
        database.db,
      );
      try {
        const before = await counts(database);
        const rows = [
          'C1,OK-1,invoice,2026-01-01,2026-01-31,EUR,1.00,1.00,no',
          'C1,BOOM,invoice,2026-01-01,2026-01-31,EUR,1.00,1.00,no',
        ];
        await assert.rejects(
          run('items', 'boom.csv', csv(ITEMS_HEADER, ...rows), { snapshot: true }),
          /simulated crash/,
        );
        assert.deepEqual(await counts(database), before);
      } finally {
        await sql`drop trigger boom on items`.execute(database.db);
      }
    });

    it('two imports at once are serialised, not interleaved', async () => {
      const a = csv(
        ITEMS_HEADER,
        ...Array.from(
          { length: 300 },
          (_, i) => `C2,PA-${i},invoice,2026-01-01,2026-01-31,EUR,1.00,1.00,no`,
        ),
      );
      const b = csv(
        ITEMS_HEADER,
        ...Array.from(
          { length: 300 },
          (_, i) => `C2,PB-${i},invoice,2026-01-01,2026-01-31,EUR,1.00,1.00,no`,
        ),
      );
      const [ra, rb] = await Promise.all([
        run('items', 'a.csv', a, { snapshot: true }),
        run('items', 'b.csv', b, { snapshot: true }),
      ]);
      // Whichever ran second settled the first one's items: never a mix of both.
      const open = await database.db
        .selectFrom('items')
        .select('number')
        .where('open_minor', '<>', 0)
        .execute();
      const prefixes = new Set(open.map((r) => r.number.slice(0, 3)));
      assert.equal(
        prefixes.size,
        1,
        `open items come from one file only: ${[...prefixes].join(', ')}`,
      );
      assert.equal(ra.inserted + rb.inserted, 600);
    });
  });
}
