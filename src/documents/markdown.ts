import MarkdownIt, { type Token } from 'markdown-it';

/**
 * The Markdown dialect of templates: CommonMark + GFM tables and strikethrough, bare URLs
 * turned into links, and no raw HTML (an HTML tag in the source is text, escaped on output).
 * Parsed once into a small block tree that the PDF and plain-text renderers walk; the HTML
 * renderer uses markdown-it's own output (see email-html.ts).
 */
export const markdown = new MarkdownIt('default', {
  html: false,
  linkify: true,
  typographer: false,
  breaks: false,
});

export interface TextSpan {
  readonly text: string;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly code: boolean;
  readonly strike: boolean;
  readonly link?: string;
}

/** A hard line break inside a paragraph. */
export const LINE_BREAK = '\n';

export type Inline = readonly TextSpan[];
export type Align = 'left' | 'right' | 'center';

export type Block =
  | { readonly kind: 'paragraph'; readonly inline: Inline }
  | { readonly kind: 'heading'; readonly level: number; readonly inline: Inline }
  | {
      readonly kind: 'list';
      readonly ordered: boolean;
      readonly start: number;
      readonly items: readonly (readonly Block[])[];
    }
  | {
      readonly kind: 'table';
      readonly align: readonly Align[];
      readonly header: readonly Inline[];
      readonly rows: readonly (readonly Inline[])[];
    }
  | { readonly kind: 'rule' }
  | { readonly kind: 'quote'; readonly blocks: readonly Block[] }
  | { readonly kind: 'code'; readonly text: string };

/** The spans of an inline token (its children), with their emphasis and link. */
export function inlineSpans(token: Token | undefined): TextSpan[] {
  const spans: TextSpan[] = [];
  let bold = 0;
  let italic = 0;
  let strike = 0;
  const links: string[] = [];
  const push = (text: string, code = false) => {
    if (text === '') return;
    const link = links[links.length - 1];
    spans.push({
      text,
      bold: bold > 0,
      italic: italic > 0,
      code,
      strike: strike > 0,
      ...(link !== undefined ? { link } : {}),
    });
  };
  for (const t of token?.children ?? []) {
    switch (t.type) {
      case 'text':
      case 'html_inline':
        push(t.content);
        break;
      case 'code_inline':
        push(t.content, true);
        break;
      case 'softbreak':
        push(' ');
        break;
      case 'hardbreak':
        push(LINE_BREAK);
        break;
      case 'strong_open':
        bold++;
        break;
      case 'strong_close':
        bold--;
        break;
      case 'em_open':
        italic++;
        break;
      case 'em_close':
        italic--;
        break;
      case 's_open':
        strike++;
        break;
      case 's_close':
        strike--;
        break;
      case 'link_open':
        links.push(String(t.attrGet('href') ?? ''));
        break;
      case 'link_close':
        links.pop();
        break;
      case 'image':
        push(t.content);
        break;
      default:
        if (t.content) push(t.content);
    }
  }
  return spans;
}

function cellAlign(token: Token): Align {
  const style = String(token.attrGet('style') ?? '');
  if (style.includes('right')) return 'right';
  if (style.includes('center')) return 'center';
  return 'left';
}

/** Reads blocks from tokens[from] until the closing token of type `until` (or the end). */
function readBlocks(tokens: readonly Token[], from: number, until?: string): [Block[], number] {
  const blocks: Block[] = [];
  let i = from;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (until !== undefined && t.type === until) return [blocks, i + 1];
    switch (t.type) {
      case 'paragraph_open':
        blocks.push({ kind: 'paragraph', inline: inlineSpans(tokens[i + 1]) });
        i += 3;
        continue;
      case 'heading_open':
        blocks.push({
          kind: 'heading',
          level: Number(t.tag.slice(1)) || 1,
          inline: inlineSpans(tokens[i + 1]),
        });
        i += 3;
        continue;
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const ordered = t.type === 'ordered_list_open';
        const close = ordered ? 'ordered_list_close' : 'bullet_list_close';
        const items: Block[][] = [];
        i++;
        while (i < tokens.length && tokens[i]!.type !== close) {
          if (tokens[i]!.type === 'list_item_open') {
            const [content, next] = readBlocks(tokens, i + 1, 'list_item_close');
            items.push(content);
            i = next;
          } else {
            i++;
          }
        }
        blocks.push({ kind: 'list', ordered, start: Number(t.attrGet('start') ?? 1) || 1, items });
        i++;
        continue;
      }
      case 'table_open': {
        const align: Align[] = [];
        const header: Inline[] = [];
        const rows: Inline[][] = [];
        let row: Inline[] | undefined;
        let inHead = false;
        i++;
        while (i < tokens.length && tokens[i]!.type !== 'table_close') {
          const c = tokens[i]!;
          if (c.type === 'thead_open') inHead = true;
          else if (c.type === 'thead_close') inHead = false;
          else if (c.type === 'tr_open') row = [];
          else if (c.type === 'tr_close' && row !== undefined && !inHead) rows.push(row);
          else if (c.type === 'th_open' || c.type === 'td_open') {
            const spans = inlineSpans(tokens[i + 1]);
            if (inHead) {
              header.push(spans);
              align.push(cellAlign(c));
            } else {
              row?.push(spans);
            }
          }
          i++;
        }
        blocks.push({ kind: 'table', align, header, rows });
        i++;
        continue;
      }
      case 'hr':
        blocks.push({ kind: 'rule' });
        break;
      case 'blockquote_open': {
        const [content, next] = readBlocks(tokens, i + 1, 'blockquote_close');
        blocks.push({ kind: 'quote', blocks: content });
        i = next;
        continue;
      }
      case 'code_block':
      case 'fence':
        blocks.push({ kind: 'code', text: t.content.replace(/\n$/, '') });
        break;
      case 'html_block':
        blocks.push({
          kind: 'paragraph',
          inline: [
            { text: t.content.trim(), bold: false, italic: false, code: false, strike: false },
          ],
        });
        break;
      default:
        break;
    }
    i++;
  }
  return [blocks, i];
}

/** Parses Markdown into blocks. */
export function parseMarkdown(source: string): Block[] {
  return blocksOf(markdown.parse(source, {}));
}

/** Blocks from tokens markdown-it has parsed (they are only read). */
export function blocksOf(tokens: readonly Token[]): Block[] {
  return readBlocks(tokens, 0)[0];
}

/** The plain text of an inline (links keep their text only). */
export function inlineText(inline: Inline): string {
  return inline.map((s) => s.text).join('');
}

/**
 * A totals row: every non-empty cell is entirely bold (how the template engine writes the
 * per-currency totals under a statement).
 */
export function isTotalRow(cells: readonly Inline[]): boolean {
  const filled = cells.filter((c) => inlineText(c).trim() !== '');
  return filled.length > 0 && filled.every((c) => c.every((s) => s.bold || s.text.trim() === ''));
}
