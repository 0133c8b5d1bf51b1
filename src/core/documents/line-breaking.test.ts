import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { breakLines, itemize, layoutRuns, type Line } from './line-breaking.ts';

// Every character is 1 wide in style 'a' and 2 wide in style 'B'.
const measure = (style: string, text: string) => [...text].length * (style === 'B' ? 2 : 1);
const texts = (lines: Line<string>[]) => lines.map((l) => l.segments.map((s) => s.text).join('|'));

describe('itemize', () => {
  it('collapses spaces, marks line breaks and style changes inside a word', () => {
    const items = itemize([
      { text: '  one   two', style: 'a' },
      { text: 'x three\nfour', style: 'B' },
    ]);
    assert.deepEqual(
      items.map((i) => [i.text, i.style, i.glue]),
      [
        ['one', 'a', 'none'],
        ['two', 'a', 'space'],
        ['x', 'B', 'none'],
        ['three', 'B', 'space'],
        ['four', 'B', 'newline'],
      ],
    );
  });

  it('allows breaks between CJK characters but not before closing punctuation', () => {
    const items = itemize([{ text: '東京商事。ABC', style: 'a' }]);
    assert.deepEqual(
      items.map((i) => [i.text, i.glue]),
      [
        ['東', 'none'],
        ['京', 'break'],
        ['商', 'break'],
        ['事。', 'break'],
        ['ABC', 'break'],
      ],
    );
  });

  it('breaks after a hyphen between letters, never at a no-break space', () => {
    const items = itemize([{ text: 'Jean-Pierre 1\u00a0234,56\u202f€ -5', style: 'a' }]);
    assert.deepEqual(
      items.map((i) => i.text),
      ['Jean-', 'Pierre', '1\u00a0234,56\u202f€', '-5'],
    );
  });
});

describe('breakLines', () => {
  it('fills lines greedily and never exceeds the width', () => {
    const lines = layoutRuns([{ text: 'aa bb cc dd ee', style: 'a' }], 5, measure);
    assert.deepEqual(texts(lines), ['aa bb', 'cc dd', 'ee']);
    for (const l of lines) assert.ok(l.width <= 5);
  });

  it('cuts a word wider than the line between characters', () => {
    const lines = layoutRuns([{ text: 'ab ' + 'x'.repeat(12), style: 'a' }], 5, measure);
    assert.deepEqual(texts(lines), ['ab', 'xxxxx', 'xxxxx', 'xx']);
  });

  it('places segments of different styles at their measured offsets', () => {
    const lines = layoutRuns(
      [
        { text: 'ab ', style: 'a' },
        { text: 'CD', style: 'B' },
        { text: 'e f', style: 'a' },
      ],
      20,
      measure,
    );
    assert.equal(lines.length, 1);
    const [line] = lines;
    assert.deepEqual(
      line!.segments.map((s) => [s.text, s.style, s.x, s.width]),
      [
        // The space takes the width of the style that follows it (2 in 'B') and belongs
        // to no segment.
        ['ab', 'a', 0, 2],
        ['CD', 'B', 4, 4],
        ['e f', 'a', 8, 3],
      ],
    );
    assert.equal(line!.width, 11);
  });

  it('keeps a word made of several styles together', () => {
    const lines = layoutRuns(
      [
        { text: 'aaa bb', style: 'a' },
        { text: 'CC', style: 'B' },
      ],
      7,
      measure,
    );
    assert.deepEqual(texts(lines), ['aaa', 'bb|CC']);
  });

  it('returns one empty line for empty text', () => {
    const lines = breakLines([], 10, measure);
    assert.equal(lines.length, 1);
    assert.deepEqual(lines[0]!.segments, []);
  });

  it('wraps CJK text between characters', () => {
    const lines = layoutRuns([{ text: '株式会社東京商事', style: 'B' }], 6, measure);
    assert.deepEqual(texts(lines), ['株式会', '社東京', '商事']);
  });
});
