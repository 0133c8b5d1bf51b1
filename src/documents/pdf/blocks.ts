import type { Block } from '../markdown.ts';
import type { Flow } from './flow.ts';
import { drawTable } from './table.ts';
import type { StyleRequest } from './typesetter.ts';

/**
 * Markdown blocks in the body of a letter: paragraphs, headings (kept with what follows),
 * bullet and numbered lists (nested), tables, rules, quotes and code.
 */

export const BODY_SIZE = 10;
export const BODY_LINE = 13.6;
const PARAGRAPH_GAP = 6;
const HEADINGS: Record<number, number> = { 1: 13, 2: 11.5, 3: 10.5 };
const LIST_INDENT = 14;
const QUOTE_INDENT = 12;
const MUTED = '#555555';

function drawBlock(flow: Flow, block: Block, x: number, width: number, base: StyleRequest): void {
  const ts = flow.ts;
  switch (block.kind) {
    case 'paragraph': {
      const lines = ts.lines(ts.spanRuns(block.inline, base), width);
      flow.lines(lines, x, width, base.size, BODY_LINE * (base.size / BODY_SIZE));
      return;
    }
    case 'heading': {
      const size = HEADINGS[block.level] ?? BODY_SIZE;
      const lineHeight = size * 1.3;
      const lines = ts.lines(ts.spanRuns(block.inline, { ...base, size, weight: 'bold' }), width);
      flow.y += 4;
      // Keep the heading with two lines of what follows.
      flow.ensure(lines.length * lineHeight + 2 * BODY_LINE);
      flow.lines(lines, x, width, size, lineHeight, 'left', lines.length);
      flow.y += 1;
      return;
    }
    case 'list': {
      const markers = block.items.map((_, i) => (block.ordered ? `${block.start + i}.` : '•'));
      const markerStyle = ts.style({ ...base, weight: 'regular' });
      const indent = Math.max(LIST_INDENT, ...markers.map((m) => ts.measure(markerStyle, m) + 5));
      block.items.forEach((item, i) => {
        // The marker is drawn beside the item's first line: make room for two lines first.
        flow.ensure(2 * BODY_LINE);
        const marker = markers[i] ?? '';
        const mw = ts.measure(markerStyle, marker);
        ts.draw(
          markerStyle,
          marker,
          x + indent - 5 - mw,
          flow.y + ts.baseline(base.size, BODY_LINE),
        );
        drawBlocks(flow, item, x + indent, width - indent, base, 2);
      });
      return;
    }
    case 'table':
      flow.y += 2;
      drawTable(flow, block, x, width);
      return;
    case 'rule': {
      flow.ensure(10);
      flow.y += 4;
      ts.doc
        .moveTo(x, flow.y)
        .lineTo(x + width, flow.y)
        .lineWidth(0.5)
        .stroke('#999999');
      ts.forgetColor();
      flow.y += 6;
      return;
    }
    case 'quote': {
      const top = flow.y;
      const pages = flow.pages;
      drawBlocks(flow, block.blocks, x + QUOTE_INDENT, width - QUOTE_INDENT, {
        ...base,
        color: MUTED,
      });
      const from = flow.pages === pages ? top : flow.nextTop;
      ts.doc
        .moveTo(x + 3, from)
        .lineTo(x + 3, flow.y - PARAGRAPH_GAP)
        .lineWidth(1.5)
        .stroke('#bbbbbb');
      ts.forgetColor();
      return;
    }
    case 'code': {
      const size = base.size - 1;
      // Keep the indentation of code lines: leading spaces become no-break spaces.
      const text = block.text.replace(/^ +/gm, (m) => '\u00a0'.repeat(m.length));
      const runs = ts.runs(text, { ...base, size, color: MUTED });
      flow.lines(ts.lines(runs, width - 8), x + 8, width - 8, size, size * 1.3);
      return;
    }
  }
}

/** Draws blocks one under the other, `gap` points after each. */
export function drawBlocks(
  flow: Flow,
  blocks: readonly Block[],
  x: number,
  width: number,
  base: StyleRequest,
  gap = PARAGRAPH_GAP,
): void {
  for (const block of blocks) {
    drawBlock(flow, block, x, width, base);
    flow.y += gap;
  }
}
