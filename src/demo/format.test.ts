import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { formatDay, formatMinor, pad, parseDay } from './format.ts';

describe('day numbers', () => {
  it('parses and formats dates, round trip', () => {
    assert.equal(parseDay('1970-01-01'), 0);
    assert.equal(parseDay('2026-03-15') - parseDay('2026-02-28'), 15);
    assert.equal(formatDay(parseDay('2024-02-29') + 1), '2024-03-01');
    assert.equal(formatDay(parseDay('2026-01-01') - 1), '2025-12-31');
  });

  it('rejects malformed and impossible dates', () => {
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-01', ' 2026-01-01', '', 'today']) {
      assert.throws(() => parseDay(bad), RangeError, bad);
    }
  });
});

describe('formatMinor', () => {
  it('prints exactly the currency decimals', () => {
    assert.equal(formatMinor(123456, 2), '1234.56');
    assert.equal(formatMinor(1000, 2), '10.00');
    assert.equal(formatMinor(5, 2), '0.05');
    assert.equal(formatMinor(20_000_000, 2), '200000.00');
    assert.equal(formatMinor(1234, 0), '1234');
    assert.equal(formatMinor(1005, 3), '1.005');
  });

  it('pads counters without truncating', () => {
    assert.equal(pad(42, 7), '0000042');
    assert.equal(pad(12_345_678, 7), '12345678');
  });
});
