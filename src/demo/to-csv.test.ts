import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { csvChunks, csvField, csvLines, DEMO_COLUMNS, toCsv } from './to-csv.ts';

const rows: Record<string, string>[] = [
  { a: 'plain', b: 'Austin, TX', c: 'say "hi"' },
  { a: 'multi\nline', b: 'cr\rhere', c: '' },
  { a: 'Müller & Söhne', c: 'missing b' },
];

describe('toCsv', () => {
  it('writes a header, quotes only when needed and ends every line with \\n', () => {
    assert.equal(
      toCsv(rows, ['a', 'b', 'c']),
      'a,b,c\n' +
        'plain,"Austin, TX","say ""hi"""\n' +
        '"multi\nline","cr\rhere",\n' +
        'Müller & Söhne,,missing b\n',
    );
  });

  it('writes just the header for no rows', () => {
    assert.equal(toCsv([], ['x', 'y']), 'x,y\n');
  });

  it('quotes header names that need it', () => {
    assert.equal(toCsv([{ 'a,b': '1' }], ['a,b']), '"a,b"\n1\n');
  });

  it('csvLines and csvChunks produce the same text as toCsv', () => {
    const many = Array.from({ length: 2500 }, (_, i) => ({
      a: String(i),
      b: i % 7 ? 'x' : 'y,z',
      c: '',
    }));
    const expected = toCsv(many, ['a', 'b', 'c']);
    const lines = [...csvLines(many, ['a', 'b', 'c'])];
    assert.equal(lines.length, 2501);
    assert.ok(lines.every((line) => line.endsWith('\n')));
    assert.equal(lines.join(''), expected);
    for (const size of [1, 7, 1000, 10_000]) {
      const chunks = [...csvChunks(many, ['a', 'b', 'c'], size)];
      assert.equal(chunks.join(''), expected, `chunk size ${size}`);
      assert.equal(chunks.length, Math.ceil(2501 / size));
    }
  });

  it('csvField leaves safe text alone', () => {
    assert.equal(csvField('INV-2026-0000001'), 'INV-2026-0000001');
    assert.equal(csvField(''), '');
    assert.equal(csvField('"'), '""""');
  });
});

describe('DEMO_COLUMNS', () => {
  it('lists the four files with unique column names', () => {
    assert.deepEqual(Object.keys(DEMO_COLUMNS), ['customers', 'contacts', 'items', 'payments']);
    for (const columns of Object.values(DEMO_COLUMNS)) {
      assert.equal(new Set(columns).size, columns.length);
    }
  });
});
