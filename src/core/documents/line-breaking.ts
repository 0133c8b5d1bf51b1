/**
 * Greedy line breaking of styled text, independent of any PDF library: the caller gives
 * runs of text with an opaque style and a function that measures a string in a style.
 *
 * Lines break at spaces, after a hyphen inside a word, and between CJK characters (except
 * before closing and after opening punctuation). A word wider than the line is cut between
 * characters, so nothing ever overflows. No-break spaces (U+00A0, U+202F) never break.
 */

export interface Run<S> {
  readonly text: string;
  readonly style: S;
}

/** How an item joins the one before it. */
export type Glue = 'space' | 'none' | 'break' | 'newline';

export interface Item<S> {
  readonly text: string;
  readonly style: S;
  readonly glue: Glue;
}

export interface Segment<S> {
  readonly text: string;
  readonly style: S;
  /** Offset from the start of the line. */
  readonly x: number;
  readonly width: number;
}

export interface Line<S> {
  readonly segments: readonly Segment<S>[];
  readonly width: number;
}

export type Measure<S> = (style: S, text: string) => number;

const isBreakableSpace = (c: string) => c === ' ' || c === '\t' || c === '\r';

/** CJK ideographs, kana, hangul, CJK punctuation and full-width forms. */
export function isCjk(cp: number): boolean {
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0x20000 && cp <= 0x3ffff)
  );
}

const NO_BREAK_BEFORE = new Set([
  ...'、。，．・：；？！）」』】〕〉》ー々ゝゞ〜ぁぃぅぇぉっゃゅょァィゥェォッャュョ,.;:!?)]}%',
]);
const NO_BREAK_AFTER = new Set([...'（「『【〔〈《([{']);
const isLetter = (c: string) => /\p{L}/u.test(c);

/** Whether a line may break between `prev` and `next` when no space separates them. */
function breakBetween(prev: string, next: string): boolean {
  if (NO_BREAK_BEFORE.has(next) || NO_BREAK_AFTER.has(prev)) return false;
  const p = prev.codePointAt(0) ?? 0;
  const n = next.codePointAt(0) ?? 0;
  if (isCjk(p) || isCjk(n)) return true;
  return prev === '-' && isLetter(next);
}

/**
 * Splits styled runs into items: words and word parts, each knowing how it joins the item
 * before it. Runs of spaces collapse into one; '\n' forces a new line.
 */
export function itemize<S>(runs: readonly Run<S>[]): Item<S>[] {
  const items: Item<S>[] = [];
  let text = '';
  let style: S | undefined;
  let glue: Glue = 'none';
  let pending: Glue | undefined;
  let prev = '';
  const flush = () => {
    if (text !== '' && style !== undefined) items.push({ text, style, glue });
    text = '';
  };
  for (const run of runs) {
    for (const c of run.text) {
      if (c === '\n') {
        flush();
        pending = 'newline';
        prev = '';
        continue;
      }
      if (isBreakableSpace(c)) {
        flush();
        if (pending !== 'newline' && prev !== '') pending = 'space';
        prev = '';
        continue;
      }
      if (text === '') {
        glue = pending ?? (prev !== '' && breakBetween(prev, c) ? 'break' : 'none');
        if (items.length === 0 && glue !== 'newline') glue = 'none';
        pending = undefined;
        style = run.style;
      } else if (breakBetween(prev, c)) {
        flush();
        glue = 'break';
        style = run.style;
      } else if (run.style !== style) {
        flush();
        glue = 'none';
        style = run.style;
      }
      text += c;
      prev = c;
    }
  }
  flush();
  return items;
}

interface Word<S> {
  parts: Item<S>[];
  widths: number[];
  width: number;
  glue: Glue;
}

function words<S>(items: readonly Item<S>[], measure: Measure<S>): Word<S>[] {
  const out: Word<S>[] = [];
  for (const item of items) {
    const w = measure(item.style, item.text);
    const last = out[out.length - 1];
    if (last !== undefined && item.glue === 'none') {
      last.parts.push(item);
      last.widths.push(w);
      last.width += w;
    } else {
      out.push({ parts: [item], widths: [w], width: w, glue: item.glue });
    }
  }
  return out;
}

class LineBuilder<S> {
  readonly lines: Line<S>[] = [];
  private segments: { text: string; style: S; x: number; width: number }[] = [];
  private width = 0;

  get empty(): boolean {
    return this.segments.length === 0;
  }

  get used(): number {
    return this.width;
  }

  add(style: S, text: string, width: number, space: string, spaceWidth: number): void {
    const last = this.segments[this.segments.length - 1];
    if (last !== undefined && last.style === style) {
      last.text += space + text;
      last.width += spaceWidth + width;
    } else {
      // The space between two styles belongs to neither segment (no underline under it).
      this.segments.push({ text, style, x: this.width + spaceWidth, width });
    }
    this.width += spaceWidth + width;
  }

  end(): void {
    const segments = this.segments.map((s) => ({ ...s, text: s.text.replace(/ +$/, '') }));
    this.lines.push({ segments, width: this.width });
    this.segments = [];
    this.width = 0;
  }
}

/** Cuts one item into pieces of at most `first` (then `rest`) width, at least one character each. */
function cutItem<S>(
  item: Item<S>,
  first: number,
  rest: number,
  measure: Measure<S>,
): { text: string; width: number }[] {
  const pieces: { text: string; width: number }[] = [];
  let text = '';
  let width = 0;
  let limit = first;
  for (const c of item.text) {
    const w = measure(item.style, c);
    if (text !== '' && width + w > limit) {
      pieces.push({ text, width });
      text = '';
      width = 0;
      limit = rest;
    }
    text += c;
    width += w;
  }
  if (text !== '') pieces.push({ text, width });
  return pieces;
}

/** Breaks items into lines no wider than `maxWidth` (a lone character may exceed it). */
export function breakLines<S>(
  items: readonly Item<S>[],
  maxWidth: number,
  measure: Measure<S>,
): Line<S>[] {
  const b = new LineBuilder<S>();
  for (const word of words(items, measure)) {
    if (word.glue === 'newline') {
      b.end();
    }
    const first = word.parts[0];
    if (first === undefined) continue;
    const joinsWithSpace = word.glue === 'space' && !b.empty;
    const spaceWidth = joinsWithSpace ? measure(first.style, ' ') : 0;
    if (!b.empty && b.used + spaceWidth + word.width > maxWidth) b.end();
    const space = !b.empty && joinsWithSpace ? ' ' : '';
    const sw = space === '' ? 0 : spaceWidth;
    if (b.used + sw + word.width <= maxWidth || word.width <= maxWidth) {
      word.parts.forEach((p, i) =>
        b.add(p.style, p.text, word.widths[i] ?? 0, i === 0 ? space : '', i === 0 ? sw : 0),
      );
      continue;
    }
    // Too wide for any line (it starts on a fresh line): cut between characters.
    word.parts.forEach((part, i) => {
      const pieces = cutItem(part, maxWidth - b.used, maxWidth, measure);
      pieces.forEach((piece, j) => {
        if (j > 0 || (i > 0 && b.used + piece.width > maxWidth)) b.end();
        b.add(part.style, piece.text, piece.width, '', 0);
      });
    });
  }
  if (!b.empty || b.lines.length === 0) b.end();
  return b.lines;
}

/** Convenience: itemize then break. */
export function layoutRuns<S>(
  runs: readonly Run<S>[],
  maxWidth: number,
  measure: Measure<S>,
): Line<S>[] {
  return breakLines(itemize(runs), maxWidth, measure);
}
