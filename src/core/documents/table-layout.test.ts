import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { columnWidths, paginateRows } from './table-layout.ts';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('columnWidths', () => {
  it('stretches one-line widths to the available width when all fit', () => {
    const { widths, cramped } = columnWidths(
      [
        { min: 10, max: 20 },
        { min: 10, max: 60 },
      ],
      160,
    );
    assert.equal(cramped, false);
    assert.deepEqual(widths, [40, 120]);
  });

  it('shares the room between minimum and one-line widths', () => {
    const { widths, cramped } = columnWidths(
      [
        { min: 10, max: 30 },
        { min: 20, max: 100 },
      ],
      80,
    );
    assert.equal(cramped, false);
    assert.ok(Math.abs(sum(widths) - 80) < 1e-9);
    assert.ok(widths[0]! >= 10 && widths[1]! >= 20);
  });

  it('scales the minimums down and says so when even they do not fit', () => {
    const { widths, cramped } = columnWidths(
      [
        { min: 60, max: 80 },
        { min: 60, max: 80 },
      ],
      100,
    );
    assert.equal(cramped, true);
    assert.deepEqual(widths, [50, 50]);
  });
});

describe('paginateRows', () => {
  it('splits rows over pages, each under the header', () => {
    const pages = paginateRows(Array(10).fill(10), 10, 55, 100);
    assert.deepEqual(pages, [
      { start: 0, end: 4 },
      { start: 4, end: 10 },
    ]);
  });

  it('starts the table on the next page when not even the header and one row fit', () => {
    const pages = paginateRows([10, 10], 10, 15, 100);
    assert.deepEqual(pages, [
      { start: 0, end: 0 },
      { start: 0, end: 2 },
    ]);
  });

  it('moves totals rows together with the row before them', () => {
    const totals = new Set([4, 5]);
    const pages = paginateRows(Array(6).fill(10), 10, 55, 100, (i) => totals.has(i));
    assert.deepEqual(pages, [
      { start: 0, end: 3 },
      { start: 3, end: 6 },
    ]);
  });

  it('gives a row taller than a page a page of its own', () => {
    const pages = paginateRows([10, 500, 10], 10, 100, 100);
    assert.deepEqual(pages, [
      { start: 0, end: 1 },
      { start: 1, end: 2 },
      { start: 2, end: 3 },
    ]);
  });

  it('paginates 400 rows onto full pages', () => {
    const pages = paginateRows(Array(400).fill(12), 14, 300, 700);
    assert.equal(pages[pages.length - 1]!.end, 400);
    for (let i = 1; i < pages.length; i++) assert.equal(pages[i]!.start, pages[i - 1]!.end);
    for (const p of pages.slice(1, -1)) assert.equal(p.end - p.start, Math.floor((700 - 14) / 12));
  });
});
