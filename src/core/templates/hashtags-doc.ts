import { HASHTAG_GROUPS, HASHTAGS } from './hashtags.ts';

/**
 * The text of docs/hashtags.md, generated from the registry so the documentation cannot
 * drift from the code (a test compares the committed file with this text).
 * `scripts/hashtags-doc.ts` writes it.
 */
export function hashtagsDoc(): string {
  const out: string[] = [
    '# Hashtags',
    '',
    '<!-- Generated from src/core/templates/hashtags-*.ts by `node --import tsx scripts/hashtags-doc.ts`. Do not edit by hand. -->',
    '',
    'A hashtag is a `#` followed by a name in CamelCase: `#CustomerName`. When a document is produced, it is',
    'replaced by the value for the customer, formatted for the language of the template (amounts with',
    'their currency, dates written out). How to write a template: [templates.md](templates.md).',
    '',
    '- **inline** hashtags give a value you can put anywhere in a sentence, and in an e-mail subject.',
    '- **block** hashtags give a table or a list: write them alone on their line.',
    '- **link** hashtags give an address: alone, it shows as a link; `[pay online](#PaymentLink)` makes the words the link.',
    '- A hashtag whose data is missing (no sales owner, no payment link…) stops the document, with a message naming',
    '  the hashtag and the line: nothing is ever sent with a hole in it.',
    '- Not hashtags: a heading (`# Title`, `## Title`), `#` after a letter or digit (`page#top`), `#123`. Write',
    '  `\\#Word` to show `#Word` as it is.',
    '',
    'The examples show what each hashtag gives for the sample account used in the tests',
    '(`src/core/templates/sample-context.ts`), in English (en-GB), on 16 March 2026.',
  ];
  for (const { group, title } of HASHTAG_GROUPS) {
    const tags = HASHTAGS.filter((h) => h.group === group);
    if (tags.length === 0) continue;
    out.push(
      '',
      `## ${title}`,
      '',
      '| hashtag | kind | what it gives | example |',
      '| --- | --- | --- | --- |',
    );
    for (const h of tags) {
      const kind = h.link === true ? `${h.kind}, link` : h.kind;
      const example = h.kind === 'block' ? 'below' : `${cell(h.example)}`;
      out.push(`| \`#${h.name}\` | ${kind} | ${cell(h.description)} | ${example} |`);
    }
    for (const h of tags.filter((t) => t.kind === 'block')) {
      out.push('', `### #${h.name}`, '', '```markdown', h.example, '```');
    }
  }
  out.push('');
  return out.join('\n');
}

const cell = (text: string) => text.replace(/\|/g, '\\|');
