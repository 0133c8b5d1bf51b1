import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import * as fontkit from 'fontkit';

/**
 * Fonts for PDF letters. The repository ships DejaVu Sans (regular, bold, oblique, bold
 * oblique; Bitstream Vera licence, assets/fonts/LICENSE-DejaVu.txt): Latin, Greek, Cyrillic
 * and many symbols. DejaVu has no CJK glyphs, so a CJK font is looked for on the machine
 * (Debian: fonts-wqy-microhei, fonts-wqy-zenhei, fonts-droid-fallback, fonts-noto-cjk) and
 * used for the characters DejaVu lacks. If the shipped files are missing, letters fall back
 * to the PDF standard Helvetica (no embedding, Western European characters only); characters
 * no font has print as U+FFFD (or '?' in Helvetica) — visible, never a crash.
 *
 * Font files are parsed once per process and shared by every document.
 */

export type Weight = 'regular' | 'bold' | 'italic' | 'boldItalic';

export interface FontFace {
  /** Name the face is registered under in each PDF document. */
  readonly key: string;
  /** A fontkit font, or the name of a PDF standard font. */
  readonly source: fontkit.Font | string;
  /** Ascender and descender per 1000 units of font size (descender negative). */
  readonly ascender: number;
  readonly descender: number;
  hasGlyph(codePoint: number): boolean;
}

export interface FontSet {
  readonly faces: Readonly<Record<Weight, FontFace>>;
  /** Used for characters the main faces lack (CJK), whatever the weight. */
  readonly fallback?: FontFace;
  /** Printed instead of a character no face has. */
  readonly replacement: string;
  /** What was found, for logs and `relance doctor`-style reports. */
  readonly description: string;
  readonly warnings: readonly string[];
}

export const SHIPPED_FONTS_DIR = fileURLToPath(new URL('../../../assets/fonts/', import.meta.url));

const FILES: Record<Weight, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
};

/** Debian paths of CJK fonts with TrueType outlines first (their subsets embed reliably). */
export const CJK_CANDIDATES: readonly { path: string; postscriptName?: string }[] = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', postscriptName: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', postscriptName: 'WenQuanYiZenHei' },
  { path: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf' },
  {
    path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    postscriptName: 'NotoSansCJKjp-Regular',
  },
];

const STANDARD: Record<Weight, string> = {
  regular: 'Helvetica',
  bold: 'Helvetica-Bold',
  italic: 'Helvetica-Oblique',
  boldItalic: 'Helvetica-BoldOblique',
};

/** Code points the standard fonts can show (Windows-1252 = WinAnsiEncoding). */
const WIN_ANSI_EXTRA = new Set(
  [...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'].map((c) => c.codePointAt(0) ?? 0),
);
const inWinAnsi = (cp: number) =>
  (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(cp);

/**
 * Every document embeds a subset of each font it uses, and fontkit's subsetter decodes the
 * outline of every glyph it copies just to see whether it is composite — the largest cost
 * of a one-page letter. Our fonts are parsed once per process and are not variable fonts
 * (the only case where fontkit alters a decoded outline), so each glyph keeps its decoded
 * outline after the first time. fontkit caches glyph objects per font, so this patches
 * each glyph object once; if a fontkit version changes these internals, nothing happens.
 */
function keepDecodedGlyphs(font: fontkit.Font): void {
  type Glyph = { _decode?: () => unknown };
  const target = font as unknown as {
    getGlyph: (id: number, cps?: number[]) => Glyph | null;
    variationAxes?: object;
  };
  if (Object.keys(target.variationAxes ?? {}).length > 0 || typeof target.getGlyph !== 'function')
    return;
  const getGlyph = target.getGlyph.bind(font);
  const patched = new WeakSet<object>();
  target.getGlyph = (id, cps) => {
    const glyph = getGlyph(id, cps);
    if (glyph !== null && typeof glyph._decode === 'function' && !patched.has(glyph)) {
      patched.add(glyph);
      const decode = glyph._decode.bind(glyph);
      let decoded: { value: unknown } | undefined;
      glyph._decode = () => (decoded ??= { value: decode() }).value;
    }
    return glyph;
  };
}

/**
 * A face of a parsed font. Its key is the font's PostScript name: pdfkit files a document's
 * default font under that name, so using the same key finds it without comparing fonts.
 */
function embeddedFace(font: fontkit.Font): FontFace {
  keepDecodedGlyphs(font);
  const key = font.postscriptName;
  const scale = 1000 / font.unitsPerEm;
  const known = new Map<number, boolean>();
  return {
    key,
    source: font,
    ascender: font.ascent * scale,
    descender: font.descent * scale,
    hasGlyph(cp) {
      let has = known.get(cp);
      if (has === undefined) {
        has = font.hasGlyphForCodePoint(cp);
        known.set(cp, has);
      }
      return has;
    },
  };
}

function openFont(path: string, postscriptName?: string): fontkit.Font {
  const opened = fontkit.create(readFileSync(path), postscriptName);
  if ('fonts' in opened) {
    const first = opened.fonts[0];
    if (first === undefined) throw new Error(`${path}: empty font collection`);
    return first;
  }
  return opened;
}

export interface FontOptions {
  /** Folder holding the four DejaVu Sans files (default: the repository's assets/fonts). */
  readonly dir?: string;
  /**
   * A CJK font file (TTF, or TTC with `cjkPostscriptName`); null for none; by default the
   * first of CJK_CANDIDATES present on the machine.
   */
  readonly cjkPath?: string | null;
  readonly cjkPostscriptName?: string;
}

/** Loads a font set (parses the files: call once and reuse). */
export function loadFontSet(options: FontOptions = {}): FontSet {
  const dir = options.dir ?? SHIPPED_FONTS_DIR;
  const warnings: string[] = [];
  let faces: Record<Weight, FontFace>;
  let replacement = '\uFFFD';
  let main: string;
  try {
    faces = {
      regular: embeddedFace(openFont(join(dir, FILES.regular))),
      bold: embeddedFace(openFont(join(dir, FILES.bold))),
      italic: embeddedFace(openFont(join(dir, FILES.italic))),
      boldItalic: embeddedFace(openFont(join(dir, FILES.boldItalic))),
    };
    main = `DejaVu Sans (${dir === SHIPPED_FONTS_DIR ? 'shipped in assets/fonts' : dir})`;
  } catch (error) {
    warnings.push(
      `DejaVu Sans not usable in ${dir} (${error instanceof Error ? error.message : String(error)}): ` +
        'letters use the PDF standard Helvetica, which shows Western European characters only; ' +
        'other characters print as "?"',
    );
    const standard = (w: Weight): FontFace => ({
      key: STANDARD[w],
      source: STANDARD[w],
      ascender: 718,
      descender: -207,
      hasGlyph: inWinAnsi,
    });
    faces = {
      regular: standard('regular'),
      bold: standard('bold'),
      italic: standard('italic'),
      boldItalic: standard('boldItalic'),
    };
    replacement = '?';
    main = 'Helvetica (PDF standard font, not embedded)';
  }
  let fallback: FontFace | undefined;
  if (options.cjkPath !== null) {
    const candidates =
      options.cjkPath !== undefined
        ? [{ path: options.cjkPath, postscriptName: options.cjkPostscriptName }]
        : CJK_CANDIDATES.filter((c) => existsSync(c.path));
    for (const c of candidates) {
      try {
        fallback = embeddedFace(openFont(c.path, c.postscriptName));
        main += `; CJK from ${c.path}`;
        break;
      } catch (error) {
        warnings.push(
          `CJK font ${c.path} not usable: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    if (fallback === undefined) {
      main += '; no CJK font (install fonts-wqy-microhei)';
    }
  }
  return {
    faces,
    ...(fallback !== undefined ? { fallback } : {}),
    replacement,
    description: main,
    warnings,
  };
}

let shared: FontSet | undefined;

/** The process-wide default font set, loaded on first use. */
export function defaultFontSet(): FontSet {
  shared ??= loadFontSet();
  return shared;
}
