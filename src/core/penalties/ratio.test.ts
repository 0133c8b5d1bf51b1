import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { add, compare, parseDecimal, ratio, roundHalfUp, toDecimal, toFixed } from './ratio.ts';
import {
  halfYearLabel,
  halfYearStart,
  isHalfYearStart,
  nextHalfYearStart,
  parseRatePercent,
} from './reference-rates.ts';

describe('ratio', () => {
  it('keeps fractions reduced with a positive denominator', () => {
    assert.deepEqual(ratio(6, -4), { n: -3n, d: 2n });
    assert.deepEqual(add(ratio(1, 3), ratio(1, 6)), { n: 1n, d: 2n });
    assert.throws(() => ratio(1, 0), RangeError);
  });

  it('rounds half-up, away from zero for negatives', () => {
    assert.deepEqual(
      [ratio(5, 2), ratio(7, 2), ratio(-5, 2), ratio(249, 100), ratio(1, 3)].map(roundHalfUp),
      [3n, 4n, -3n, 2n, 0n],
    );
  });

  it('prints fixed and shortest exact decimals', () => {
    assert.equal(toFixed(ratio(1, 3), 4), '0.3333');
    assert.equal(toFixed(ratio(-1, 200), 2), '-0.01');
    assert.equal(toFixed(ratio(7), 0), '7');
    assert.equal(toDecimal(ratio(29, 2), 2), '14.50');
    assert.equal(toDecimal(ratio(1, 8), 2), '0.125');
    assert.equal(toDecimal(ratio(-22, 25), 2), '-0.88');
  });

  it('parses decimals exactly, refusing other shapes', () => {
    assert.equal(compare(parseDecimal('14.25', 2)!, ratio(57, 4)), 0);
    assert.deepEqual(parseDecimal('-0.88', 4), ratio(-22, 25));
    for (const bad of ['', '1,5', '.5', '1.', '+1', '1e3', '1.234']) {
      assert.equal(parseDecimal(bad, 2), null, bad);
    }
  });
});

describe('reference rate helpers', () => {
  it('half-years', () => {
    assert.equal(halfYearStart('2024-06-30'), '2024-01-01');
    assert.equal(halfYearStart('2024-07-01'), '2024-07-01');
    assert.equal(nextHalfYearStart('2024-01-01'), '2024-07-01');
    assert.equal(nextHalfYearStart('2024-12-31'), '2025-01-01');
    assert.equal(halfYearLabel('2024-07-01'), '2024 H2');
    assert.deepEqual(
      ['2027-01-01', '2027-07-01', '2027-03-01', '2027-07-02', '2027-1-01'].map(isHalfYearStart),
      [true, true, false, false, false],
    );
  });

  it('rate percentages: text or number, 4 decimals, |x| < 100', () => {
    assert.deepEqual(parseRatePercent('4.50'), ratio(9, 2));
    assert.deepEqual(parseRatePercent(2.15), ratio(43, 20));
    assert.deepEqual(parseRatePercent(' -0.88 '), ratio(-22, 25));
    for (const bad of ['4,5', '100', '-100', '1.23456', 'abc', Number.NaN]) {
      assert.equal(parseRatePercent(bad), null, String(bad));
    }
  });
});
