import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computePenalties } from './compute-penalties.ts';
import { TABLE } from './penalties.fixture.ts';
import type { PenaltyInput } from './types.ts';

const fr = (over: Partial<PenaltyInput> = {}): PenaltyInput => ({
  jurisdiction: 'FR',
  currency: 'EUR',
  amountMinor: 1_000_000,
  dueDate: '2024-12-15',
  asOf: '2025-01-20',
  ...over,
});

const slim = (r: ReturnType<typeof computePenalties>) =>
  r.periods.map((p) => [p.from, p.to, p.days, p.principalMinor, p.rate, p.basis]);

describe('computePenalties: periods', () => {
  it('splits a late period on 1 January, each part at its half-year rate', () => {
    const r = computePenalties(fr(), TABLE);
    assert.equal(r.days, 36);
    assert.deepEqual(slim(r), [
      ['2024-12-16', '2024-12-31', 16, 1_000_000, '14.25', 365],
      ['2025-01-01', '2025-01-20', 20, 1_000_000, '13.15', 365],
    ]);
    assert.equal(r.rate, '14.25');
    assert.deepEqual(r.rates, ['14.25', '13.15']);
    // 62.4657… + 72.0547… summed unrounded, then rounded once.
    assert.equal(r.interestMinor, 13_452);
  });

  it('splits on 1 July (Germany, Basiszinssatz + 9)', () => {
    const r = computePenalties(
      fr({ jurisdiction: 'DE', dueDate: '2024-06-20', asOf: '2024-07-10' }),
      TABLE,
    );
    assert.deepEqual(slim(r), [
      ['2024-06-21', '2024-06-30', 10, 1_000_000, '12.62', 365],
      ['2024-07-01', '2024-07-10', 10, 1_000_000, '12.37', 365],
    ]);
    assert.equal(r.interestMinor, 6_847);
  });

  it('EU: ECB + 8, split the same way', () => {
    const r = computePenalties(fr({ jurisdiction: 'EU' }), TABLE);
    assert.deepEqual(r.rates, ['12.25', '11.15']);
  });

  it('UK: one rate for the life of the debt, even across 1 January', () => {
    const r = computePenalties(
      fr({ jurisdiction: 'GB', currency: 'GBP', amountMinor: 500_000, asOf: '2025-02-01' }),
      TABLE,
    );
    assert.deepEqual(slim(r), [['2024-12-16', '2025-02-01', 48, 500_000, '13.25', 365]]);
    assert.equal(r.periods[0]?.reference?.halfYear, '2024-07-01');
    assert.equal(r.interestMinor, 8_712);
  });

  it('UK fixed sums: GBP 40 below 1,000, 70 below 10,000, 100 from 10,000', () => {
    const sum = (amountMinor: number) =>
      computePenalties(fr({ jurisdiction: 'GB', currency: 'GBP', amountMinor }), TABLE)
        .compensationMinor;
    assert.deepEqual(
      [99_999, 100_000, 999_999, 1_000_000, 50_000_000].map(sum),
      [4_000, 7_000, 7_000, 10_000, 10_000],
    );
  });

  it('partial payments close a period and open the next on the lower balance', () => {
    const r = computePenalties(
      fr({
        amountMinor: 100_000,
        dueDate: '2025-01-31',
        asOf: '2025-06-30',
        payments: [
          { date: '2025-03-02', amountMinor: 60_000 },
          { date: '2025-02-10', amountMinor: 40_000 },
        ],
      }),
      TABLE,
    );
    assert.equal(r.settledOn, '2025-03-02');
    assert.equal(r.days, 30);
    assert.deepEqual(slim(r), [
      ['2025-02-01', '2025-02-10', 10, 100_000, '13.15', 365],
      ['2025-02-11', '2025-03-02', 20, 60_000, '13.15', 365],
    ]);
    assert.equal(r.interestMinor, 793);
    assert.equal(r.compensationMinor, 4_000);
  });

  it('a payment before or on the due date lowers the principal from the first day', () => {
    const r = computePenalties(
      fr({
        dueDate: '2025-02-15',
        asOf: '2025-02-25',
        payments: [
          { date: '2025-02-01', amountMinor: 300_000 },
          { date: '2025-02-15', amountMinor: 200_000 },
        ],
      }),
      TABLE,
    );
    assert.equal(r.settledOn, null);
    assert.deepEqual(slim(r), [['2025-02-16', '2025-02-25', 10, 500_000, '13.15', 365]]);
  });

  it('n ≤ 0: no interest and no fixed sum', () => {
    const cases: Partial<PenaltyInput>[] = [
      { asOf: '2024-12-15' },
      { asOf: '2024-11-30' },
      { payments: [{ date: '2024-12-15', amountMinor: 1_000_000 }] },
      { payments: [{ date: '2024-12-01', amountMinor: 1_000_000 }] },
    ];
    for (const over of cases) {
      const r = computePenalties(fr(over), TABLE);
      assert.equal(r.days, 0);
      assert.equal(r.interestMinor, 0);
      assert.equal(r.compensationMinor, 0);
      assert.equal(r.totalMinor, 0);
      assert.equal(r.rate, null);
      assert.deepEqual(r.periods, []);
    }
  });

  it('DE actual/actual: 366 days in a leap year, split on 1 January', () => {
    const in2025 = fr({ jurisdiction: 'DE', dueDate: '2025-02-10', asOf: '2025-03-12' });
    const in2024 = { ...in2025, dueDate: '2024-02-10', asOf: '2024-03-11' };
    // EUR 10,000 at 12.62 % for 30 days: / 365 → 103.73, / 366 → 103.44.
    assert.equal(computePenalties(in2024, TABLE).interestMinor, 10_373);
    const actual = computePenalties({ ...in2024, dayBasis: 'actual/actual' }, TABLE);
    assert.equal(actual.periods[0]?.basis, 366);
    assert.equal(actual.interestMinor, 10_344);
    // Outside a leap year actual/actual is 365.
    assert.equal(
      computePenalties({ ...in2025, dayBasis: 'actual/actual' }, TABLE).periods[0]?.basis,
      365,
    );
    const across = computePenalties(
      fr({
        jurisdiction: 'DE',
        dueDate: '2023-12-21',
        asOf: '2024-01-10',
        dayBasis: 'actual/actual',
      }),
      TABLE,
    );
    assert.deepEqual(slim(across), [
      ['2023-12-22', '2023-12-31', 10, 1_000_000, '12.12', 365],
      ['2024-01-01', '2024-01-10', 10, 1_000_000, '12.62', 366],
    ]);
    assert.equal(across.interestMinor, 6_769);
  });
});

describe('computePenalties: contractual rates', () => {
  const contract = (over: Partial<PenaltyInput>): PenaltyInput =>
    fr({
      jurisdiction: 'CONTRACT',
      currency: 'USD',
      amountMinor: 100_000,
      dueDate: '2025-03-31',
      asOf: '2025-04-30',
      ...over,
    });

  it('a monthly rate is 12 × a year, a daily rate 365 ×; one period, no fixed sum', () => {
    const month = computePenalties(
      contract({ contract: { ratePercent: '1.5', per: 'month' } }),
      TABLE,
    );
    assert.equal(month.rate, '18.00');
    assert.equal(month.interestMinor, 1_479);
    assert.equal(month.rateSource, 'contract');
    assert.equal(month.compensationMinor, 0);
    assert.equal(month.compensationCurrency, 'USD');
    const day = computePenalties(
      contract({ contract: { ratePercent: '0.05', per: 'day' } }),
      TABLE,
    );
    assert.equal(day.rate, '18.25');
    assert.equal(day.interestMinor, 1_500);
  });

  it('a flat late fee is added once when late, never when on time', () => {
    const terms = { ratePercent: '12', per: 'year' as const, lateFeeMinor: 2_500 };
    const late = computePenalties(contract({ contract: terms }), TABLE);
    assert.equal(late.lateFeeMinor, 2_500);
    assert.equal(late.totalMinor, late.interestMinor + 2_500);
    const onTime = computePenalties(contract({ contract: terms, asOf: '2025-03-31' }), TABLE);
    assert.equal(onTime.lateFeeMinor, 0);
  });

  it('a contract rate in France keeps the EUR 40 and needs no split', () => {
    const r = computePenalties(fr({ contract: { ratePercent: '15', per: 'year' } }), TABLE);
    assert.deepEqual(r.rates, ['15.00']);
    assert.equal(r.periods.length, 1);
    assert.equal(r.compensationMinor, 4_000);
  });

  it('rounds half-up once per invoice, after summing the periods', () => {
    // 0.4 + 0.4 minor units: rounding each period would give 0.
    const r = computePenalties(
      fr({
        jurisdiction: 'DE',
        amountMinor: 200,
        dueDate: '2024-12-30',
        asOf: '2025-01-01',
        dayBasis: 'actual/actual',
        contract: { ratePercent: '0.2', per: 'day' },
      }),
      TABLE,
    );
    assert.deepEqual(
      r.periods.map((p) => p.interest),
      ['0.0040000000', '0.0040000000'],
    );
    assert.equal(r.interestMinor, 1);
    // An exact half rounds up: 0.25 % of 200 minor units for 1 day = 0.5.
    const half = computePenalties(
      contract({
        amountMinor: 200,
        asOf: '2025-04-01',
        contract: { ratePercent: '0.25', per: 'day' },
      }),
      TABLE,
    );
    assert.equal(half.interest, '0.0050000000');
    assert.equal(half.interestMinor, 1);
  });

  it('currencies without minor units (JPY) round to the yen', () => {
    const r = computePenalties(
      contract({
        currency: 'JPY',
        amountMinor: 1_000_000,
        contract: { ratePercent: '10', per: 'year' },
      }),
      TABLE,
    );
    // 1,000,000 × 10 % × 30 / 365 = 8,219.18 → 8,219
    assert.equal(r.interestMinor, 8_219);
  });
});
