import type { Line } from '../../core/documents/line-breaking.ts';
import type { TextStyle, Typesetter } from './typesetter.ts';

/**
 * The running position of a document's body: a column from `left` to `right`, going down
 * from `y` to `bottom`; when something does not fit, `newPage` is called (it adds the page
 * and draws its running header) and the column restarts at `nextTop`.
 */
export class Flow {
  y: number;
  bottom: number;
  pages = 1;

  constructor(
    readonly ts: Typesetter,
    readonly left: number,
    readonly right: number,
    top: number,
    bottom: number,
    readonly nextTop: number,
    private readonly newPage: () => void,
  ) {
    this.y = top;
    this.bottom = bottom;
  }

  get width(): number {
    return this.right - this.left;
  }

  /** Points left on this page. */
  get room(): number {
    return this.bottom - this.y;
  }

  /** Space a fresh page offers. */
  get pageSpace(): number {
    return this.bottom - this.nextTop;
  }

  breakPage(): void {
    this.newPage();
    this.ts.pageChanged();
    this.pages++;
    this.y = this.nextTop;
  }

  /** Moves to a new page unless `height` points fit here (a fresh page takes whatever comes). */
  ensure(height: number): void {
    if (this.y + height > this.bottom && this.y > this.nextTop + 0.5) this.breakPage();
  }

  /**
   * Draws lines of text from the current position, breaking pages between lines; keeps at
   * least `keep` lines together at the start (no orphan).
   */
  lines(
    lines: readonly Line<TextStyle>[],
    x: number,
    width: number,
    size: number,
    lineHeight: number,
    align: 'left' | 'right' | 'center' = 'left',
    keep = 2,
  ): void {
    const base = this.ts.baseline(size, lineHeight);
    this.ensure(Math.min(lines.length, keep) * lineHeight);
    lines.forEach((line) => {
      this.ensure(lineHeight);
      this.ts.drawLine(line, x, this.y + base, width, align);
      this.y += lineHeight;
    });
  }
}
