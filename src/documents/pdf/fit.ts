import type { Line } from '../../core/documents/line-breaking.ts';
import type { Weight } from './fonts.ts';
import type { TextStyle, Typesetter } from './typesetter.ts';

/**
 * Text that must stay inside a fixed box (address window, letterhead, sender line): the
 * font shrinks step by step down to `minSize`; if it still does not fit, the paragraphs
 * with the most lines are cut to fewer lines, ending with "…", so the box never overflows
 * and short paragraphs (the address lines under a long name) survive.
 */

export interface FitParagraph {
  readonly text: string;
  readonly weight?: Weight;
  readonly color?: string;
}

export interface Fitted {
  readonly lines: Line<TextStyle>[];
  readonly size: number;
  readonly lineHeight: number;
  /** True when the text had to be shortened. */
  readonly cut: boolean;
}

export interface FitBox {
  readonly width: number;
  readonly height: number;
  readonly size: number;
  readonly minSize: number;
  /** Line height as a multiple of the font size. */
  readonly leading?: number;
  /** At most this many lines per paragraph (e.g. 1 for a sender line). */
  readonly maxLinesEach?: number;
}

function layout(ts: Typesetter, p: FitParagraph, size: number, width: number): Line<TextStyle>[] {
  const runs = ts.runs(p.text.replace(/[ \t\r\n]+/g, ' ').trim(), {
    size,
    ...(p.weight ? { weight: p.weight } : {}),
    ...(p.color ? { color: p.color } : {}),
  });
  return ts.lines(runs, width);
}

/** The longest prefix of `p` (plus "…") that takes at most `maxLines` lines. */
function truncated(
  ts: Typesetter,
  p: FitParagraph,
  size: number,
  width: number,
  maxLines: number,
): Line<TextStyle>[] {
  const chars = [...p.text.replace(/[ \t\r\n]+/g, ' ').trim()];
  let lo = 0;
  let hi = chars.length;
  let best = layout(ts, { ...p, text: '…' }, size, width).slice(0, maxLines);
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const lines = layout(
      ts,
      { ...p, text: `${chars.slice(0, mid).join('').trimEnd()}…` },
      size,
      width,
    );
    if (lines.length <= maxLines) {
      best = lines;
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}

export function fitParagraphs(
  ts: Typesetter,
  paragraphs: readonly FitParagraph[],
  box: FitBox,
): Fitted {
  const leading = box.leading ?? 1.2;
  const present = paragraphs.filter((p) => p.text.trim() !== '');
  let size = box.size;
  for (;;) {
    const lineHeight = size * leading;
    const maxLines = Math.max(1, Math.floor((box.height + 0.01) / lineHeight));
    const laid = present.map((p) => layout(ts, p, size, box.width));
    const counts = laid.map((l) => Math.min(l.length, box.maxLinesEach ?? Infinity));
    const tooLong = laid.some((l, i) => l.length > (counts[i] ?? 0));
    const total = counts.reduce((s, c) => s + c, 0);
    if ((total <= maxLines && !tooLong) || size - 0.5 < box.minSize) {
      if (total <= maxLines && !tooLong)
        return { lines: laid.flat(), size, lineHeight, cut: false };
      // Cut the longest paragraphs one line at a time until everything fits.
      let sum = total;
      while (sum > maxLines) {
        let longest = -1;
        counts.forEach((c, i) => {
          if (c > 1 && (longest === -1 || c > (counts[longest] ?? 0))) longest = i;
        });
        if (longest === -1) break;
        counts[longest]!--;
        sum--;
      }
      const lines: Line<TextStyle>[] = [];
      let used = 0;
      laid.forEach((l, i) => {
        const allowed = Math.min(counts[i] ?? 0, maxLines - used);
        if (allowed <= 0) return;
        lines.push(
          ...(l.length > allowed ? truncated(ts, present[i]!, size, box.width, allowed) : l),
        );
        used += allowed;
      });
      return { lines, size, lineHeight, cut: true };
    }
    size -= 0.5;
  }
}

/** Draws fitted lines from the top-left corner of their box. */
export function drawFitted(
  ts: Typesetter,
  fitted: Fitted,
  x: number,
  y: number,
  width: number,
  align: 'left' | 'right' = 'left',
): number {
  const base = ts.baseline(fitted.size, fitted.lineHeight);
  fitted.lines.forEach((line, i) =>
    ts.drawLine(line, x, y + i * fitted.lineHeight + base, width, align),
  );
  return y + fitted.lines.length * fitted.lineHeight;
}
