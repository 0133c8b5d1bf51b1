import type { RenderContext } from './context.ts';
import type { Labels } from './labels.ts';

/** How a hashtag's value is placed. */
export type HashtagKind = 'inline' | 'block';

export type HashtagGroup =
  | 'customer'
  | 'contact'
  | 'company'
  | 'people'
  | 'amounts'
  | 'dates'
  | 'penalties'
  | 'tables'
  | 'links'
  | 'step'
  | 'promise';

/** What one hashtag becomes: text to escape, a URL, ready Markdown, or nothing and why. */
export type HashtagValue =
  | { readonly text: string }
  | { readonly url: string }
  | { readonly markdown: string }
  | { readonly missing: string };

/** What a hashtag reads: the data, and the locale and words of the document. */
export interface ValueEnv {
  readonly ctx: RenderContext;
  readonly locale: string;
  readonly labels: Labels;
}

export interface Hashtag {
  /** Without '#': `CustomerName`. */
  readonly name: string;
  readonly group: HashtagGroup;
  /** inline: a value inside a sentence; block: a table or list alone on its line. */
  readonly kind: HashtagKind;
  /** Its value is a URL (a link hashtag can be a Markdown link's destination). */
  readonly link?: boolean | undefined;
  readonly description: string;
  /** What it shows for the sample context (docs/hashtags.md), en-GB. */
  readonly example: string;
  readonly value: (env: ValueEnv) => HashtagValue;
}

/** A text value, or `missing` when the data has none. */
export function textOr(value: string | undefined | null, missing: string): HashtagValue {
  return value === undefined || value === null || value.trim() === ''
    ? { missing }
    : { text: value };
}

export function urlOr(value: string | undefined | null, missing: string): HashtagValue {
  return value === undefined || value === null || value.trim() === ''
    ? { missing }
    : { url: value };
}
