import { itemize, breakLines, type Line, type Run } from '../../core/documents/line-breaking.ts';
import {
  columnWidths,
  paginateRows,
  type ColumnMeasure,
} from '../../core/documents/table-layout.ts';
import { isTotalRow, type Align, type Inline } from '../markdown.ts';
import type { Flow } from './flow.ts';
import type { TextStyle, Typesetter } from './typesetter.ts';

/**
 * GFM tables in PDF: columns sized to their content within the text width (the font shrinks
 * from 8.5 to 6.5 pt before words get cut), the header repeated on every page the table
 * runs over, totals rows (all cells bold) ruled and shaded and kept with the row above.
 */

export interface TableSpec {
  readonly align: readonly Align[];
  readonly header: readonly Inline[];
  readonly rows: readonly (readonly Inline[])[];
}

const SIZES = [8.5, 7.5, 6.5];
const PAD_X = 4;
const PAD_Y = 2.6;
const HEADER_FILL = '#e6e8eb';
const TOTAL_FILL = '#f1f2f4';
const RULE = '#c4c8cc';
const STRONG_RULE = '#333333';

interface Cell {
  lines: Line<TextStyle>[];
}

function measureRuns(ts: Typesetter, runs: readonly Run<TextStyle>[]): ColumnMeasure {
  let min = 0;
  let word = 0;
  let line = 0;
  let max = 0;
  for (const item of itemize(runs)) {
    const w = ts.measure(item.style, item.text);
    if (item.glue === 'none') {
      word += w;
    } else {
      word = w;
    }
    if (item.glue === 'space') line += ts.measure(item.style, ' ') + w;
    else if (item.glue === 'newline') line = w;
    else line += w;
    min = Math.max(min, word);
    max = Math.max(max, line);
  }
  return { min: min + 2 * PAD_X, max: max + 2 * PAD_X };
}

export function drawTable(flow: Flow, table: TableSpec, x: number, width: number): void {
  const ts = flow.ts;
  const n = Math.max(table.header.length, ...table.rows.map((r) => r.length));
  if (n === 0) return;
  const totals = table.rows.map((r) => isTotalRow(r));
  let size = SIZES[0]!;
  let runs: Run<TextStyle>[][][] = [];
  let widths: number[] = [];
  for (const s of SIZES) {
    size = s;
    const runsOf = (cells: readonly Inline[], bold: boolean) =>
      Array.from({ length: n }, (_, i) =>
        ts.spanRuns(cells[i] ?? [], { size: s, weight: bold ? 'bold' : 'regular' }),
      );
    runs = [runsOf(table.header, true), ...table.rows.map((r, i) => runsOf(r, totals[i] ?? false))];
    const measures: ColumnMeasure[] = Array.from({ length: n }, () => ({ min: 0, max: 0 }));
    for (const row of runs) {
      row.forEach((cell, i) => {
        const m = measureRuns(ts, cell);
        const c = measures[i]!;
        measures[i] = { min: Math.max(c.min, m.min), max: Math.max(c.max, m.max) };
      });
    }
    const layout = columnWidths(measures, width);
    widths = layout.widths;
    if (!layout.cramped) break;
  }
  const lineHeight = size * 1.3;
  const cells: Cell[][] = runs.map((row) =>
    row.map((cell, i) => ({
      lines: breakLines(itemize(cell), Math.max(1, (widths[i] ?? 0) - 2 * PAD_X), ts.measure),
    })),
  );
  const heightOf = (row: Cell[]) =>
    Math.max(1, ...row.map((c) => c.lines.length)) * lineHeight + 2 * PAD_Y;
  const [headerCells, ...bodyCells] = cells;
  if (headerCells === undefined) return;
  const headerHeight = heightOf(headerCells);
  const heights = bodyCells.map(heightOf);
  const pages = paginateRows(
    heights,
    headerHeight,
    flow.room,
    flow.pageSpace,
    (i) => totals[i] === true,
  );
  const doc = ts.doc;
  const base = ts.baseline(size, lineHeight);

  let totalsOpen = false;
  const drawRow = (row: Cell[], height: number, kind: 'header' | 'body' | 'total') => {
    const y = flow.y;
    if (kind !== 'body') {
      doc.rect(x, y, width, height).fill(kind === 'header' ? HEADER_FILL : TOTAL_FILL);
      ts.forgetColor();
    }
    const clip = height > flow.pageSpace;
    if (clip)
      doc
        .save()
        .rect(x, y, width, flow.bottom - y)
        .clip();
    let cx = x;
    row.forEach((cell, i) => {
      const w = widths[i] ?? 0;
      const align = table.align[i] ?? 'left';
      cell.lines.forEach((line, k) =>
        ts.drawLine(line, cx + PAD_X, y + PAD_Y + k * lineHeight + base, w - 2 * PAD_X, align),
      );
      cx += w;
    });
    if (clip) doc.restore();
    const ruleY = y + height;
    doc
      .moveTo(x, ruleY)
      .lineTo(x + width, ruleY)
      .lineWidth(kind === 'header' ? 0.9 : 0.4)
      .stroke(kind === 'header' ? STRONG_RULE : RULE);
    if (kind === 'total' && !totalsOpen) {
      doc
        .moveTo(x, y)
        .lineTo(x + width, y)
        .lineWidth(0.9)
        .stroke(STRONG_RULE);
    }
    ts.forgetColor();
    flow.y = Math.min(flow.bottom, y + height);
  };

  let fresh = false;
  pages.forEach((page, p) => {
    if (p === 0 && page.start === page.end && bodyCells.length > 0) {
      // Not even the header and one row fit here: the table starts on the next page.
      if (flow.y > flow.nextTop + 0.5) flow.breakPage();
      fresh = true;
      return;
    }
    if (p > 0 && !fresh) flow.breakPage();
    fresh = false;
    drawRow(headerCells, headerHeight, 'header');
    totalsOpen = false;
    for (let i = page.start; i < page.end; i++) {
      const total = totals[i] === true;
      drawRow(bodyCells[i]!, heights[i]!, total ? 'total' : 'body');
      totalsOpen = total;
    }
  });
  flow.y += 6;
}
