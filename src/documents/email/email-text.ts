import { displayWidth, textTable, wrapText } from '../../core/documents/plain-text.ts';
import { isTotalRow, LINE_BREAK, parseMarkdown, type Block, type Inline } from '../markdown.ts';

/**
 * Markdown to the plain-text part of an e-mail: paragraphs wrapped at 76 columns, headings
 * underlined, lists with hanging indents, tables as aligned columns, links as "text (URL)".
 */

export const TEXT_WIDTH = 76;

function plainInline(inline: Inline): string {
  let out = '';
  for (let i = 0; i < inline.length; i++) {
    const span = inline[i]!;
    if (span.link === undefined) {
      out += span.text;
      continue;
    }
    // A link's text may be split over several spans (emphasis inside it).
    let text = span.text;
    while (inline[i + 1]?.link === span.link) text += inline[++i]!.text;
    out +=
      text.trim() === span.link || `mailto:${text.trim()}` === span.link
        ? text
        : `${text} (${span.link})`;
  }
  return out
    .split(LINE_BREAK)
    .map((l) => l.replace(/[ \t\r\n]+/g, ' ').trim())
    .join('\n');
}

function indent(lines: readonly string[], first: string, rest: string): string[] {
  return lines.map((l, i) => (l === '' ? '' : (i === 0 ? first : rest) + l));
}

function renderBlock(block: Block, width: number): string[] {
  switch (block.kind) {
    case 'paragraph':
      return wrapText(plainInline(block.inline), width, false);
    case 'heading': {
      const lines = wrapText(plainInline(block.inline), width, false);
      const w = Math.min(width, Math.max(...lines.map(displayWidth)));
      return [...lines, (block.level === 1 ? '=' : '-').repeat(w)];
    }
    case 'list': {
      const out: string[] = [];
      block.items.forEach((item, n) => {
        const marker = block.ordered ? `${block.start + n}. ` : '- ';
        const pad = ' '.repeat(marker.length);
        const body = renderBlocks(item, width - marker.length, false);
        out.push(...indent(body, marker, pad));
      });
      return out;
    }
    case 'table': {
      const rows = block.rows.map((r) => r.map(plainInline));
      const firstTotal = block.rows.findIndex((r) => isTotalRow(r));
      return textTable(block.header.map(plainInline), rows, block.align, {
        ruleBefore: firstTotal > 0 ? new Set([firstTotal]) : new Set(),
      }).split('\n');
    }
    case 'rule':
      return ['-'.repeat(Math.min(width, 40))];
    case 'quote':
      return renderBlocks(block.blocks, width - 2, true).map((l) => (l === '' ? '>' : `> ${l}`));
    case 'code':
      return block.text.split('\n').map((l) => `    ${l}`);
  }
}

function renderBlocks(blocks: readonly Block[], width: number, loose: boolean): string[] {
  const out: string[] = [];
  blocks.forEach((block, i) => {
    if (i > 0 && (loose || block.kind !== 'list')) out.push('');
    out.push(...renderBlock(block, width));
  });
  return out;
}

/** Markdown → plain text. */
export function markdownToText(source: string, width = TEXT_WIDTH): string {
  return blocksToText(parseMarkdown(source), width);
}

/** Parsed blocks → plain text. */
export function blocksToText(blocks: readonly Block[], width = TEXT_WIDTH): string {
  const lines = renderBlocks(blocks, width, true);
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
