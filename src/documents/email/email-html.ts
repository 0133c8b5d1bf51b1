import type { Token } from 'markdown-it';
import { inlineSpans, isTotalRow, markdown } from '../markdown.ts';

/**
 * Markdown to HTML for e-mail: every element carries its own inline style (mail clients
 * drop or ignore <style> blocks), the page is a centred 640 px table, fonts are the ones
 * every client has. Raw HTML in the Markdown is not interpreted: markdown-it escapes it.
 */

const FONT = 'Arial,Helvetica,sans-serif';

const STYLES: Record<string, string> = {
  p: 'margin:0 0 14px 0;',
  h1: 'margin:0 0 14px 0;font-size:22px;line-height:1.3;font-weight:bold;color:#111111;',
  h2: 'margin:18px 0 10px 0;font-size:18px;line-height:1.3;font-weight:bold;color:#111111;',
  h3: 'margin:16px 0 8px 0;font-size:16px;line-height:1.3;font-weight:bold;color:#111111;',
  ul: 'margin:0 0 14px 0;padding:0 0 0 24px;',
  ol: 'margin:0 0 14px 0;padding:0 0 0 24px;',
  li: 'margin:0 0 4px 0;',
  table: 'border-collapse:collapse;width:100%;margin:0 0 16px 0;font-size:14px;line-height:1.4;',
  th: 'padding:6px 8px;border-bottom:2px solid #333333;background-color:#f2f2f2;font-weight:bold;text-align:left;vertical-align:bottom;',
  td: 'padding:6px 8px;border-bottom:1px solid #dddddd;vertical-align:top;',
  a: 'color:#1a56a8;text-decoration:underline;',
  blockquote: 'margin:0 0 14px 0;padding:0 0 0 12px;border-left:3px solid #cccccc;color:#555555;',
  hr: 'border:0;border-top:1px solid #dddddd;margin:18px 0;',
  code: 'font-family:Consolas,Menlo,monospace;font-size:13px;background-color:#f4f4f4;padding:1px 3px;',
  pre: 'margin:0 0 14px 0;padding:10px;background-color:#f4f4f4;font-family:Consolas,Menlo,monospace;font-size:13px;white-space:pre-wrap;',
};
const TOTAL_CELL = 'font-weight:bold;border-top:2px solid #333333;background-color:#fafafa;';

function addStyle(token: Token, style: string): void {
  const own = String(token.attrGet('style') ?? '');
  token.attrSet('style', own ? `${style}${own.endsWith(';') ? own : `${own};`}` : style);
}

/** Adds inline styles to the tokens (in place); totals rows of tables get their own look. */
function styleTokens(tokens: Token[]): void {
  tokens.forEach((token, i) => {
    if (token.type === 'tr_open') {
      const cells: Token[] = [];
      for (let j = i + 1; j < tokens.length && tokens[j]!.type !== 'tr_close'; j++) {
        const t = tokens[j]!;
        if (t.type === 'td_open') cells.push(tokens[j + 1]!);
      }
      if (cells.length > 0 && isTotalRow(cells.map((c) => inlineSpans(c)))) {
        for (let j = i + 1; j < tokens.length && tokens[j]!.type !== 'tr_close'; j++) {
          if (tokens[j]!.type === 'td_open') tokens[j]!.attrJoin('data-total', '1');
        }
      }
    }
    if (
      token.nesting === 1 ||
      token.type === 'hr' ||
      token.type === 'code_inline' ||
      token.type === 'fence' ||
      token.type === 'code_block'
    ) {
      const style =
        STYLES[
          token.type === 'code_inline'
            ? 'code'
            : token.type === 'fence' || token.type === 'code_block'
              ? 'pre'
              : token.tag
        ];
      if (token.type === 'td_open') {
        const right = String(token.attrGet('style') ?? '').includes('right');
        const total = token.attrGet('data-total') !== null;
        token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'data-total');
        addStyle(
          token,
          `${STYLES.td}${right ? 'white-space:nowrap;' : ''}${total ? TOTAL_CELL : ''}`,
        );
      } else if (style !== undefined) {
        addStyle(token, style);
      }
      if (token.type === 'table_open') {
        token.attrSet('cellpadding', '0');
        token.attrSet('cellspacing', '0');
        token.attrSet('border', '0');
        token.attrSet('width', '100%');
      }
    }
    if (token.type === 'inline' && token.children) styleTokens(token.children);
  });
}

/** Markdown → the inner HTML of the message (no page wrapper). */
export function markdownToEmailHtml(source: string): string {
  return tokensToEmailHtml(markdown.parse(source, {}));
}

/** Tokens from markdown.parse → the inner HTML of the message (styles added to the tokens). */
export function tokensToEmailHtml(tokens: Token[]): string {
  styleTokens(tokens);
  return markdown.renderer.render(tokens, markdown.options, {});
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface EmailPage {
  readonly title: string;
  readonly lang?: string;
  /** Shown by mail clients next to the subject in the inbox; hidden in the message. */
  readonly preheader?: string;
}

/** The whole HTML document: table layout, every style inline. */
export function emailPage(innerHtml: string, page: EmailPage): string {
  const lang = page.lang !== undefined ? ` lang="${escapeHtml(page.lang)}"` : '';
  const preheader =
    page.preheader !== undefined && page.preheader !== ''
      ? `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;font-size:1px;line-height:1px;color:#ffffff;">${escapeHtml(page.preheader)}</div>\n`
      : '';
  return `<!DOCTYPE html>
<html${lang}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f4f4;">
${preheader}<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f4f4;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:640px;background-color:#ffffff;border:1px solid #e2e2e2;">
<tr><td style="padding:28px 32px;font-family:${FONT};font-size:15px;line-height:1.5;color:#222222;text-align:left;">
${innerHtml.trim()}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}
