import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as f from './fields.ts';

describe('field readers', () => {
  const cases: [string, (p: f.ProblemList) => unknown, unknown, RegExp?][] = [
    ['currency lower case', (p) => f.currency(p, 2, 'currency', 'eur'), 'EUR'],
    ['unknown currency', (p) => f.currency(p, 2, 'currency', 'EURO'), undefined, /ISO 4217/],
    ['country', (p) => f.country(p, 2, 'country', 'gb'), 'GB'],
    ['UK is not ISO 3166', (p) => f.country(p, 2, 'country', 'UK'), undefined, /ISO 3166/],
    ['language with region', (p) => f.language(p, 2, 'language', 'en_gb'), 'en-GB'],
    ['unknown language', (p) => f.language(p, 2, 'language', 'xx'), undefined, /ISO 639-1/],
    ['DD.MM.YYYY', (p) => f.date(p, 2, 'd', '29.2.2024', 'DD.MM.YYYY'), '2024-02-29'],
    [
      '29 Feb of a common year',
      (p) => f.date(p, 2, 'd', '2025-02-29', 'YYYY-MM-DD'),
      undefined,
      /valid calendar date/,
    ],
    ['JPY has no decimals', (p) => f.amount(p, 2, 'amount', '1500', 'JPY', 'dot'), 1500],
    [
      'JPY refuses decimals',
      (p) => f.amount(p, 2, 'amount', '1500.5', 'JPY', 'dot'),
      undefined,
      /no decimals/,
    ],
    ['BHD has three', (p) => f.amount(p, 2, 'amount', '1.234', 'BHD', 'dot'), 1234],
    ['zero open amount allowed', (p) => f.amount(p, 2, 'open', '0', 'EUR', 'dot', true), 0],
    [
      'zero amount refused',
      (p) => f.amount(p, 2, 'amount', '0.00', 'EUR', 'dot'),
      undefined,
      /positive/,
    ],
    ['yes/no in French', (p) => f.yesNo(p, 2, 'disputed', 'Oui'), true],
    ['e-mail', (p) => f.email(p, 2, 'email', 'not-an-email'), undefined, /e-mail address/],
    ['phone', (p) => f.phone(p, 2, 'phone', '+49 (30) 123-4567'), '+49 (30) 123-4567'],
    ['url scheme', (p) => f.url(p, 2, 'document_url', 'javascript:alert(1)'), undefined, /http/],
    [
      'url https',
      (p) => f.url(p, 2, 'u', 'HTTPS://erp.example/F 1.pdf'),
      'HTTPS://erp.example/F 1.pdf',
    ],
    ['url ftp', (p) => f.url(p, 2, 'u', 'ftp://erp.example/f.pdf'), undefined, /http/],
    ['url file', (p) => f.url(p, 2, 'u', 'file:///etc/passwd'), undefined, /http/],
    ['url without //', (p) => f.url(p, 2, 'u', 'https:erp.example/f.pdf'), undefined, /http/],
    ['url relative', (p) => f.url(p, 2, 'u', '/inv/f.pdf'), undefined, /http/],
    [
      'url too long',
      (p) => f.url(p, 2, 'u', `https://erp.example/${'a'.repeat(1990)}`),
      undefined,
      /2000 characters/,
    ],
  ];
  for (const [name, read, expected, problem] of cases) {
    it(name, () => {
      const p = new f.ProblemList();
      assert.equal(read(p), expected);
      if (problem) assert.match(p.items[0]?.expected ?? '', problem);
      else assert.equal(p.size, 0);
    });
  }
});
