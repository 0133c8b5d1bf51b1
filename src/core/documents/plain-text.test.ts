import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { displayWidth, textTable, wrapText } from './plain-text.ts';

describe('displayWidth', () => {
  it('counts CJK characters as two columns and combining marks as none', () => {
    assert.equal(displayWidth('abc'), 3);
    assert.equal(displayWidth('東京'), 4);
    assert.equal(displayWidth('e\u0301'), 1);
    assert.equal(displayWidth('Zoë'), 3);
  });
});

describe('wrapText', () => {
  it('wraps on spaces and keeps line breaks', () => {
    assert.deepEqual(wrapText('one two three four\nfive', 9), ['one two', 'three', 'four', 'five']);
  });

  it('cuts an overlong word unless told not to', () => {
    assert.deepEqual(wrapText('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
    assert.deepEqual(wrapText('see https://example.com/a/long/path', 10, false), [
      'see',
      'https://example.com/a/long/path',
    ]);
  });

  it('wraps CJK text between characters', () => {
    assert.deepEqual(wrapText('株式会社東京', 5), ['株式', '会社', '東京']);
  });
});

describe('textTable', () => {
  it('aligns columns by display width, right-aligned columns on the right', () => {
    const table = textTable(
      ['Doc', 'Amount'],
      [
        ['請求書-1', '1 234,56 €'],
        ['INV-22', '9,00 €'],
        ['Total', '1 243,56 €'],
      ],
      ['left', 'right'],
      { ruleBefore: new Set([2]) },
    );
    assert.equal(
      table,
      [
        'Doc           Amount',
        '--------  ----------',
        '請求書-1  1 234,56 €',
        'INV-22        9,00 €',
        '--------  ----------',
        'Total     1 243,56 €',
      ].join('\n'),
    );
  });

  it('wraps cells longer than the maximum column width onto more lines', () => {
    const table = textTable(['A', 'B'], [['aaaa bbbb', 'x']], ['left', 'left'], {
      maxColumnWidth: 5,
    });
    assert.deepEqual(table.split('\n'), ['A     B', '----  -', 'aaaa  x', 'bbbb']);
  });
});
