import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AGING_BUCKETS, agingBucket, emptyAging } from './aging.ts';
import type { AgingBucket } from './aging.ts';

describe('agingBucket', () => {
  const cases: [number, AgingBucket][] = [
    [-400, 'current'],
    [-1, 'current'],
    [0, 'current'],
    [1, '1-30'],
    [30, '1-30'],
    [31, '31-60'],
    [60, '31-60'],
    [61, '61-90'],
    [90, '61-90'],
    [91, '91-120'],
    [120, '91-120'],
    [121, '120+'],
    [5000, '120+'],
  ];
  for (const [dpd, expected] of cases) {
    it(`${dpd} days → ${expected}`, () => assert.equal(agingBucket(dpd), expected));
  }
});

describe('AGING_BUCKETS / emptyAging', () => {
  it('lists buckets from current to oldest', () => {
    assert.deepEqual(AGING_BUCKETS, ['current', '1-30', '31-60', '61-90', '91-120', '120+']);
  });
  it('gives a fresh zero total for every bucket', () => {
    const a = emptyAging();
    assert.deepEqual(Object.keys(a), AGING_BUCKETS);
    assert.ok(Object.values(a).every((v) => v === 0));
    a.current = 5;
    assert.equal(emptyAging().current, 0);
  });
});
