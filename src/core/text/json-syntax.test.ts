import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findJsonSyntaxError } from './json-syntax.ts';

describe('findJsonSyntaxError', () => {
  it('accepts valid JSON', () => {
    for (const text of [
      '{}',
      '[]',
      ' {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"], "b": {}} ',
      '"text"',
      '0',
    ]) {
      assert.equal(findJsonSyntaxError(text), undefined, text);
      assert.doesNotThrow(() => JSON.parse(text));
    }
  });

  const cases: [string, number, number, RegExp][] = [
    ['{\n  "a": 1,\n}', 3, 1, /no trailing comma/],
    ['[1, 2,]', 1, 7, /no trailing comma/],
    ['{\n  "a": tru\n}', 2, 8, /literal true/],
    ['{"a": 01}', 1, 8, /leading zeros/],
    ['{\n "a": x}', 2, 7, /a value/],
    ['{"a": "b\nc"}', 1, 9, /line break/],
    ["{'a': 1}", 1, 2, /double quotes/],
    ['{"a": 1} x', 1, 10, /nothing after/],
    ['{"a" 1}', 1, 6, /colon/],
    ['{"a": 1\n "b": 2}', 2, 2, /comma or a closing \}/],
    ['{"a": "\\x"}', 1, 9, /valid escape/],
    ['', 1, 1, /end of the text/],
    ['{"a": [1, 2', 1, 12, /comma or a closing \]/],
  ];
  for (const [text, line, column, expected] of cases) {
    it(`locates the error in ${JSON.stringify(text)} at ${line}:${column}`, () => {
      assert.throws(() => JSON.parse(text));
      const error = findJsonSyntaxError(text);
      assert.ok(error);
      assert.equal(error.line, line);
      assert.equal(error.column, column);
      assert.match(error.expected, expected);
    });
  }
});
