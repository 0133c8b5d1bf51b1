import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { generateCustomers } from './customers.ts';
import type { Profile } from './customers.ts';
import { parseDay } from './format.ts';
import { distributeItems, generateItems, INVOICE } from './items.ts';
import { Random } from './random.ts';

describe('distributeItems', () => {
  it('hands out exactly the total, at least one each when there are enough', () => {
    const rng = new Random(1);
    for (const [customers, total] of [
      [1, 1],
      [10, 10],
      [10, 1000],
      [500, 20_000],
      [7, 3],
      [100, 0],
    ]) {
      const weights = Array.from({ length: customers ?? 0 }, () => rng.logNormal(0, 1.5));
      const counts = distributeItems(weights, total ?? 0);
      assert.equal(
        counts.reduce((a, b) => a + b, 0),
        total,
      );
      assert.ok(counts.every((n) => n >= ((total ?? 0) >= (customers ?? 0) ? 1 : 0)));
    }
    assert.equal(distributeItems([], 0).length, 0);
  });

  it('follows the weights', () => {
    assert.deepEqual([...distributeItems([1, 3, 6], 13)], [2, 4, 7]);
    assert.deepEqual([...distributeItems([1, 1], 1)], [1, 0]);
  });
});

describe('generateItems', () => {
  it('keeps slow payers later than good payers', () => {
    const rng = new Random(12);
    const asOf = parseDay('2026-03-15');
    const { plans } = generateCustomers(rng, 400);
    const items = generateItems(rng, plans, 40_000, asOf);
    const overdue30 = new Map<Profile, [number, number]>();
    plans.forEach((plan, c) => {
      for (let i = items.start[c] ?? 0; i < (items.start[c + 1] ?? 0); i++) {
        if (items.kind[i] !== INVOICE) continue;
        const due = parseDay(items.rows[i]?.due_date ?? '');
        const [late, all] = overdue30.get(plan.profile) ?? [0, 0];
        overdue30.set(plan.profile, [late + (asOf - due > 30 ? 1 : 0), all + 1]);
      }
    });
    const share = (p: Profile): number => {
      const [late, all] = overdue30.get(p) ?? [0, 1];
      return late / all;
    };
    assert.ok(share('good') < 0.1, `good ${share('good')}`);
    assert.ok(share('slow') > 0.4, `slow ${share('slow')}`);
    assert.ok(share('partial') > share('good'));
  });

  it('mirrors the rows in its typed arrays', () => {
    const rng = new Random(4);
    const { plans } = generateCustomers(rng, 30);
    const items = generateItems(rng, plans, 500, parseDay('2026-01-05'));
    assert.equal(items.start[plans.length], 500);
    items.rows.forEach((row, i) => {
      assert.equal(items.kind[i], ['invoice', 'credit_note', 'payment'].indexOf(row.type ?? ''));
      assert.equal(items.issueDay[i], parseDay(row.issue_date ?? ''));
      assert.equal(items.openMinor[i], Math.round(Number(row.open_amount) * 100));
    });
    plans.forEach((plan, c) => {
      for (let i = items.start[c] ?? 0; i < (items.start[c + 1] ?? 0); i++) {
        assert.equal(items.rows[i]?.customer, plan.code);
      }
    });
  });
});
