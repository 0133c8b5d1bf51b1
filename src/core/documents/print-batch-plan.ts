/**
 * Page bookkeeping of a print batch: every letter starts on an odd page so that a duplex
 * printer never puts two customers on one sheet, and the postal weight of each envelope.
 */

/** Blank pages to add after `pagesSoFar` pages so that the next document starts on an odd page. */
export function blankPagesBefore(pagesSoFar: number): number {
  return pagesSoFar % 2;
}

export interface WeightOptions {
  /** Grams of one printed sheet (A4 at 80 g/m² weighs 5 g). */
  readonly sheetGrams: number;
  /** Grams of the envelope (a C5/6 or DL window envelope weighs about 5 g). */
  readonly envelopeGrams: number;
  /** Printed on both sides. */
  readonly duplex: boolean;
  /** Upper bounds of the weight classes, in grams, ascending. */
  readonly classes: readonly number[];
}

export const DEFAULT_WEIGHT: WeightOptions = {
  sheetGrams: 5,
  envelopeGrams: 5,
  duplex: true,
  classes: [20, 50, 100, 250, 500, 1000, 2000, 3000],
};

/** Sheets of paper a letter of `pages` pages takes. */
export function sheets(pages: number, duplex: boolean): number {
  return duplex ? Math.ceil(pages / 2) : pages;
}

/** Estimated weight in grams of one envelope holding `pages` pages plus `extraGrams` of enclosures. */
export function letterGrams(
  pages: number,
  extraGrams = 0,
  options: WeightOptions = DEFAULT_WEIGHT,
): number {
  return sheets(pages, options.duplex) * options.sheetGrams + options.envelopeGrams + extraGrams;
}

/** The weight class a letter falls in: the first class bound at or above its weight ("≤ 20 g"). */
export function weightClass(grams: number, options: WeightOptions = DEFAULT_WEIGHT): string {
  const bound = options.classes.find((c) => grams <= c);
  return bound === undefined
    ? `> ${options.classes[options.classes.length - 1] ?? 0} g`
    : `≤ ${bound} g`;
}
