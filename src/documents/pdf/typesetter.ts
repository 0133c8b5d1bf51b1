import type PDFDocument from 'pdfkit';
import { breakLines, itemize, type Line, type Run } from '../../core/documents/line-breaking.ts';
import type { TextSpan } from '../markdown.ts';
import type { FontFace, FontSet, Weight } from './fonts.ts';

/**
 * Text on a pdfkit document with our own line breaking: styled runs are split by font
 * (falling back to the CJK face for characters the main face lacks), measured with the
 * document's fonts, broken into lines, and drawn one segment per style change at exact
 * positions. Measuring and drawing use the same widths, so what was laid out is what shows.
 */

type Doc = InstanceType<typeof PDFDocument>;

export interface TextStyle {
  readonly face: FontFace;
  readonly size: number;
  readonly color: string;
  readonly link?: string;
  readonly underline: boolean;
  readonly strike: boolean;
}

export interface StyleRequest {
  readonly weight?: Weight;
  readonly size: number;
  readonly color?: string;
  readonly link?: string;
  readonly underline?: boolean;
  readonly strike?: boolean;
}

export const INK = '#1a1a1a';
export const LINK = '#1a4f8b';

/** What pdfkit keeps per font and document; we only touch `layoutCache` (see shareLayoutCache). */
interface PdfkitFont {
  widthOfString(text: string, size: number): number;
  layoutCache?: Record<string, unknown>;
  font?: unknown;
}

/**
 * pdfkit shapes each word with fontkit and caches the result per document. Our documents
 * share one parsed font, so they can share that cache too: a cached shaping depends only on
 * the font and the word. Without it, shaping the same words again in every letter is about
 * a third of a letter's time. If a pdfkit version drops the field, this does nothing.
 */
const sharedCaches = new WeakMap<object, Record<string, unknown>>();
const CACHE_LIMIT = 20_000;
let cacheChecks = 0;

/**
 * Points a document's font at the shared cache of its parsed font. Every 100th call also
 * looks at the cache's size and starts a new one past CACHE_LIMIT words, so that a long
 * print batch (one document, thousands of letters) keeps a bounded cache.
 */
function shareLayoutCache(font: PdfkitFont): void {
  const source = font.font;
  if (typeof source !== 'object' || source === null || typeof font.layoutCache !== 'object') return;
  let cache = sharedCaches.get(source);
  if (
    cache === undefined ||
    (++cacheChecks % 100 === 0 && Object.keys(cache).length > CACHE_LIMIT)
  ) {
    cache = Object.create(null) as Record<string, unknown>;
    sharedCaches.set(source, cache);
  }
  font.layoutCache = cache;
}

/**
 * Widths of words at size 1000, per face, shared by all documents (a width depends only on
 * the font and the text). Bounded: a face's table is dropped when it grows past 100,000.
 */
const widthTables = new WeakMap<FontFace, Map<string, number>>();

function widthTable(face: FontFace): Map<string, number> {
  let table = widthTables.get(face);
  if (table === undefined || table.size > 100_000) {
    table = new Map();
    widthTables.set(face, table);
  }
  return table;
}

/** Control characters but the line feed, zero-width and line/paragraph separators. */
const CONTROL = /[^\P{Cc}\n]|[\u200b\u2028\u2029]/gu;

export class Typesetter {
  readonly doc: Doc;
  readonly fonts: FontSet;
  private readonly styles = new Map<string, TextStyle>();
  private readonly pdfFonts = new Map<string, PdfkitFont>();
  private currentKey = '';
  private currentSize = 0;
  private currentColor = '';

  constructor(doc: Doc, fonts: FontSet) {
    this.doc = doc;
    this.fonts = fonts;
    const faces = [...Object.values(fonts.faces), ...(fonts.fallback ? [fonts.fallback] : [])];
    for (const face of faces) {
      // pdfkit accepts a parsed fontkit font where its types only list file sources.
      doc.registerFont(face.key, face.source as unknown as string);
    }
  }

  /** The interned style for a request (same request, same object: lines merge by identity). */
  style(request: StyleRequest, face?: FontFace): TextStyle {
    const f = face ?? this.fonts.faces[request.weight ?? 'regular'];
    const color = request.color ?? INK;
    const key = `${f.key}|${request.size}|${color}|${request.link ?? ''}|${request.underline ? 1 : 0}|${request.strike ? 1 : 0}`;
    let style = this.styles.get(key);
    if (style === undefined) {
      style = {
        face: f,
        size: request.size,
        color,
        ...(request.link !== undefined ? { link: request.link } : {}),
        underline: request.underline ?? false,
        strike: request.strike ?? false,
      };
      this.styles.set(key, style);
    }
    return style;
  }

  private pdfFont(face: FontFace): PdfkitFont {
    let font = this.pdfFonts.get(face.key);
    if (font === undefined) {
      this.doc.font(face.key);
      this.currentKey = face.key;
      font = (this.doc as unknown as { _font: PdfkitFont })._font;
      shareLayoutCache(font);
      this.pdfFonts.set(face.key, font);
    }
    return font;
  }

  /** Width in points of `text` in `style`. */
  measure = (style: TextStyle, text: string): number => {
    const table = widthTable(style.face);
    let width = table.get(text);
    if (width === undefined) {
      width = this.pdfFont(style.face).widthOfString(text, 1000);
      table.set(text, width);
    }
    return (width * style.size) / 1000;
  };

  /**
   * Runs for a text in one style request, split where the font must change (main face →
   * CJK fallback), with characters no font has replaced by a visible placeholder.
   */
  runs(text: string, request: StyleRequest, into: Run<TextStyle>[] = []): Run<TextStyle>[] {
    const main = this.fonts.faces[request.weight ?? 'regular'];
    const fallback = this.fonts.fallback;
    const clean = text.replace(/\t/g, ' ').replace(CONTROL, '');
    let chunk = '';
    let face = main;
    for (const c of clean) {
      const cp = c.codePointAt(0) ?? 0;
      let f = main;
      let ch = c;
      if (cp > 0x7e && !main.hasGlyph(cp) && c !== '\n') {
        if (fallback?.hasGlyph(cp)) f = fallback;
        else ch = this.fonts.replacement;
      }
      if (f !== face && chunk !== '') {
        into.push({ text: chunk, style: this.style(request, face) });
        chunk = '';
      }
      face = f;
      chunk += ch;
    }
    if (chunk !== '') into.push({ text: chunk, style: this.style(request, face) });
    return into;
  }

  /** Runs for Markdown spans on a base style (bold, italic, links, strikethrough applied). */
  spanRuns(spans: readonly TextSpan[], base: StyleRequest): Run<TextStyle>[] {
    const out: Run<TextStyle>[] = [];
    for (const span of spans) {
      const bold = span.bold || base.weight === 'bold' || base.weight === 'boldItalic';
      const italic = span.italic || base.weight === 'italic' || base.weight === 'boldItalic';
      const weight: Weight = bold
        ? italic
          ? 'boldItalic'
          : 'bold'
        : italic
          ? 'italic'
          : 'regular';
      const request: StyleRequest = {
        ...base,
        weight,
        ...(span.link !== undefined ? { link: span.link, color: LINK, underline: true } : {}),
        ...(span.strike ? { strike: true } : {}),
      };
      this.runs(span.text, request, out);
    }
    return out;
  }

  lines(runs: readonly Run<TextStyle>[], width: number): Line<TextStyle>[] {
    return breakLines(itemize(runs), width, this.measure);
  }

  /** Baseline offset from the top of a line box of `lineHeight` for text of `size`. */
  baseline(size: number, lineHeight: number): number {
    const f = this.fonts.faces.regular;
    const content = ((f.ascender - f.descender) * size) / 1000;
    return (lineHeight - content) / 2 + (f.ascender * size) / 1000;
  }

  /** Draws one line with its baseline at `baselineY`, aligned within `width` from `x`. */
  drawLine(
    line: Line<TextStyle>,
    x: number,
    baselineY: number,
    width = 0,
    align: 'left' | 'right' | 'center' = 'left',
  ): void {
    const shift =
      align === 'right' ? width - line.width : align === 'center' ? (width - line.width) / 2 : 0;
    for (const s of line.segments) this.draw(s.style, s.text, x + shift + s.x, baselineY, s.width);
  }

  /** Draws text in one style on a baseline (no wrapping). */
  draw(style: TextStyle, text: string, x: number, baselineY: number, width?: number): void {
    if (text === '') return;
    const doc = this.doc;
    this.pdfFont(style.face);
    if (this.currentKey !== style.face.key) {
      doc.font(style.face.key);
      this.currentKey = style.face.key;
    }
    if (this.currentSize !== style.size) {
      doc.fontSize(style.size);
      this.currentSize = style.size;
    }
    if (this.currentColor !== style.color) {
      doc.fillColor(style.color);
      this.currentColor = style.color;
    }
    doc.text(text, x, baselineY, { lineBreak: false, baseline: 'alphabetic' });
    if (style.underline || style.strike || style.link !== undefined) {
      const w = width ?? this.measure(style, text);
      // pdfkit places its own underline from the line top; ours follows the baseline.
      const rules = [
        ...(style.underline ? [style.size * 0.12] : []),
        ...(style.strike ? [-style.size * 0.3] : []),
      ];
      for (const dy of rules) doc.moveTo(x, baselineY + dy).lineTo(x + w, baselineY + dy);
      if (rules.length > 0) doc.lineWidth(Math.max(0.4, style.size * 0.05)).stroke(style.color);
      if (style.link !== undefined)
        doc.link(x, baselineY - style.size * 0.8, w, style.size * 1.1, style.link);
    }
  }

  /** Keeps the shared caches bounded; call between letters of a long document. */
  trimCaches(): void {
    for (const font of this.pdfFonts.values()) shareLayoutCache(font);
  }

  /** Colour changes made outside the typesetter (rules, fills) must be reported here. */
  forgetColor(): void {
    this.currentColor = '';
  }

  /** A new page resets pdfkit's graphics state as far as we know it. */
  pageChanged(): void {
    this.currentColor = '';
  }
}
