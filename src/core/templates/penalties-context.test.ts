import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computePenalties } from '../penalties/compute-penalties.ts';
import { TABLE } from '../penalties/penalties.fixture.ts';
import type { PenaltyInput } from '../penalties/types.ts';
import { penaltiesForTemplate } from './penalties-context.ts';
import { renderTemplate } from './render.ts';
import { SAMPLE_CONTEXT } from './sample-context.ts';

const invoice = (over: Partial<PenaltyInput>): PenaltyInput => ({
  jurisdiction: 'FR',
  currency: 'EUR',
  amountMinor: 100_000,
  dueDate: '2024-06-10',
  asOf: '2024-07-20',
  ...over,
});

describe('penaltiesForTemplate', () => {
  it('adds up the invoices, one fixed sum each, and keeps each rate with its days', () => {
    const results = [
      invoice({}),
      invoice({ amountMinor: 50_000, dueDate: '2024-06-30' }),
      invoice({
        currency: 'USD',
        jurisdiction: 'CONTRACT',
        contract: { ratePercent: '12', per: 'year' },
      }),
    ].map((i) => computePenalties(i, TABLE));
    const p = penaltiesForTemplate(results, 'EUR');
    const eur = results.filter((r) => r.currency === 'EUR');
    assert.equal(
      p.interestMinor,
      eur.reduce((s, r) => s + r.interestMinor, 0),
    );
    assert.equal(p.compensationMinor, 8000);
    assert.equal(p.compensationCount, 2);
    assert.equal(p.compensationEachMinor, 4000);
    assert.equal(p.lateFeeMinor, undefined);
    assert.deepEqual(
      p.rates.map((r) => [r.ratePercent, r.from, r.to]),
      [
        ['14.50', '2024-06-11', '2024-06-30'],
        ['14.25', '2024-07-01', '2024-07-20'],
      ],
    );
  });

  it('feeds #Penalties', () => {
    const penalties = penaltiesForTemplate(
      [computePenalties(invoice({ amountMinor: 161_040 }), TABLE)],
      'EUR',
    );
    const letter = {
      code: 'x',
      kind: 'letter' as const,
      language: 'en' as const,
      body: '#Penalties',
    };
    const out = renderTemplate(letter, { ...SAMPLE_CONTEXT, penalties }, 'en-GB').markdown;
    assert.match(
      out,
      /14\.50% a year from 11\/06\/2024 to 30\/06\/2024; 14\.25% a year from 01\/07\/2024 to 20\/07\/2024/,
    );
    assert.match(out, /\(1 × €40\.00\) \| €40\.00 \|/);
  });
});
