import { blocksOf, markdown } from '../markdown.ts';
import { emailPage, tokensToEmailHtml } from './email-html.ts';
import { blocksToText } from './email-text.ts';

export interface EmailInput {
  /** The subject line, as plain text (not Markdown). */
  readonly subject: string;
  /** The body in Markdown (GFM tables allowed; raw HTML is shown as text). */
  readonly markdown: string;
  /** BCP 47 language of the message, for the HTML `lang` attribute. */
  readonly lang?: string;
  /** The short preview that inbox lists show after the subject. */
  readonly preheader?: string;
}

export interface RenderedEmail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** One line, no control characters: a subject can never inject a mail header. */
export function cleanSubject(subject: string): string {
  return subject
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Renders an e-mail's two alternative parts, HTML and plain text, from one Markdown body. */
export function renderEmail(input: EmailInput): RenderedEmail {
  const subject = cleanSubject(input.subject);
  // One parse for both parts: the text part reads the tokens before the HTML part styles them.
  const tokens = markdown.parse(input.markdown, {});
  const text = blocksToText(blocksOf(tokens));
  const html = emailPage(tokensToEmailHtml(tokens), {
    title: subject,
    ...(input.lang !== undefined ? { lang: input.lang } : {}),
    ...(input.preheader !== undefined ? { preheader: cleanSubject(input.preheader) } : {}),
  });
  return { subject, html, text };
}
