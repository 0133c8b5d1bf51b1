/**
 * Column widths and page breaks for tables, from measurements the caller makes.
 */

export interface ColumnMeasure {
  /** Widest unbreakable word (plus padding): narrower, the column would cut words. */
  readonly min: number;
  /** Widest cell on one line (plus padding). */
  readonly max: number;
}

export interface ColumnWidths {
  readonly widths: number[];
  /** True when even the narrowest layout is wider than the space: words will be cut. */
  readonly cramped: boolean;
}

/**
 * Widths that fill `available`: every column gets its one-line width when all fit (extra
 * space shared in proportion), else its minimum plus a share of what is left in proportion
 * to how much it would like to grow; when even the minimums do not fit, they are scaled down.
 */
export function columnWidths(columns: readonly ColumnMeasure[], available: number): ColumnWidths {
  const n = columns.length;
  if (n === 0) return { widths: [], cramped: false };
  const sumMax = columns.reduce((s, c) => s + Math.max(c.max, c.min), 0);
  const sumMin = columns.reduce((s, c) => s + c.min, 0);
  if (sumMax <= available) {
    const extra = available - sumMax;
    return {
      widths: columns.map(
        (c) =>
          Math.max(c.max, c.min) +
          (sumMax > 0 ? (extra * Math.max(c.max, c.min)) / sumMax : extra / n),
      ),
      cramped: false,
    };
  }
  if (sumMin <= available) {
    const room = available - sumMin;
    const wish = sumMax - sumMin;
    return {
      widths: columns.map(
        (c) => c.min + (wish > 0 ? (room * (Math.max(c.max, c.min) - c.min)) / wish : 0),
      ),
      cramped: false,
    };
  }
  return { widths: columns.map((c) => (c.min * available) / sumMin), cramped: true };
}

export interface TablePage {
  /** Rows [start, end) of the body drawn on this page, under a repeated header. */
  readonly start: number;
  readonly end: number;
}

/**
 * Splits body rows over pages: the first page has `firstSpace` points left, each next one
 * `pageSpace`; every page repeats the header (`headerHeight`). A page never shows a header
 * alone: when not even the header and the first row fit in `firstSpace`, the table starts
 * on the next page (the first entry then has start === end === 0 and means "skip"). A row
 * taller than a whole page gets a page of its own (the caller clips it). `keepWithPrevious`
 * marks rows (totals) that should not start a page when the row before can move with them.
 */
export function paginateRows(
  rowHeights: readonly number[],
  headerHeight: number,
  firstSpace: number,
  pageSpace: number,
  keepWithPrevious: (index: number) => boolean = () => false,
): TablePage[] {
  const pages: TablePage[] = [];
  let space = firstSpace;
  let start = 0;
  let used = headerHeight;
  if (rowHeights.length > 0 && headerHeight + (rowHeights[0] ?? 0) > firstSpace) {
    pages.push({ start: 0, end: 0 });
    space = pageSpace;
  }
  for (let i = 0; i < rowHeights.length; i++) {
    const h = rowHeights[i] ?? 0;
    if (used + h > space && i > start) {
      let end = i;
      // Pull a run of totals rows, and the row before them, onto the next page.
      while (end > start + 1 && keepWithPrevious(end)) end--;
      if (end === start) end = i;
      pages.push({ start, end });
      start = end;
      space = pageSpace;
      used = headerHeight;
      for (let j = start; j < i; j++) used += rowHeights[j] ?? 0;
    }
    used += h;
  }
  pages.push({ start, end: rowHeights.length });
  return pages;
}
