import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { performance } from 'node:perf_hooks';

import { parseDay } from './format.ts';
import { generateLedger } from './generate-ledger.ts';
import type { DemoLedger, DemoOptions } from './generate-ledger.ts';
import { DEMO_COLUMNS, toCsv } from './to-csv.ts';

const AS_OF = '2026-03-15';
const AMOUNT = /^\d+\.\d{2}$/; // EUR, GBP and USD all have two decimals
const LOCALES: Record<string, string> = { FR: 'fr/EUR', DE: 'de/EUR', GB: 'en/GBP', US: 'en/USD' };

const cents = (text: string): number => Math.round(Number(text) * 100);

function files(ledger: DemoLedger): string {
  return (Object.keys(DEMO_COLUMNS) as (keyof DemoLedger)[])
    .map((file) => toCsv(ledger[file], DEMO_COLUMNS[file]))
    .join('\f');
}

/** Asserts every documented invariant of a generated ledger. */
function checkLedger(ledger: DemoLedger, opts: DemoOptions): void {
  const asOf = parseDay(opts.asOf);
  for (const file of Object.keys(DEMO_COLUMNS) as (keyof DemoLedger)[]) {
    for (const row of ledger[file]) {
      assert.deepEqual(Object.keys(row), DEMO_COLUMNS[file], file);
      for (const value of Object.values(row)) assert.equal(typeof value, 'string');
    }
  }

  const customers = new Map(ledger.customers.map((c) => [c.code ?? '', c]));
  assert.equal(ledger.customers.length, opts.customers);
  assert.equal(customers.size, opts.customers, 'customer codes are unique');
  for (const c of ledger.customers) {
    assert.match(c.code ?? '', /^C\d{6,}$/);
    assert.equal(`${c.language}/${c.currency}`, LOCALES[c.country ?? ''], c.code);
    assert.match(c.email ?? '', /^ap@[a-z0-9-]+\.example$/);
    assert.ok(['key_account', 'smb', 'public'].includes(c.segment ?? ''));
    assert.match(c.credit_limit ?? '', /^(\d+000\.00)?$/);
    assert.ok(c.name && c.phone && c.address_line1 && c.postal_code && c.city && c.collector);
  }
  assert.equal(new Set(ledger.customers.map((c) => c.email)).size, opts.customers, 'domains');

  const contactsOf = new Map<string, Record<string, string>[]>();
  for (const contact of ledger.contacts) {
    const customer = customers.get(contact.customer ?? '');
    assert.ok(customer, `contact of unknown customer ${contact.customer}`);
    const domain = customer.email?.slice(3);
    assert.match(contact.email ?? '', /^[a-z0-9-]+\.[a-z0-9-]+@/);
    assert.ok(contact.email?.endsWith(`@${domain}`));
    contactsOf.set(contact.customer ?? '', [
      ...(contactsOf.get(contact.customer ?? '') ?? []),
      contact,
    ]);
  }
  for (const code of customers.keys()) {
    const list = contactsOf.get(code) ?? [];
    assert.ok(list.length >= 1 && list.length <= 3, `${code} has ${list.length} contacts`);
    assert.equal(list.filter((c) => c.role === 'accounts_payable').length, 1);
    assert.equal(new Set(list.map((c) => c.role)).size, list.length);
    assert.equal(new Set(list.map((c) => c.email)).size, list.length);
  }

  assert.equal(ledger.items.length, opts.items);
  const items = new Map(ledger.items.map((item) => [item.number ?? '', item]));
  assert.equal(items.size, opts.items, 'item numbers are unique');
  const itemsPerCustomer = new Map<string, number>();
  for (const item of ledger.items) {
    const customer = customers.get(item.customer ?? '');
    assert.ok(customer, `item of unknown customer ${item.customer}`);
    itemsPerCustomer.set(customer.code ?? '', (itemsPerCustomer.get(customer.code ?? '') ?? 0) + 1);
    const prefix = { invoice: 'INV', credit_note: 'CN', payment: 'PAY' }[item.type ?? ''];
    assert.ok(prefix, `type ${item.type}`);
    assert.match(item.number ?? '', new RegExp(`^${prefix}-\\d{4}-\\d{7,}$`));
    assert.equal(
      item.number?.slice(prefix.length + 1, prefix.length + 5),
      item.issue_date?.slice(0, 4),
    );
    assert.equal(item.currency, customer.currency);
    const issue = parseDay(item.issue_date ?? '');
    const due = parseDay(item.due_date ?? '');
    assert.ok(issue <= asOf && issue >= asOf - 180, `issue ${item.issue_date}`);
    assert.ok(due >= issue);
    if (item.type !== 'invoice') assert.equal(due, issue);
    else assert.ok([30, 45, 60].includes(due - issue));
    assert.match(item.amount ?? '', AMOUNT);
    assert.match(item.open_amount ?? '', AMOUNT);
    const amount = cents(item.amount ?? '');
    const open = cents(item.open_amount ?? '');
    assert.ok(amount > 0 && open > 0 && open <= amount, `${item.number} ${amount} ${open}`);
    if (item.type === 'invoice') assert.ok(amount >= 1000 && amount <= 20_000_000);
    else assert.equal(open, amount);
    assert.ok(item.disputed === 'yes' || item.disputed === 'no');
    assert.equal(item.dispute_reason === '', item.disputed === 'no');
    if (item.type !== 'invoice') assert.equal(item.po_number, '');
    assert.match(item.po_number ?? '', /^(PO-\d{5})?$/);
    if (item.document_url !== '') {
      assert.equal(item.document_url, `https://docs.example/invoices/${item.number}.pdf`);
    }
  }
  if (opts.items >= opts.customers) assert.equal(itemsPerCustomer.size, opts.customers);

  if (opts.items > 0) assert.ok(ledger.payments.length >= 1);
  const byReference = new Map<string, Record<string, string>[]>();
  for (const p of ledger.payments) {
    byReference.set(p.reference ?? '', [...(byReference.get(p.reference ?? '') ?? []), p]);
  }
  const allocatedTo = new Map<string, number>();
  for (const [reference, rows] of byReference) {
    assert.match(reference, /^RCPT-\d{7,}$/);
    assert.ok(rows.length <= 2);
    const first = rows[0];
    assert.ok(first);
    const customer = customers.get(first.customer ?? '');
    assert.ok(customer, `payment of unknown customer ${first.customer}`);
    assert.equal(first.currency, customer.currency);
    const date = parseDay(first.date ?? '');
    assert.ok(date <= asOf && date > asOf - 10, `payment date ${first.date}`);
    assert.match(first.amount ?? '', AMOUNT);
    const amount = cents(first.amount ?? '');
    assert.ok(amount > 0);
    let allocated = 0;
    for (const row of rows) {
      for (const key of ['customer', 'date', 'currency', 'amount'] as const) {
        assert.equal(row[key], first[key], `${reference} ${key}`);
      }
      if (row.item_number === '') {
        assert.equal(rows.length, 1);
        assert.equal(row.allocated_amount, '');
        continue;
      }
      const item = items.get(row.item_number ?? '');
      assert.ok(item, `allocation to unknown item ${row.item_number}`);
      assert.equal(item.type, 'invoice');
      assert.equal(item.customer, first.customer);
      assert.ok(parseDay(item.issue_date ?? '') <= date, 'paid after issue');
      assert.match(row.allocated_amount ?? '', AMOUNT);
      const part = cents(row.allocated_amount ?? '');
      assert.ok(part > 0);
      allocated += part;
      const total = (allocatedTo.get(item.number ?? '') ?? 0) + part;
      allocatedTo.set(item.number ?? '', total);
      assert.ok(total <= cents(item.open_amount ?? ''), `over-allocated ${item.number}`);
    }
    assert.ok(allocated <= amount, `${reference} allocates more than it received`);
    assert.equal(new Set(rows.map((r) => r.item_number)).size, rows.length);
  }
}

describe('generateLedger', () => {
  const opts: DemoOptions = { customers: 300, items: 6000, seed: 20260315, asOf: AS_OF };
  const ledger = generateLedger(opts);

  it('keeps every invariant', () => checkLedger(ledger, opts));

  it('is byte-identical for the same options and differs for another seed', () => {
    assert.equal(files(generateLedger({ ...opts })), files(ledger));
    assert.notEqual(files(generateLedger({ ...opts, seed: opts.seed + 1 })), files(ledger));
  });

  it('works for tiny and degenerate sizes', () => {
    const sizes: [number, number][] = [
      [0, 0],
      [1, 0],
      [1, 1],
      [2, 1],
      [5, 2],
      [40, 10],
      [3, 50],
      [1, 200],
    ];
    for (const [customers, items] of sizes) {
      for (const seed of [0, 1, 99]) {
        const small = { customers, items, seed, asOf: '2025-01-10' };
        checkLedger(generateLedger(small), small);
      }
    }
    const empty = generateLedger({ customers: 0, items: 0, seed: 1, asOf: AS_OF });
    assert.deepEqual(empty, { customers: [], contacts: [], items: [], payments: [] });
  });

  it('has a checker that notices broken ledgers', () => {
    const small = { customers: 20, items: 400, seed: 8, asOf: AS_OF };
    const breakers: ((l: DemoLedger) => void)[] = [
      (l) => {
        const allocation = l.payments.find((p) => p.item_number !== '');
        const item = l.items.find((i) => i.number === allocation?.item_number);
        if (allocation && item) allocation.allocated_amount = `${Number(item.open_amount) + 1}.00`;
      },
      (l) => Object.assign(l.items[1] ?? {}, { number: l.items[0]?.number }),
      (l) => Object.assign(l.items[0] ?? {}, { due_date: '2020-01-01' }),
      (l) => Object.assign(l.items[0] ?? {}, { amount: '12.5' }),
      (l) => Object.assign(l.payments[0] ?? {}, { date: '2026-03-16' }),
    ];
    for (const breakIt of breakers) {
      const broken = generateLedger(small);
      checkLedger(broken, small);
      breakIt(broken);
      assert.throws(() => checkLedger(broken, small), assert.AssertionError);
    }
  });

  it('rejects impossible options', () => {
    const base = { customers: 1, items: 1, seed: 1, asOf: AS_OF };
    assert.throws(() => generateLedger({ ...base, customers: 0 }), RangeError);
    assert.throws(() => generateLedger({ ...base, items: -1 }), RangeError);
    assert.throws(() => generateLedger({ ...base, customers: 1.5 }), RangeError);
    assert.throws(() => generateLedger({ ...base, seed: 0.5 }), RangeError);
    assert.throws(() => generateLedger({ ...base, asOf: '2026-02-30' }), RangeError);
  });

  it('has roughly the documented mix of countries, segments and item types', () => {
    const share = <T>(rows: T[], test: (row: T) => boolean): number =>
      rows.filter(test).length / rows.length;
    const near = (actual: number, expected: number, tolerance: number): void =>
      assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} vs ${expected}`);
    near(
      share(ledger.customers, (c) => c.country === 'FR'),
      0.4,
      0.07,
    );
    near(
      share(ledger.customers, (c) => c.country === 'US'),
      0.15,
      0.06,
    );
    near(
      share(ledger.customers, (c) => c.segment === 'smb'),
      0.8,
      0.07,
    );
    near(
      share(ledger.items, (i) => i.type === 'invoice'),
      0.88,
      0.02,
    );
    near(
      share(ledger.items, (i) => i.type === 'credit_note'),
      0.08,
      0.015,
    );
    near(
      share(ledger.items, (i) => i.type === 'payment'),
      0.04,
      0.01,
    );
    near(
      share(ledger.items, (i) => i.po_number !== ''),
      0.88 * 0.6,
      0.03,
    );
    near(ledger.payments.length / ledger.items.length, 0.024, 0.008);
    assert.ok(ledger.items.some((i) => i.disputed === 'yes'));
    assert.ok(ledger.items.some((i) => i.open_amount !== i.amount));
    assert.ok(ledger.payments.some((p) => p.item_number === ''));
    const references = ledger.payments.map((p) => p.reference);
    assert.ok(references.length > new Set(references).size, 'some payments are split');
  });

  it('spreads items unevenly: a few customers hold many', () => {
    const counts = new Map<string, number>();
    for (const item of ledger.items)
      counts.set(item.customer ?? '', (counts.get(item.customer ?? '') ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => a - b);
    const median = sorted[sorted.length >> 1] ?? 0;
    assert.ok((sorted.at(-1) ?? 0) > 8 * median, `max ${sorted.at(-1)} median ${median}`);
  });

  it('generates and writes 100,000 items quickly', () => {
    const started = performance.now();
    const big = generateLedger({ customers: 10_000, items: 100_000, seed: 3, asOf: AS_OF });
    let bytes = 0;
    for (const file of Object.keys(DEMO_COLUMNS) as (keyof DemoLedger)[]) {
      bytes += toCsv(big[file], DEMO_COLUMNS[file]).length;
    }
    const elapsed = performance.now() - started;
    assert.equal(big.items.length, 100_000);
    assert.ok(bytes > 10_000_000);
    assert.ok(elapsed < 2000, `took ${Math.round(elapsed)} ms`);
  });
});
