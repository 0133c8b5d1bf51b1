import { AppError } from '../../core/errors.ts';
import { defaultFontSet, type FontSet } from './fonts.ts';
import { checkLetter, drawLetter } from './letter.ts';
import type { LetterInput } from './letter-types.ts';
import { collectOutput, newDocument } from './pdf-document.ts';
import { Typesetter } from './typesetter.ts';

export interface RenderOptions {
  /** Fonts to use (default: the shipped DejaVu Sans, plus a CJK font found on the machine). */
  readonly fonts?: FontSet;
  /** Creation date recorded in the PDF (default: a fixed date, for reproducible bytes). */
  readonly createdAt?: Date;
}

export interface RenderedLetter {
  readonly pdf: Buffer;
  readonly pageCount: number;
}

/** Renders one letter as its own PDF. Throws AppError INVALID_INPUT listing every problem. */
export async function renderLetter(
  input: LetterInput,
  options: RenderOptions = {},
): Promise<RenderedLetter> {
  const problems = checkLetter(input);
  if (problems.length > 0)
    throw new AppError('INVALID_INPUT', 'the letter cannot be rendered', problems);
  const fonts = options.fonts ?? defaultFontSet();
  const doc = newDocument(fonts, {
    title: input.subject,
    author: input.company.name,
    ...(options.createdAt !== undefined ? { createdAt: options.createdAt } : {}),
    ...(input.language !== undefined ? { lang: input.language } : {}),
  });
  const output = collectOutput(doc);
  const ts = new Typesetter(doc, fonts);
  const pageCount = drawLetter(ts, input);
  doc.end();
  return { pdf: await output, pageCount };
}
