import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { AppError, describeProblem } from '../errors.ts';
import { renderTemplate } from './render.ts';
import { SAMPLE_CONTEXT } from './sample-context.ts';
import { validateTemplate } from './validate-template.ts';

/**
 * docs/templates.md teaches by example: every `yaml template` block is validated and rendered
 * for the sample account, and must give the `markdown rendered` block that follows it (and
 * the subject announced as "gives (subject: `…`)"); every `yaml invalid` block must be refused
 * with the `text problems` block that follows it. No-break spaces (which ICU puts in French
 * amounts and dates) are compared as spaces: a reader of the page cannot tell them apart.
 */
const doc = readFileSync(new URL('../../../docs/templates.md', import.meta.url), 'utf8');

interface Block {
  readonly info: string;
  readonly text: string;
  /** The prose between the previous block and this one. */
  readonly before: string;
}

function blocks(markdown: string): Block[] {
  const found: Block[] = [];
  const fence = /^```([^\n]*)\n([\s\S]*?)^```$/gm;
  let last = 0;
  for (const match of markdown.matchAll(fence)) {
    found.push({
      info: match[1] ?? '',
      text: match[2] ?? '',
      before: markdown.slice(last, match.index),
    });
    last = match.index + match[0].length;
  }
  return found;
}

const spaces = (text: string | undefined) => text?.replace(/[\u00a0\u202f]/g, ' ');
const LOCALES: Record<string, string> = { en: 'en-GB', fr: 'fr-FR', de: 'de-DE', es: 'es-ES' };
const all = blocks(doc);

describe('docs/templates.md examples', () => {
  it('has examples of each sort', () => {
    const infos = all.map((b) => b.info);
    assert.ok(infos.filter((i) => i === 'yaml template').length >= 3);
    assert.ok(infos.includes('yaml invalid'));
  });

  all.forEach((block, i) => {
    if (block.info === 'yaml template') {
      it(`template example ${i} renders as shown`, () => {
        const template = validateTemplate(parse(block.text));
        const rendered = renderTemplate(
          template,
          SAMPLE_CONTEXT,
          LOCALES[template.language] ?? 'en',
        );
        const next = all[i + 1];
        assert.equal(next?.info, 'markdown rendered', 'a rendered block follows');
        assert.equal(spaces(rendered.markdown), next.text);
        const subject = /gives \(subject: `([^`]+)`\):\s*$/.exec(next.before)?.[1];
        assert.equal(spaces(rendered.subject), subject);
      });
    }
    if (block.info === 'yaml invalid') {
      it(`invalid example ${i} is refused as shown`, () => {
        const next = all[i + 1];
        assert.equal(next?.info, 'text problems', 'a problems block follows');
        assert.throws(
          () => validateTemplate(parse(block.text)),
          (e: unknown) => {
            assert.ok(e instanceof AppError);
            assert.equal(`${e.problems.map(describeProblem).join('\n')}\n`, next.text);
            return true;
          },
        );
      });
    }
  });
});
