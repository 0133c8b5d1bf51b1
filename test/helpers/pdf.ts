import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

/**
 * Reading PDFs in tests with poppler-utils (Debian package; .ci/run installs it): text as
 * pdftotext lays it out, page count from pdfinfo, word boxes from pdftotext -bbox.
 */

export const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0;

/**
 * Options for a describe() block that needs poppler: skipped with a reason on a developer
 * machine without it, never skipped in CI (where its absence must fail the run).
 */
export const needsPoppler =
  hasPoppler || process.env.CI
    ? {}
    : { skip: 'pdftotext not installed (apt-get install poppler-utils)' };

function withFile<T>(pdf: Buffer, fn: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'relance-pdf-'));
  try {
    const path = join(dir, 'doc.pdf');
    writeFileSync(path, pdf);
    return fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of pages first..last (1-based, inclusive; all by default), in -layout mode. */
export function pdfText(pdf: Buffer, pages: { first?: number; last?: number } = {}): string {
  return withFile(pdf, (path) => {
    const args = ['-layout', '-enc', 'UTF-8'];
    if (pages.first !== undefined) args.push('-f', String(pages.first));
    if (pages.last !== undefined) args.push('-l', String(pages.last));
    return execFileSync('pdftotext', [...args, path, '-'], { encoding: 'utf8' });
  });
}

/** The text of each page, in order. */
export function pdfPageTexts(pdf: Buffer): string[] {
  return pdfText(pdf).split('\f').slice(0, pdfPageCount(pdf));
}

export function pdfPageCount(pdf: Buffer): number {
  return withFile(pdf, (path) => {
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    const match = /^Pages:\s+(\d+)/m.exec(info);
    if (!match) throw new Error(`pdfinfo gave no page count:\n${info}`);
    return Number(match[1]);
  });
}

export interface WordBox {
  readonly page: number;
  readonly text: string;
  /** In points from the top-left corner of the page. */
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
}

/** Every word with its box (pdftotext -bbox). */
export function pdfWords(pdf: Buffer): WordBox[] {
  const html = withFile(pdf, (path) =>
    execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }),
  );
  const words: WordBox[] = [];
  let page = 0;
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page++;
    const m =
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(
        line,
      );
    if (m) {
      words.push({
        page,
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: decode(m[5] ?? ''),
      });
    }
  }
  return words;
}

/** Pages rendered to PNG files at `dpi` (pdftoppm), for a person to look at. */
export function pdfToPng(
  pdf: Buffer,
  outPrefix: string,
  dpi = 60,
  pages: { first?: number; last?: number } = {},
): void {
  withFile(pdf, (path) => {
    const args = ['-r', String(dpi), '-png'];
    if (pages.first !== undefined) args.push('-f', String(pages.first));
    if (pages.last !== undefined) args.push('-l', String(pages.last));
    execFileSync('pdftoppm', [...args, path, outPrefix]);
  });
}
