/**
 * Finds the `#Hashtags` of a template text. A hashtag is '#' followed by a letter, then
 * letters and digits (`#CustomerName`). Not hashtags: a heading marker (`# Title`, `## Title`:
 * '#' followed by a space or another '#'), '#' right after a letter, digit, '_', '&', '/' or
 * '#' (URL fragments `page#top`, entities `&#35;`), `#123`, and an escaped `\#Name`.
 * The hashtag ends at the first character that is neither a letter nor a digit.
 */

export interface TextPart {
  readonly type: 'text';
  readonly text: string;
}

export interface TagPart {
  readonly type: 'tag';
  /** The name without '#'. */
  readonly name: string;
  /** 1-based line and column of the '#'. */
  readonly line: number;
  readonly column: number;
  /** The hashtag is the only thing on its line (apart from spaces): where blocks may go. */
  readonly alone: boolean;
  /** The hashtag is a Markdown link destination: `[pay online](#PaymentLink)`. */
  readonly inLinkDestination: boolean;
}

export type Part = TextPart | TagPart;

const CANDIDATE = /#(\p{L}[\p{L}\p{N}]*)/gu;
const GLUED_BEFORE = /[\p{L}\p{N}_&#/]/u;

/** Line endings become '\n'. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function escaped(line: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && line[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

const scanned = new Map<string, readonly Part[]>();

/**
 * Splits a text into literal parts and hashtags, in order. Results are kept per text (a run
 * renders the same few templates thousands of times).
 */
export function scanTemplate(text: string): readonly Part[] {
  let parts = scanned.get(text);
  if (parts === undefined) {
    parts = scan(text);
    if (scanned.size >= 1000) scanned.clear();
    scanned.set(text, parts);
  }
  return parts;
}

function scan(text: string): Part[] {
  const parts: Part[] = [];
  let pending = '';
  const lines = normalizeNewlines(text).split('\n');
  lines.forEach((line, lineIndex) => {
    if (lineIndex > 0) pending += '\n';
    let last = 0;
    for (const match of line.matchAll(CANDIDATE)) {
      const index = match.index;
      const name = match[1] ?? '';
      const before = index > 0 ? (line[index - 1] ?? '') : '';
      if (GLUED_BEFORE.test(before) || escaped(line, index)) continue;
      pending += line.slice(last, index);
      if (pending !== '') parts.push({ type: 'text', text: pending });
      pending = '';
      const end = index + match[0].length;
      parts.push({
        type: 'tag',
        name,
        line: lineIndex + 1,
        column: index + 1,
        alone: line.trim() === match[0],
        inLinkDestination: line.slice(0, index).endsWith('](') && line[end] === ')',
      });
      last = end;
    }
    pending += line.slice(last);
  });
  if (pending !== '') parts.push({ type: 'text', text: pending });
  return parts;
}

/** The hashtags of a text, in order of appearance. */
export function hashtagsOf(text: string): TagPart[] {
  return scanTemplate(text).filter((p): p is TagPart => p.type === 'tag');
}
