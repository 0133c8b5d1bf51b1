import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { Random } from './random.ts';

const draw = (seed: number, n: number): number[] => {
  const rng = new Random(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('Random', () => {
  it('repeats the same sequence for the same seed', () => {
    assert.deepEqual(draw(42, 100), draw(42, 100));
  });

  it('gives different sequences for nearby seeds, including large ones', () => {
    assert.notDeepEqual(draw(1, 10), draw(2, 10));
    assert.notDeepEqual(draw(0, 10), draw(2 ** 32, 10));
  });

  it('stays in [0, 1) and int() covers [min, max] inclusively', () => {
    const rng = new Random(7);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const x = rng.next();
      assert.ok(x >= 0 && x < 1);
      const k = rng.int(-2, 3);
      assert.ok(Number.isInteger(k) && k >= -2 && k <= 3);
      seen.add(k);
    }
    assert.deepEqual(
      [...seen].sort((a, b) => a - b),
      [-2, -1, 0, 1, 2, 3],
    );
  });

  it('pick() returns elements of the array and rejects an empty one', () => {
    const rng = new Random(3);
    const items = ['a', 'b', 'c'] as const;
    for (let i = 0; i < 100; i++) assert.ok(items.includes(rng.pick(items)));
    assert.throws(() => rng.pick([]), RangeError);
  });

  it('chance(p) is true about p of the time', () => {
    const rng = new Random(11);
    let hits = 0;
    for (let i = 0; i < 20_000; i++) if (rng.chance(0.3)) hits++;
    assert.ok(Math.abs(hits / 20_000 - 0.3) < 0.02, `hits ${hits}`);
  });

  it('logNormal(mu, sigma) has median exp(mu)', () => {
    const rng = new Random(5);
    const values = Array.from({ length: 20_001 }, () => rng.logNormal(Math.log(1500), 1.2));
    values.sort((a, b) => a - b);
    const median = values[10_000] ?? 0;
    assert.ok(median > 1400 && median < 1600, `median ${median}`);
    assert.ok(values.every((v) => v > 0 && Number.isFinite(v)));
  });

  it('rejects seeds that are not safe integers', () => {
    assert.throws(() => new Random(1.5), RangeError);
    assert.throws(() => new Random(Number.NaN), RangeError);
  });
});
