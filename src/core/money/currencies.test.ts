import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CURRENCY_CODES, currencyExponent, isCurrencyCode } from './currencies.ts';

describe('currencyExponent', () => {
  const cases: [string, number | undefined][] = [
    ['EUR', 2],
    ['USD', 2],
    ['GBP', 2],
    ['CHF', 2],
    ['SEK', 2],
    ['HUF', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['CLP', 0],
    ['ISK', 0],
    ['XOF', 0],
    ['BHD', 3],
    ['KWD', 3],
    ['JOD', 3],
    ['OMR', 3],
    ['TND', 3],
    ['LYD', 3],
    ['IQD', 3],
    ['CLF', 4],
    ['UYW', 4],
    ['eur', undefined],
    ['XAU', undefined],
    ['XXX', undefined],
    ['HRK', undefined],
    ['EURO', undefined],
    ['', undefined],
    ['toString', undefined],
    ['__proto__', undefined],
  ];
  for (const [code, expected] of cases) {
    it(`${JSON.stringify(code)} → ${expected}`, () => {
      assert.equal(currencyExponent(code), expected);
      assert.equal(isCurrencyCode(code), expected !== undefined);
    });
  }
});

describe('CURRENCY_CODES', () => {
  it('holds only sorted, unique, uppercase 3-letter codes with exponents 0..4', () => {
    assert.ok(CURRENCY_CODES.length > 150);
    assert.deepEqual([...CURRENCY_CODES].sort(), CURRENCY_CODES);
    assert.equal(new Set(CURRENCY_CODES).size, CURRENCY_CODES.length);
    for (const code of CURRENCY_CODES) {
      assert.match(code, /^[A-Z]{3}$/);
      const exp = currencyExponent(code);
      assert.ok(exp !== undefined && exp >= 0 && exp <= 4, code);
    }
  });
});
