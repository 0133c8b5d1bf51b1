import { isCjk } from './line-breaking.ts';

/**
 * Plain-text layout for the text part of e-mails: display widths (CJK characters take two
 * columns, combining marks none), word wrapping, and tables as aligned columns.
 */

export type Align = 'left' | 'right' | 'center';

function charWidth(c: string): number {
  const cp = c.codePointAt(0) ?? 0;
  if (cp < 0x300) return cp < 0x20 ? 0 : 1;
  if (/\p{M}/u.test(c) || cp === 0x200b || cp === 0xfeff) return 0;
  if (isCjk(cp) && !(cp >= 0xff61 && cp <= 0xffdc)) return 2;
  return 1;
}

/** Columns a string takes in a monospaced terminal or mail reader. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const c of text) w += charWidth(c);
  return w;
}

function pad(text: string, width: number, align: Align): string {
  const gap = Math.max(0, width - displayWidth(text));
  if (align === 'right') return ' '.repeat(gap) + text;
  if (align === 'center') return ' '.repeat(gap >> 1) + text + ' '.repeat(gap - (gap >> 1));
  return text + ' '.repeat(gap);
}

/**
 * Wraps text at `width` columns on spaces (and between CJK characters); a word longer than
 * the width is cut, unless `cut` is false (URLs must stay whole). Line breaks are kept.
 */
export function wrapText(text: string, width: number, cut = true): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    const push = () => {
      out.push(line.replace(/ +$/, ''));
      line = '';
      lineWidth = 0;
    };
    const tokens = paragraph.split(/( +)/).filter((t) => t !== '');
    for (const token of tokens) {
      if (/^ +$/.test(token)) {
        if (line !== '') {
          line += ' ';
          lineWidth += 1;
        }
        continue;
      }
      for (const piece of splitCjk(token)) {
        const w = displayWidth(piece);
        if (lineWidth + w > width && line.trim() !== '') push();
        if (w <= width || !cut) {
          line += piece;
          lineWidth += w;
          continue;
        }
        for (const c of piece) {
          const cw = charWidth(c);
          if (lineWidth + cw > width && line !== '') push();
          line += c;
          lineWidth += cw;
        }
      }
    }
    push();
  }
  return out;
}

/** Splits a word so that each CJK character is its own piece (lines may break between them). */
function splitCjk(word: string): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const c of word) {
    if (isCjk(c.codePointAt(0) ?? 0)) {
      if (current !== '') pieces.push(current);
      pieces.push(c);
      current = '';
    } else {
      current += c;
    }
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

export interface TextTableOptions {
  /** Widest a column may get before its cells wrap (display columns). */
  readonly maxColumnWidth?: number;
  /** Rows after which a rule is drawn (e.g. before totals). */
  readonly ruleBefore?: ReadonlySet<number>;
}

/**
 * A table as aligned text: header, a rule of dashes, the rows; columns separated by two
 * spaces, right-aligned columns padded on the left, long cells wrapped onto more lines.
 */
export function textTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[],
  options: TextTableOptions = {},
): string {
  const maxCol = options.maxColumnWidth ?? 40;
  const all = [header, ...rows];
  const n = Math.max(...all.map((r) => r.length));
  // Each cell once: its text, width, and lines when wrapped at its column's cap.
  const cells = all.map((row) =>
    Array.from({ length: n }, (_, i) => {
      const text = (row[i] ?? '').replace(/[ \t\r\n]+/g, ' ').trim();
      return { text, width: displayWidth(text), lines: [text] };
    }),
  );
  const widths = Array.from({ length: n }, (_, i) => {
    const cap = Math.min(maxCol, Math.max(1, ...cells.map((r) => r[i]!.width)));
    let widest = 1;
    for (const row of cells) {
      const c = row[i]!;
      if (c.width > cap) c.lines = wrapText(c.text, cap);
      widest = Math.max(widest, c.width > cap ? Math.max(...c.lines.map(displayWidth)) : c.width);
    }
    return widest;
  });
  const render = (row: readonly { lines: string[] }[]) => {
    const height = Math.max(1, ...row.map((c) => c.lines.length));
    const lines: string[] = [];
    for (let k = 0; k < height; k++) {
      const parts = widths.map((w, i) => pad(row[i]?.lines[k] ?? '', w, align[i] ?? 'left'));
      lines.push(parts.join('  ').replace(/ +$/, ''));
    }
    return lines;
  };
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const [head, ...body] = cells;
  const lines = [...render(head ?? []), rule];
  body.forEach((row, index) => {
    if (options.ruleBefore?.has(index)) lines.push(rule);
    lines.push(...render(row));
  });
  return lines.join('\n');
}
