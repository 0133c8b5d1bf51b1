import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseCsvTable } from './csv-table.ts';

const DATASET = new URL(
  '../../../shared/datasets/WA_Fn-UseC_-Accounts-Receivable.csv',
  import.meta.url,
);
function exists(): boolean {
  try {
    readFileSync(DATASET);
    return true;
  } catch {
    return false;
  }
}

describe('parseCsvTable', () => {
  it('numbers rows by file line, blank lines included, with or without quotes', () => {
    const plain = parseCsvTable('a,b\r\n\r\n1,2\r\n\r\n3,4\r\n', 'x.csv');
    assert.deepEqual(plain.rows, [
      ['1', '2'],
      ['3', '4'],
    ]);
    assert.deepEqual(plain.rowNumbers, [3, 5]);
    const quoted = parseCsvTable('a,b\n"x\ny",2\n\n3,"4"\n', 'x.csv');
    assert.deepEqual(quoted.rows, [
      ['x\ny', '2'],
      ['3', '4'],
    ]);
    assert.deepEqual(quoted.rowNumbers, [3, 5]);
  });

  it('guesses ; and reads a BOM', () => {
    const t = parseCsvTable('\uFEFFcode;name\nC1;"A; B"\n', 'x.csv');
    assert.deepEqual([t.header, t.rows], [['code', 'name'], [['C1', 'A; B']]]);
  });

  it('refuses broken quoting and names the file', () => {
    assert.throws(() => parseCsvTable('a,b\n"open,2\n', 'bad.csv'), /bad.csv is not valid CSV/);
  });

  it(
    'reads the IBM accounts-receivable sample (CRLF, 2,466 rows)',
    { skip: !exists() && 'dataset not present' },
    () => {
      const t = parseCsvTable(readFileSync(DATASET, 'utf8'), 'ar.csv');
      assert.equal(t.rows.length, 2466);
      assert.equal(t.header[3], 'invoiceNumber');
      assert.equal(t.rows[0]?.[3], '0000611365');
    },
  );
});
