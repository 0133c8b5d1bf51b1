import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { relance } from '../../test/helpers/cli.ts';
import { tempDir } from '../../test/helpers/files.ts';

const dir = tempDir('relance-penalties-');
const env = { RELANCE_DATA_DIR: join(dir, 'data'), RELANCE_RATES_FILE: '', DATABASE_URL: '' };
const run = (args: string[]) => relance(args, env, dir);

describe('relance penalties and relance rates', () => {
  it('penalties --json: the breakdown of the issue example', () => {
    const r = run([
      'penalties',
      '--jurisdiction',
      'FR',
      '--currency',
      'EUR',
      '--amount',
      '1000.00',
      '--due',
      '2026-01-15',
      '--as-of',
      '2026-03-01',
      '--json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(
      [out.days, out.rate, out.interestMinor, out.compensationMinor],
      [45, '12.15', 1498, 4000],
    );
    assert.deepEqual(out.periods, [
      {
        from: '2026-01-16',
        to: '2026-03-01',
        days: 45,
        principalMinor: 100_000,
        rate: '12.15',
        basis: 365,
        interest: '14.9794520548',
        reference: { series: 'ECB', halfYear: '2026-01-01', percent: '2.15', margin: 10 },
      },
    ]);
  });

  it('penalties: partial payments across 1 July, as text', () => {
    const r = run([
      'penalties',
      '--jurisdiction',
      'fr',
      '--amount',
      '10,000.00',
      '--due',
      '2025-06-15',
      '--as-of',
      '2025-08-20',
      '--payments',
      '2025-07-10:4,000.00,2025-08-01:1000',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /66 days late/);
    assert.match(
      r.stdout,
      /2025-06-16 → 2025-06-30 +15 days on €10,000\.00 at 13\.15 % \(ECB 3\.15 \+ 10\)/,
    );
    assert.match(r.stdout, /2025-08-02 → 2025-08-20 +19 days on €5,000\.00 at 12\.15 %/);
    assert.match(r.stdout, /interest: €162\.89/);
    assert.match(r.stdout, /fixed compensation: €40\.00\ntotal: €202\.89/);
  });

  it('penalties: a contract rate per month under CONTRACT; UK bands', () => {
    const contract = run([
      'penalties',
      '--jurisdiction',
      'CONTRACT',
      '--currency',
      'USD',
      '--amount',
      '1000',
      '--due',
      '2025-03-31',
      '--as-of',
      '2025-04-30',
      '--rate',
      '1.5',
      '--per',
      'month',
      '--late-fee',
      '25',
      '--json',
    ]);
    assert.equal(contract.code, 0, contract.stderr);
    const c = JSON.parse(contract.stdout);
    assert.deepEqual(
      [c.rate, c.interestMinor, c.lateFeeMinor, c.totalMinor],
      ['18.00', 1479, 2500, 3979],
    );
    const uk = JSON.parse(
      run([
        'penalties',
        '--jurisdiction',
        'UK',
        '--amount',
        '2000',
        '--due',
        '2024-01-31',
        '--as-of',
        '2024-03-16',
        '--json',
      ]).stdout,
    );
    assert.deepEqual([uk.currency, uk.interestMinor, uk.compensationMinor], ['GBP', 3267, 7000]);
  });

  it('penalties: bad values exit 3 naming each option; a missing rate says how to add it', () => {
    const bad = run([
      'penalties',
      '--jurisdiction',
      'FR',
      '--amount',
      '1000.005',
      '--due',
      '2026-01-15',
      '--as-of',
      '2026-03-01',
      '--payments',
      '2026-02-30:5',
      '--rate',
      '5',
    ]);
    assert.equal(bad.code, 3);
    assert.match(
      bad.stderr,
      /--amount: got "1000.005", expected an amount with at most 2 decimals/,
    );
    assert.match(bad.stderr, /--payments\[0\]: got "2026-02-30:5", expected DATE:AMOUNT/);
    const floor = run([
      'penalties',
      '--jurisdiction',
      'FR',
      '--amount',
      '1000',
      '--due',
      '2026-01-15',
      '--as-of',
      '2026-03-01',
      '--rate',
      '5',
      '--json',
    ]);
    assert.equal(floor.code, 3);
    const problem = JSON.parse(floor.stderr).error.problems[0];
    assert.equal(problem.field, '--rate');
    assert.match(problem.expected, /at least 7.86 % a year in 2026 H1/);
    const missing = run([
      'penalties',
      '--jurisdiction',
      'DE',
      '--amount',
      '1000',
      '--due',
      '2026-06-20',
      '--as-of',
      '2026-07-10',
    ]);
    assert.equal(missing.code, 4);
    assert.match(
      missing.stderr,
      /no DE_BASIS rate for 2026 H2 .* relance rates add DE_BASIS 2026-07-01 <percent>/,
    );
  });

  it('rates add writes the data folder; list and penalties use it', () => {
    const bad = run(['rates', 'add', 'BCE', '2027-02-01', '2.1']);
    assert.equal(bad.code, 3);
    assert.match(bad.stderr, /series: got "BCE", expected one of ECB, FR_LEGAL, DE_BASIS, UK_BASE/);
    assert.match(
      bad.stderr,
      /date: got "2027-02-01", expected the first day of a half-year, 2027-01-01 or 2027-07-01/,
    );
    const added = run(['rates', 'add', 'DE_BASIS', '2026-07-01', '1.02']);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /DE_BASIS 2026 H2 \(2026-07-01\): 1\.02 % added to .*rates\.yaml/);
    assert.match(
      readFileSync(join(dir, 'data', 'rates.yaml'), 'utf8'),
      /DE_BASIS:\n {2}2026-07-01: 1\.02\n/,
    );
    const conflict = run(['rates', 'add', 'ECB', '2026-01-01', '2.40']);
    assert.equal(conflict.code, 3);
    assert.match(conflict.stderr, /already has 2.15 for 2026 H1 \(in the shipped table\)/);
    const list = run(['rates', 'list']);
    assert.match(list.stdout, /2026 H2 +2026-07-01 +— +— +1\.02\* +—/);
    const json = JSON.parse(run(['rates', 'list', '--json']).stdout);
    assert.deepEqual(
      json.rates.find(
        (r: { series: string; from: string }) => r.series === 'DE_BASIS' && r.from === '2026-07-01',
      ),
      {
        series: 'DE_BASIS',
        from: '2026-07-01',
        halfYear: '2026 H2',
        percent: '1.02',
        source: 'user',
      },
    );
    const r = run([
      'penalties',
      '--jurisdiction',
      'DE',
      '--amount',
      '1000',
      '--due',
      '2026-06-20',
      '--as-of',
      '2026-07-10',
      '--json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).rates, ['10.27', '10.02']);
  });
});
