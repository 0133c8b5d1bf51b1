import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { HASHTAG_GROUPS, HASHTAGS, findHashtag } from './hashtags.ts';
import { hashtagsDoc } from './hashtags-doc.ts';
import { renderTemplate } from './render.ts';
import { SAMPLE_CONTEXT } from './sample-context.ts';
import type { Template } from './types.ts';

/** What a hashtag gives for the sample account: plain text for inline ones, Markdown for blocks. */
function sample(name: string): string {
  const hashtag = findHashtag(name);
  assert.ok(hashtag);
  const template: Template =
    hashtag.kind === 'block'
      ? { code: 'x', kind: 'letter', language: 'en', body: `#${name}` }
      : { code: 'x', kind: 'email', language: 'en', subject: `#${name}`, body: 'x' };
  const rendered = renderTemplate(template, SAMPLE_CONTEXT, 'en-GB');
  return hashtag.kind === 'block' ? rendered.markdown.trimEnd() : (rendered.subject ?? '');
}

describe('hashtag registry', () => {
  it('names are CamelCase, unique, and each has a description and a known group', () => {
    const names = HASHTAGS.map((h) => h.name);
    assert.equal(new Set(names).size, names.length);
    const groups = new Set(HASHTAG_GROUPS.map((g) => g.group));
    for (const h of HASHTAGS) {
      assert.match(h.name, /^[A-Z][a-z]+(?:[A-Z][a-z]+)*$/, h.name);
      assert.ok(h.description.length > 10, h.name);
      assert.ok(groups.has(h.group), h.name);
    }
  });

  it('covers what the issue asks for', () => {
    for (const name of [
      'OverdueTotal',
      'NotDueTotal',
      'BalanceTotal',
      'Today',
      'OldestDueDate',
      'PaymentDeadline',
      'Penalties',
      'StatementTable',
      'OverdueTable',
      'NotDueTable',
      'DisputedTable',
      'PortalLink',
      'PaymentLink',
      'InvoiceLinks',
      'StepName',
      'StepLevel',
      'CustomerName',
      'ContactName',
      'CompanyName',
      'CollectorName',
      'SalesOwnerName',
    ])
      assert.ok(findHashtag(name), name);
  });

  for (const h of HASHTAGS) {
    it(`#${h.name}: the documented example is what it gives for the sample account`, () => {
      assert.equal(sample(h.name), h.example);
    });
  }

  it('docs/hashtags.md is the generated text (run node --import tsx scripts/hashtags-doc.ts)', () => {
    const committed = readFileSync(new URL('../../../docs/hashtags.md', import.meta.url), 'utf8');
    const want = hashtagsDoc().split('\n');
    const have = committed.split('\n');
    const line = want.findIndex((text, i) => have[i] !== text);
    if (line >= 0 || have.length !== want.length)
      assert.fail(
        `docs/hashtags.md is out of date from line ${line + 1}: run node --import tsx scripts/hashtags-doc.ts`,
      );
  });

  it('the generated text lists every hashtag and every block example', () => {
    const doc = hashtagsDoc();
    for (const h of HASHTAGS) {
      assert.ok(doc.includes(`| \`#${h.name}\` |`), h.name);
      if (h.kind === 'block')
        assert.ok(doc.includes(`### #${h.name}\n\n\`\`\`markdown\n${h.example}\n\`\`\``));
    }
  });
});
