import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError, type Problem } from '../errors.ts';
import { computePenalties } from './compute-penalties.ts';
import { TABLE } from './penalties.fixture.ts';
import type { PenaltyInput } from './types.ts';

const good: PenaltyInput = {
  jurisdiction: 'FR',
  currency: 'EUR',
  amountMinor: 100_000,
  dueDate: '2025-03-31',
  asOf: '2025-04-30',
};

function failure(input: unknown, rates = TABLE): AppError {
  try {
    computePenalties(input as PenaltyInput, rates);
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    return error;
  }
  assert.fail('expected an AppError');
}

const find = (e: AppError, field: string): Problem => {
  const p = e.problems.find((x) => x.field === field);
  assert.ok(p, `no problem for ${field}: ${JSON.stringify(e.problems)}`);
  return p;
};

describe('computePenalties: bad input', () => {
  it('reports every problem at once, naming field, value and what was expected', () => {
    const e = failure({
      jurisdiction: 'UK',
      currency: 'eur',
      amountMinor: 0,
      dueDate: '2025-02-30',
      asOf: '31/03/2025',
      dayBasis: '360',
    });
    assert.equal(e.code, 'INVALID_INPUT');
    assert.match(e.message, /6 problems/);
    assert.match(find(e, 'jurisdiction').expected, /one of EU, FR, DE, GB, CONTRACT/);
    assert.equal(find(e, 'jurisdiction').value, 'UK');
    assert.match(find(e, 'currency').expected, /ISO 4217/);
    assert.match(find(e, 'amountMinor').expected, /above 0/);
    assert.equal(find(e, 'dueDate').value, '2025-02-30');
    assert.match(find(e, 'asOf').expected, /YYYY-MM-DD/);
    assert.match(find(e, 'dayBasis').expected, /one of 365, actual\/actual/);
  });

  it('payments: dated after the as-of date, not positive, more than the amount', () => {
    const e = failure({
      ...good,
      payments: [
        { date: '2025-05-02', amountMinor: 50_000 },
        { date: '2025-04-01', amountMinor: -5 },
        { date: '2025-04-02', amountMinor: 60_000 },
      ],
    });
    assert.match(find(e, 'payments[0].date').expected, /on or before the as-of date 2025-04-30/);
    assert.equal(find(e, 'payments[1].amountMinor').value, '-5');
    const total = find(e, 'payments');
    assert.equal(total.value, '1100.00 in total');
    assert.match(total.expected, /at most the amount of 1000.00 EUR/);
  });

  it('contract: missing under CONTRACT, bad rate, bad period, bad fee, implausible rate', () => {
    assert.match(find(failure({ ...good, jurisdiction: 'CONTRACT' }), 'contract').expected, /rate/);
    const bad = failure({
      ...good,
      contract: { ratePercent: '12,5', per: 'week', lateFeeMinor: 1.5 },
    });
    assert.match(find(bad, 'contract.ratePercent').expected, /like 12.5/);
    assert.match(find(bad, 'contract.per').expected, /one of year, month, day/);
    assert.match(find(bad, 'contract.lateFeeMinor').expected, /whole number/);
    const typo = failure({ ...good, contract: { ratePercent: '10', per: 'month' } });
    assert.match(find(typo, 'contract.ratePercent').expected, /at most 100 % a year/);
  });

  it('UK needs GBP; actual/actual is German only', () => {
    const e = failure({ ...good, jurisdiction: 'GB', dayBasis: 'actual/actual' });
    assert.match(find(e, 'currency').expected, /GBP for the United Kingdom/);
    assert.match(find(e, 'dayBasis').expected, /German option/);
  });

  it('France: a contractual rate below 3 × the legal rate is refused, per half-year', () => {
    // 2025 H1 floor 11.13 %, 2025 H2 floor 8.28 %: 10 % passes the second only.
    const e = failure({
      ...good,
      dueDate: '2025-06-15',
      asOf: '2025-07-15',
      contract: { ratePercent: '10', per: 'year' },
    });
    assert.equal(e.code, 'INVALID_INPUT');
    assert.match(e.message, /below the French floor/);
    assert.equal(e.problems.length, 1);
    const p = find(e, 'contract.ratePercent');
    assert.equal(p.value, '10 % per year');
    assert.match(
      p.expected,
      /at least 11.13 % a year in 2025 H1.*3 × the legal interest rate of 3.71 %/,
    );
    const monthly = failure({ ...good, contract: { ratePercent: '0.9', per: 'month' } });
    assert.equal(find(monthly, 'contract.ratePercent').value, '0.9 % per month = 10.80 % a year');
    // At or above the floor it is accepted.
    const ok = computePenalties(
      { ...good, contract: { ratePercent: '11.13', per: 'year' } },
      TABLE,
    );
    assert.equal(ok.rate, '11.13');
  });

  it('a missing reference rate is NOT_FOUND naming the series and half-year', () => {
    const e = failure({ ...good, dueDate: '2026-06-20', asOf: '2026-07-10' });
    assert.equal(e.code, 'NOT_FOUND');
    assert.match(e.message, /no ECB rate for 2026 H2/);
    assert.equal(e.problems[0]?.field, 'rates.ECB.2026-07-01');
    const noLegal = failure({
      ...good,
      dueDate: '2024-03-31',
      asOf: '2024-04-30',
      contract: { ratePercent: '15', per: 'year' },
    });
    assert.equal(noLegal.problems[0]?.field, 'rates.FR_LEGAL.2024-01-01');
  });

  it('a malformed reference rate is INVALID_INPUT naming the entry', () => {
    const e = failure(good, { ECB: { '2025-01-01': '3,15' } });
    assert.equal(e.code, 'INVALID_INPUT');
    assert.deepEqual(e.problems[0], {
      field: 'rates.ECB.2025-01-01',
      value: '3,15',
      expected: 'a percentage like 4.25 or -0.88 (at most 4 decimals, between -100 and 100)',
    });
  });
});
