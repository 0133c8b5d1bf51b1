import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computePenalties } from './compute-penalties.ts';
import { totalPenalties } from './total-penalties.ts';
import { TABLE } from './penalties.fixture.ts';
import type { PenaltyInput } from './types.ts';

/** The worked examples of ../shared/domain/late-payment.md, one test each. */
describe('late-payment.md worked examples', () => {
  it('FR-1: EUR 1,000, 30 days late at 14.5 % → interest 11.92', () => {
    // 14.5 % is the 2024 H1 French default: ECB 4.50 + 10.
    const r = computePenalties(
      {
        jurisdiction: 'FR',
        currency: 'EUR',
        amountMinor: 100_000,
        dueDate: '2024-01-10',
        asOf: '2024-02-09',
      },
      TABLE,
    );
    assert.equal(r.days, 30);
    assert.equal(r.rate, '14.50');
    assert.equal(r.interestMinor, 1192);
    assert.equal(r.interest, '11.9178082192');
    // The same 14.5 % set by a contract gives the same interest.
    const contract = computePenalties(
      {
        jurisdiction: 'CONTRACT',
        currency: 'EUR',
        amountMinor: 100_000,
        dueDate: '2024-01-10',
        asOf: '2024-02-09',
        contract: { ratePercent: '14.5', per: 'year' },
      },
      TABLE,
    );
    assert.equal(contract.interestMinor, 1192);
    assert.equal(contract.compensationMinor, 0);
  });

  it('FR-2: EUR 10,000 due 2024-09-30 paid 2024-11-15 at 14.25 % → 179.59 + EUR 40', () => {
    const r = computePenalties(
      {
        jurisdiction: 'FR',
        currency: 'EUR',
        amountMinor: 1_000_000,
        dueDate: '2024-09-30',
        asOf: '2024-12-31',
        payments: [{ date: '2024-11-15', amountMinor: 1_000_000 }],
      },
      TABLE,
    );
    assert.equal(r.days, 46);
    assert.equal(r.settledOn, '2024-11-15');
    assert.equal(r.rate, '14.25');
    assert.equal(r.interestMinor, 17_959);
    assert.equal(r.compensationMinor, 4_000);
    assert.equal(r.compensationCurrency, 'EUR');
    assert.equal(r.totalMinor, 17_959 + 4_000);
    assert.deepEqual(r.periods, [
      {
        from: '2024-10-01',
        to: '2024-11-15',
        days: 46,
        principalMinor: 1_000_000,
        rate: '14.25',
        basis: 365,
        interest: '179.5890410959',
        reference: { series: 'ECB', halfYear: '2024-07-01', percent: '4.25', margin: 10 },
      },
    ]);
  });

  it('FR-5: three invoices of one customer each paid late → compensation EUR 120', () => {
    const invoice = (dueDate: string, paid: string): PenaltyInput => ({
      jurisdiction: 'FR',
      currency: 'EUR',
      amountMinor: 50_000,
      dueDate,
      asOf: '2025-06-30',
      payments: [{ date: paid, amountMinor: 50_000 }],
    });
    const results = [
      invoice('2025-02-28', '2025-03-03'),
      invoice('2025-03-31', '2025-04-30'),
      invoice('2025-04-30', '2025-06-02'),
    ].map((input) => computePenalties(input, TABLE));
    const totals = totalPenalties(results);
    assert.equal(totals.invoicesLate, 3);
    const [eur] = totals.byCurrency;
    assert.equal(eur?.currency, 'EUR');
    assert.equal(eur?.compensationMinor, 12_000);
    const interest = results.reduce((t, r) => t + r.interestMinor, 0);
    assert.equal(eur?.interestMinor, interest);
    assert.equal(eur?.totalMinor, interest + 12_000);
  });

  it('DE-2: EUR 10,000 due 2021-07-01 paid 2021-07-05 at 8.12 % → 8.90 + EUR 40', () => {
    // 8.12 % = Basiszinssatz −0.88 (2021 H2) + 9: negative reference rates are fine.
    const rates = { DE_BASIS: { '2021-07-01': '-0.88' } };
    const r = computePenalties(
      {
        jurisdiction: 'DE',
        currency: 'EUR',
        amountMinor: 1_000_000,
        dueDate: '2021-07-01',
        asOf: '2021-07-05',
        payments: [{ date: '2021-07-05', amountMinor: 1_000_000 }],
      },
      rates,
    );
    assert.equal(r.days, 4);
    assert.equal(r.rate, '8.12');
    assert.equal(r.interestMinor, 890);
    assert.equal(r.compensationMinor, 4_000);
    assert.deepEqual(r.periods[0]?.reference, {
      series: 'DE_BASIS',
      halfYear: '2021-07-01',
      percent: '-0.88',
      margin: 9,
    });
  });

  it('UK-1: GBP 2,000, 45 days late at 13.25 % → 32.67 + GBP 70', () => {
    const r = computePenalties(
      {
        jurisdiction: 'GB',
        currency: 'GBP',
        amountMinor: 200_000,
        dueDate: '2024-01-31',
        asOf: '2024-03-16',
      },
      TABLE,
    );
    assert.equal(r.days, 45);
    assert.equal(r.rate, '13.25');
    // Rounded once (C1): 32.671…, not the 32.66 of calculators that round the daily rate.
    assert.equal(r.interestMinor, 3_267);
    assert.equal(r.compensationMinor, 7_000);
    assert.equal(r.compensationCurrency, 'GBP');
  });

  it('UK-3: GBP 1,000 at 8.5 % → 0.23 per day, 85.00 per year', () => {
    // 8.5 % = base rate 0.50 + 8.
    const rates = { UK_BASE: { '2020-07-01': '0.50' } };
    const late = (days: number) =>
      computePenalties(
        {
          jurisdiction: 'GB',
          currency: 'GBP',
          amountMinor: 100_000,
          dueDate: '2020-06-30',
          asOf: days === 1 ? '2020-07-01' : '2021-06-30',
        },
        rates,
      );
    assert.equal(late(1).rate, '8.50');
    assert.equal(late(1).interestMinor, 23);
    const year = late(365);
    assert.equal(year.days, 365);
    assert.equal(year.interestMinor, 8_500);
    assert.equal(year.periods.length, 1, 'the UK rate is fixed for the life of the debt');
    assert.equal(year.compensationMinor, 7_000, 'GBP 1,000 is in the 1,000 – 9,999.99 band');
  });

  it('EU-1: any B2B invoice 1 day late → fixed compensation EUR 40', () => {
    for (const jurisdiction of ['EU', 'FR', 'DE'] as const) {
      const r = computePenalties(
        {
          jurisdiction,
          currency: 'EUR',
          amountMinor: 1,
          dueDate: '2025-03-31',
          asOf: '2025-04-01',
        },
        TABLE,
      );
      assert.equal(r.days, 1);
      assert.equal(r.compensationMinor, 4_000, jurisdiction);
      assert.equal(r.compensationCurrency, 'EUR');
    }
  });
});
