import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/errors.ts';
import { tempDir, writeFile } from '../../test/helpers/files.ts';
import { SHIPPED_RATES_FILE, parseRatesText, readRatesFile } from './rates-file.ts';
import { addReferenceRate, loadReferenceRates, userRatesFile } from './load-rates.ts';

function failure(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    return error;
  }
  assert.fail('expected an AppError');
}

describe('rate files', () => {
  it('the shipped table holds the rates of late-payment.md', async () => {
    const entries = await readRatesFile(SHIPPED_RATES_FILE);
    const get = (series: string, from: string) =>
      entries.find((e) => e.series === series && e.from === from)?.percent;
    assert.equal(get('ECB', '2024-07-01'), '4.25');
    assert.equal(get('FR_LEGAL', '2025-01-01'), '3.71');
    assert.equal(get('DE_BASIS', '2025-07-01'), '1.27');
    assert.equal(get('UK_BASE', '2026-01-01'), '3.75');
    assert.equal(get('FR_LEGAL', '2024-01-01'), undefined);
    assert.equal(entries.length, 19);
  });

  it('keeps the percent as written, with its line', () => {
    const entries = parseRatesText(
      '# c\nDE_BASIS:\n  2021-07-01: -0.88\n  2022-01-01: "4.50"\n',
      'r',
    );
    assert.deepEqual(entries, [
      { series: 'DE_BASIS', from: '2021-07-01', percent: '-0.88', line: 3 },
      { series: 'DE_BASIS', from: '2022-01-01', percent: '4.50', line: 4 },
    ]);
    assert.deepEqual(parseRatesText('# nothing yet\n', 'r'), []);
    assert.deepEqual(parseRatesText('ECB:\n', 'r'), []);
  });

  it('reports every problem with its entry and line', () => {
    const e = failure(() =>
      parseRatesText(
        'ECB:\n  2025-01-01: 3,15\n  2025-03-01: 2\n  2026-01-01: true\nUK: {}\nDE_BASIS: 3\n',
        'rates.yaml',
      ),
    );
    assert.equal(e.code, 'INVALID_FILE');
    assert.equal(e.message, 'rates.yaml: 5 problems in the rate file');
    assert.deepEqual(
      e.problems.map((p) => [p.field, p.value]),
      [
        ['ECB.2025-01-01 (line 2)', '3,15'],
        ['ECB.2025-03-01 (line 3)', '2025-03-01'],
        ['ECB.2026-01-01 (line 4)', ''],
        ['UK (line 5)', undefined],
        ['DE_BASIS (line 6)', undefined],
      ],
    );
    assert.match(e.problems[3]!.expected, /a series name: ECB, FR_LEGAL, DE_BASIS or UK_BASE/);
  });

  it('a YAML syntax error or a duplicate names the line', () => {
    const e = failure(() => parseRatesText('ECB:\n  2025-01-01: 3\n  2025-01-01: 4\n', 'r.yaml'));
    assert.match(e.message, /r\.yaml is not valid YAML: line 3/);
    assert.equal(
      failure(() => parseRatesText('- 1\n- 2\n', 'r')).problems[0]?.field,
      'file (line 1)',
    );
  });

  it('user rates extend and override the shipped table; add writes the user file', async () => {
    const dir = tempDir('relance-rates-');
    const env = { RELANCE_DATA_DIR: join(dir, 'data') };
    assert.equal(userRatesFile(env), join(dir, 'data', 'rates.yaml'));
    const added = await addReferenceRate(
      { series: 'ecb', from: '2026-07-01', percent: '2.15' },
      env,
    );
    assert.equal(added.status, 'added');
    assert.equal(
      readFileSync(join(dir, 'data', 'rates.yaml'), 'utf8')
        .split('\n')
        .slice(2)
        .join('\n'),
      'ECB:\n  2026-07-01: 2.15\n',
    );
    const same = await addReferenceRate(
      { series: 'ECB', from: '2026-07-01', percent: '2.150' },
      env,
    );
    assert.equal(same.status, 'unchanged');
    await assert.rejects(
      addReferenceRate({ series: 'DE_BASIS', from: '2026-01-01', percent: '1.5' }, env),
      (e: AppError) => /already has 1.27 for 2026 H1 \(in the shipped table\)/.test(e.message),
    );
    const replaced = await addReferenceRate(
      { series: 'DE_BASIS', from: '2026-01-01', percent: '1.5', replace: true },
      env,
    );
    assert.deepEqual([replaced.status, replaced.previous], ['replaced', '1.27']);
    const loaded = await loadReferenceRates(env);
    assert.equal(loaded.rates.ECB?.['2026-07-01'], '2.15');
    assert.equal(loaded.rates.DE_BASIS?.['2026-01-01'], '1.5');
    assert.equal(loaded.rates.ECB?.['2024-01-01'], '4.50');
    const de = loaded.entries.find((x) => x.series === 'DE_BASIS' && x.from === '2026-01-01');
    assert.deepEqual([de?.source, de?.replaces], ['user', '1.27']);
  });

  it('RELANCE_RATES_FILE names the user file; a bad one is never overwritten', async () => {
    const dir = tempDir('relance-rates-');
    const file = writeFile(dir, 'mine.yaml', 'ECB:\n  2026-07-01: x\n');
    const env = { RELANCE_RATES_FILE: file };
    await assert.rejects(
      addReferenceRate({ series: 'UK_BASE', from: '2026-07-01', percent: '3.5' }, env),
      (e: AppError) => e.code === 'INVALID_FILE' && /mine\.yaml: 1 problem/.test(e.message),
    );
    assert.equal(readFileSync(file, 'utf8'), 'ECB:\n  2026-07-01: x\n');
  });
});
