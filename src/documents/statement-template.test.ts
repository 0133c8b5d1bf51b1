import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_TEMPLATES } from '../core/templates/defaults/index.ts';
import { renderTemplate } from '../core/templates/render.ts';
import { SAMPLE_CONTEXT } from '../core/templates/sample-context.ts';
import { validateTemplates } from '../core/templates/validate-template.ts';
import { statementTemplates } from './statement-template.ts';

describe('built-in statement and default templates', () => {
  it('the statement is valid in every language, with and without penalties', () => {
    for (const withPenalties of [false, true]) {
      const templates = validateTemplates(statementTemplates(withPenalties));
      assert.deepEqual(
        templates.map((t) => t.language),
        ['en', 'fr', 'de', 'es'],
      );
      for (const t of templates) {
        const { markdown, subject } = renderTemplate(t, SAMPLE_CONTEXT, `${t.language}-ES`);
        assert.match(subject!, /BELL01/);
        assert.match(markdown, /INV-2026-0203/); // not yet due: the whole account
        assert.equal(/13[.,]62/.test(markdown), withPenalties, markdown); // the interest
      }
    }
  });

  it('no default template needs a link there is no data for yet (no portal)', () => {
    const links = /#(?:PortalLink|PaymentLink|AccountLink)\b/;
    const using = DEFAULT_TEMPLATES.filter(
      (t) => links.test(t.body) || links.test(t.subject ?? ''),
    );
    assert.deepEqual(
      using.map((t) => `${t.code} (${t.language})`),
      [],
    );
  });
});
