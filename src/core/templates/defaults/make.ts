import type { Template, TemplateKind, TemplateLanguage } from '../types.ts';

/** One default template before its language is set. */
export interface Draft {
  readonly code: string;
  readonly kind: TemplateKind;
  readonly name: string;
  readonly subject?: string;
  readonly body: string;
}

/**
 * The drafts of one language as templates. Bodies are written as template literals that
 * start with a line break: it is dropped, as are trailing spaces and blank lines.
 */
export function inLanguage(language: TemplateLanguage, drafts: readonly Draft[]): Template[] {
  const typeset = language === 'fr' ? frenchSpaces : (text: string) => text;
  return drafts.map((d) => ({
    code: d.code,
    kind: d.kind,
    language,
    name: d.name,
    ...(d.subject !== undefined ? { subject: typeset(d.subject) } : {}),
    body: typeset(
      `${d.body
        .replace(/^\n/, '')
        .replace(/[ \t]+$/gm, '')
        .trimEnd()}\n`,
    ),
  }));
}

/**
 * French typography, so the sources stay readable: the space before : and » and after «
 * becomes a no-break space, the one before ; ? ! a narrow no-break space. (Not after '|':
 * `| :-- |` is a table's alignment row.)
 */
export function frenchSpaces(text: string): string {
  return text
    .replace(/(?<=[^\s|]) ([:»])/gu, '\u00a0$1')
    .replace(/(?<=[^\s|]) ([;?!])/gu, '\u202f$1')
    .replace(/« /g, '«\u00a0');
}
