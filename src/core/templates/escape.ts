/**
 * Values from data (names, numbers, references) go into Markdown that becomes HTML and PDF.
 * They are escaped so that they always read as the text they are: no tag, no entity, no
 * emphasis, no link, no table cell, no heading or list can come out of a customer's name.
 */

/** Control characters and line or paragraph separators: a value never spans lines. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Markdown- or HTML-significant characters, escaped wherever they are: `\` `` ` `` `*` `_`
 * `[` `]` `<` `>` `&` `|` (table cells) `~` `#` `!` and `@` (so no e-mail address becomes a
 * link).
 */
const SIGNIFICANT = /[\\`*_[\]<>&|~#!@]/g;

/** One line of text: controls become spaces, surrounding spaces go. */
export function plainText(value: string): string {
  return value.replace(CONTROLS, ' ').trim();
}

/**
 * A value shown as literal text in Markdown (also safe inside a GFM table cell). With
 * `lineStart`, the value begins a line (or a list item), where "- x", "+ x", "15. März",
 * "2) x", "---" or "===" would start a list, a heading underline or a thematic break.
 */
export function markdownText(value: string, lineStart = false): string {
  let text = plainText(value).replace(SIGNIFICANT, '\\$&');
  // "http://…" and "www.…" would be turned into links by GFM renderers.
  text = text.replace(/:\/\//g, '\\://').replace(/(www)\./gi, '$1\\.');
  if (!lineStart) return text;
  if (/^[-+](?=\s|$)/.test(text) || /^(?:-+|=+)$/.test(text)) text = `\\${text}`;
  return text.replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

/** Characters not allowed as they are in a Markdown link destination or autolink. */
const URL_UNSAFE = /[^A-Za-z0-9\-._~:/?#[\]@!$&'*+,;=%]/gu;

/** An http(s) URL with its unsafe characters percent-encoded, or undefined for any other scheme. */
export function safeUrl(value: string): string | undefined {
  const url = value.trim();
  if (!/^https?:\/\/[^\s/?#]+/i.test(url)) return undefined;
  return url.replace(URL_UNSAFE, (ch) =>
    [...new TextEncoder().encode(ch)]
      .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
      .join(''),
  );
}
