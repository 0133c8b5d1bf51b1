import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAmount } from './parse-amount.ts';
import type { DecimalFormat } from './parse-amount.ts';

describe('parseAmount accepts', () => {
  const cases: [string, string, DecimalFormat, number][] = [
    ['1234.56', 'EUR', 'dot', 123456],
    ['1,234.56', 'EUR', 'dot', 123456],
    ['1 234.56', 'EUR', 'dot', 123456],
    ['1\u00a0234.56', 'EUR', 'dot', 123456],
    ['1\u202f234.56', 'EUR', 'dot', 123456],
    ["1'234.56", 'CHF', 'dot', 123456],
    ['1,234,567.8', 'USD', 'dot', 123456780],
    ['1234', 'EUR', 'dot', 123400],
    ['1,234', 'EUR', 'dot', 123400],
    ['0.05', 'EUR', 'dot', 5],
    ['  12.5\t', 'EUR', 'dot', 1250],
    ['-12.34', 'EUR', 'dot', -1234],
    ['-0', 'EUR', 'dot', 0],
    ['007.10', 'EUR', 'dot', 710],
    ['1234,56', 'EUR', 'comma', 123456],
    ['1 234,56', 'EUR', 'comma', 123456],
    ['1.234,56', 'EUR', 'comma', 123456],
    ['1\u00a0234,56', 'EUR', 'comma', 123456],
    ['1\u202f234,56', 'EUR', 'comma', 123456],
    ['1.234.567', 'EUR', 'comma', 123456700],
    ['-0,5', 'EUR', 'comma', -50],
    ['100', 'JPY', 'dot', 100],
    ['1,000', 'JPY', 'dot', 1000],
    ['1.000', 'JPY', 'comma', 1000],
    ['1.234', 'BHD', 'dot', 1234],
    ['1,234', 'KWD', 'comma', 1234],
    ['0.5', 'TND', 'dot', 500],
    ['1.2345', 'CLF', 'dot', 12345],
    ['90071992547409.91', 'EUR', 'dot', Number.MAX_SAFE_INTEGER],
    ['9007199254740991', 'JPY', 'dot', Number.MAX_SAFE_INTEGER],
  ];
  for (const [text, currency, format, minor] of cases) {
    it(`${JSON.stringify(text)} ${currency} ${format} → ${minor}`, () =>
      assert.deepEqual(parseAmount(text, currency, format), { ok: true, minor }));
  }
});

describe('parseAmount rejects', () => {
  const dotEur = 'a number like 1234.56 (decimal point, at most 2 decimals for EUR)';
  const commaEur = 'a number like 1 234,56 (decimal comma, at most 2 decimals for EUR)';
  const cases: [string, string, DecimalFormat, string][] = [
    ['', 'EUR', 'dot', dotEur],
    ['   ', 'EUR', 'dot', dotEur],
    ['-', 'EUR', 'dot', dotEur],
    ['abc', 'EUR', 'dot', dotEur],
    ['12,34.5', 'EUR', 'dot', dotEur],
    ['1,23', 'EUR', 'dot', dotEur],
    ['1234,567', 'EUR', 'dot', dotEur],
    ['1,234 567', 'EUR', 'dot', dotEur],
    [',123', 'EUR', 'dot', dotEur],
    ['1.2.3', 'EUR', 'dot', dotEur],
    ['12.', 'EUR', 'dot', dotEur],
    ['.5', 'EUR', 'dot', dotEur],
    ['+12', 'EUR', 'dot', dotEur],
    ['--12', 'EUR', 'dot', dotEur],
    ['- 12', 'EUR', 'dot', dotEur],
    ['1e3', 'EUR', 'dot', dotEur],
    ['1.5e2', 'EUR', 'dot', dotEur],
    ['12 €', 'EUR', 'dot', dotEur],
    ['1.234,56', 'EUR', 'dot', dotEur],
    ['１２', 'EUR', 'dot', dotEur],
    ['1 234.56', 'EUR', 'comma', commaEur],
    ["1'234,56", 'EUR', 'comma', commaEur],
    ['1,2,3', 'EUR', 'comma', commaEur],
    ['12.34', 'EUR', 'comma', commaEur],
    [
      '12.345',
      'EUR',
      'dot',
      'an amount with at most 2 decimals for EUR (decimal point, like 1234.56)',
    ],
    [
      '12.340',
      'EUR',
      'dot',
      'an amount with at most 2 decimals for EUR (decimal point, like 1234.56)',
    ],
    [
      '12,345',
      'EUR',
      'comma',
      'an amount with at most 2 decimals for EUR (decimal comma, like 1 234,56)',
    ],
    ['100.5', 'JPY', 'dot', 'an amount with no decimals for JPY (decimal point, like 1234)'],
    ['100.0', 'JPY', 'dot', 'an amount with no decimals for JPY (decimal point, like 1234)'],
    [
      '1.2345',
      'BHD',
      'dot',
      'an amount with at most 3 decimals for BHD (decimal point, like 1234.567)',
    ],
    ['1,5', 'JPY', 'dot', 'a number like 1234 (decimal point, no decimals for JPY)'],
    ['12.34', 'eur', 'dot', 'a known ISO 4217 currency'],
    ['12.34', 'ABC', 'dot', 'a known ISO 4217 currency'],
    ['90071992547409.92', 'EUR', 'dot', 'an amount of at most 90071992547409.91 EUR'],
    ['-9007199254740992', 'JPY', 'dot', 'an amount of at most 9007199254740991 JPY'],
    ['99999999999999999999', 'EUR', 'dot', 'an amount of at most 90071992547409.91 EUR'],
  ];
  for (const [text, currency, format, expected] of cases) {
    it(`${JSON.stringify(text)} ${currency} ${format}`, () =>
      assert.deepEqual(parseAmount(text, currency, format), { ok: false, expected }));
  }
});
