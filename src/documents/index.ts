/**
 * Rendering of reminders: e-mails (HTML + plain text from Markdown), PDF letters for window
 * envelopes, and print batches of letters with the registered-letters list.
 */
export {
  renderEmail,
  cleanSubject,
  type EmailInput,
  type RenderedEmail,
} from './email/render-email.ts';
export { markdownToEmailHtml, emailPage } from './email/email-html.ts';
export { markdownToText } from './email/email-text.ts';
export { renderLetter, type RenderOptions, type RenderedLetter } from './pdf/render-letter.ts';
export { checkLetter } from './pdf/letter.ts';
export {
  renderPrintBatch,
  type PrintBatchInput,
  type PrintBatchLetter,
  type PrintBatchOptions,
  type PageMap,
  type PageMapLetter,
} from './pdf/print-batch.ts';
export {
  LABELS,
  labelsFor,
  type LetterInput,
  type LetterCompany,
  type LetterRecipient,
  type LetterSignature,
  type LetterLabels,
  type LetterLanguage,
} from './pdf/letter-types.ts';
export {
  loadFontSet,
  defaultFontSet,
  CJK_CANDIDATES,
  type FontSet,
  type FontOptions,
} from './pdf/fonts.ts';
export {
  DIN_5008_B,
  FR_C56,
  windowLayout,
  type WindowSpec,
  type CustomWindow,
} from '../core/documents/windows.ts';
