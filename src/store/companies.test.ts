import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { todayIn, validateCompany, DEFAULT_COMPANY } from './companies.ts';

describe('todayIn: the business date in the company time zone', () => {
  const cases: [string, string, string][] = [
    ['Europe/Paris', '2026-03-09T23:30:00Z', '2026-03-10'], // 00:30 in Paris (winter, UTC+1)
    ['Europe/Paris', '2026-06-30T22:30:00Z', '2026-07-01'], // 00:30 in Paris (summer, UTC+2)
    ['Europe/Paris', '2026-03-09T22:59:59Z', '2026-03-09'],
    ['America/New_York', '2026-03-10T03:59:00Z', '2026-03-09'],
    ['Asia/Tokyo', '2026-12-31T15:00:00Z', '2027-01-01'],
    ['UTC', '2024-02-29T12:00:00Z', '2024-02-29'],
  ];
  for (const [zone, instant, expected] of cases) {
    it(`${instant} in ${zone} is ${expected}`, () =>
      assert.equal(todayIn(zone, new Date(instant)), expected));
  }
});

describe('validateCompany', () => {
  it('accepts the default company', () => validateCompany(DEFAULT_COMPANY));
  it('names every bad field', () => {
    assert.throws(
      () =>
        validateCompany({
          ...DEFAULT_COMPANY,
          code: 'bad code',
          country: 'UK',
          currency: 'EURO',
          timezone: 'Mars/Base',
        }),
      (e: Error & { problems?: { field: string }[] }) =>
        e.problems?.map((p) => p.field).join(',') === 'code,country,currency,timezone',
    );
  });
});
