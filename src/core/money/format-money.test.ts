import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatMoney, minorToDecimalString } from './format-money.ts';

describe('minorToDecimalString', () => {
  const cases: [number, string, string][] = [
    [123456, 'EUR', '1234.56'],
    [-5, 'EUR', '-0.05'],
    [5, 'EUR', '0.05'],
    [0, 'EUR', '0.00'],
    [-0, 'EUR', '0.00'],
    [100, 'USD', '1.00'],
    [1234, 'JPY', '1234'],
    [-1234, 'JPY', '-1234'],
    [0, 'JPY', '0'],
    [1234, 'BHD', '1.234'],
    [7, 'KWD', '0.007'],
    [12345, 'CLF', '1.2345'],
    [Number.MAX_SAFE_INTEGER, 'EUR', '90071992547409.91'],
    [-Number.MAX_SAFE_INTEGER, 'EUR', '-90071992547409.91'],
  ];
  for (const [minor, currency, expected] of cases) {
    it(`${minor} ${currency} → ${expected}`, () =>
      assert.equal(minorToDecimalString(minor, currency), expected));
  }
  it('refuses unknown currencies and non-integer amounts', () => {
    assert.throws(() => minorToDecimalString(1, 'ABC'), RangeError);
    assert.throws(() => minorToDecimalString(1.5, 'EUR'), RangeError);
    assert.throws(() => minorToDecimalString(Number.MAX_SAFE_INTEGER + 1, 'EUR'), RangeError);
  });
});

describe('formatMoney', () => {
  // Exact characters produced by Node's ICU: U+202F narrow no-break space, U+00A0 no-break space.
  const cases: [number, string, string, string][] = [
    [123456, 'EUR', 'fr-FR', '1\u202f234,56\u00a0€'],
    [-123456, 'EUR', 'fr-FR', '-1\u202f234,56\u00a0€'],
    [0, 'EUR', 'fr-FR', '0,00\u00a0€'],
    [123456, 'GBP', 'en-GB', '£1,234.56'],
    [123456, 'EUR', 'de-DE', '1.234,56\u00a0€'],
    [-5, 'EUR', 'en-IE', '-€0.05'],
    [1234, 'JPY', 'en-US', '¥1,234'],
    [1234567, 'BHD', 'en-US', 'BHD\u00a01,234.567'],
    [100, 'HUF', 'hu-HU', '1,00\u00a0Ft'],
    [Number.MAX_SAFE_INTEGER, 'USD', 'en-US', '$90,071,992,547,409.91'],
  ];
  for (const [minor, currency, locale, expected] of cases) {
    it(`${minor} ${currency} ${locale} → ${JSON.stringify(expected)}`, () =>
      assert.equal(formatMoney(minor, currency, locale), expected));
  }
});
