import type { Problem } from '../errors.ts';
import { closest } from '../text/closest.ts';
import { findHashtag, HASHTAG_NAMES, HASHTAGS } from './hashtags.ts';
import { hashtagsOf, type TagPart } from './scan.ts';
import type { TemplateKind } from './types.ts';

/** Which part of a template a text is: the subject (one line of plain text) or the Markdown body. */
export type TemplatePart = 'subject' | 'body';

/** Where a problem is: `subject`, or `body (line 12)`, after an optional path prefix. */
export function partField(prefix: string, part: TemplatePart, line: number): string {
  return part === 'subject' ? `${prefix}subject` : `${prefix}body (line ${line})`;
}

const LINK_NAMES = HASHTAGS.filter((h) => h.link === true)
  .map((h) => `#${h.name}`)
  .join(', ');

function expectedFor(kind: TemplateKind, part: TemplatePart, tag: TagPart): string | undefined {
  const hashtag = findHashtag(tag.name);
  if (hashtag === undefined) {
    const near = closest(tag.name, HASHTAG_NAMES);
    const hint = near === undefined ? '' : ` (did you mean "#${near}"?)`;
    return `a known hashtag${hint}: the list is in docs/hashtags.md (write \\# for a literal #)`;
  }
  if (hashtag.kind === 'block') {
    if (part === 'subject')
      return `an inline hashtag: #${tag.name} is a block (a table or a list) and cannot go in a subject`;
    if (kind === 'sms')
      return `no block hashtag in an SMS: #${tag.name} is a table or a list; use an amount such as #OverdueTotal`;
    if (!tag.alone)
      return `#${tag.name} alone on its line: it is a block (a table or a list) and cannot sit inside a sentence`;
  }
  if (tag.inLinkDestination && hashtag.link !== true)
    return `a link hashtag between the ( ) of a Markdown link: ${LINK_NAMES}`;
  return undefined;
}

/**
 * The problems of the hashtags in one text of a template: unknown hashtags (with the closest
 * known one), blocks used inside a sentence, in a subject or in an SMS, non-links used as a
 * link's destination. Every problem names the hashtag and its line.
 */
export function hashtagProblems(
  kind: TemplateKind,
  part: TemplatePart,
  text: string,
  prefix = '',
): Problem[] {
  const problems: Problem[] = [];
  for (const tag of hashtagsOf(text)) {
    const expected = expectedFor(kind, part, tag);
    if (expected !== undefined)
      problems.push({ field: partField(prefix, part, tag.line), value: `#${tag.name}`, expected });
  }
  return problems;
}
