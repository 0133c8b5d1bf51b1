import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError, describeProblem } from '../errors.ts';
import type { RenderContext, RenderItem } from './context.ts';
import { renderTemplate } from './render.ts';
import { SAMPLE_CONTEXT } from './sample-context.ts';
import type { Template } from './types.ts';

const letter = (body: string, language: Template['language'] = 'en'): Template => ({
  code: 'test_letter',
  kind: 'letter',
  language,
  body,
});
const body = (text: string, context: RenderContext = SAMPLE_CONTEXT, locale = 'en-GB') =>
  renderTemplate(letter(text), context, locale).markdown;

function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof AppError);
    return error;
  }
  assert.fail('expected an AppError');
}

/** Unescaped pipes of a table row: its cell borders. */
const borders = (row: string) => row.replace(/\\\\|\\\|/g, '').split('|').length - 1;

const hostile = '<script>alert("x")</script> *Big* _Corp_ | [x](javascript:alert(1)) &amp; #Today';
const item = (over: Partial<RenderItem>): RenderItem => ({
  number: 'INV-1',
  type: 'invoice',
  issueDate: '2026-01-01',
  dueDate: '2026-01-31',
  currency: 'EUR',
  amountMinor: 10000,
  openMinor: 10000,
  ...over,
});

describe('renderTemplate: escaping', () => {
  const context: RenderContext = {
    ...SAMPLE_CONTEXT,
    customer: { ...SAMPLE_CONTEXT.customer, name: hostile },
    items: {
      overdue: [item({ number: 'A|B<img src=x onerror=alert(1)>', reference: '**PO** | 7' })],
      notDue: [],
      disputed: [item({ number: 'D-1', disputeReason: 'wrong | price <b>' })],
    },
  };

  it('shows customer data as text: no tag, no emphasis, no link, no hashtag', () => {
    const out = body('To #CustomerName.', context);
    assert.equal(
      out,
      'To \\<script\\>alert("x")\\</script\\> \\*Big\\* \\_Corp\\_ \\| \\[x\\](javascript:alert(1)) \\&amp; \\#Today.\n',
    );
    assert.doesNotMatch(out, /(^|[^\\])</);
  });

  it('keeps table cells in place whatever the data holds', () => {
    for (const table of ['#OverdueTable', '#DisputedTable', '#StatementTable']) {
      const rows = body(table, context).trim().split('\n');
      const header = borders(rows[0] ?? '');
      for (const row of rows) assert.equal(borders(row), header, `${table}: ${row}`);
      assert.doesNotMatch(rows.join('\n'), /(^|[^\\])<(img|b)/);
    }
  });

  it('puts data in a subject as plain text, on one line', () => {
    const t: Template = { ...letter('x'), kind: 'email', subject: 'For #CustomerName \\#1' };
    const c = { ...context, customer: { ...context.customer, name: 'A & B\nBcc: x@y' } };
    assert.equal(renderTemplate(t, c, 'en-GB').subject, 'For A & B Bcc: x@y #1');
  });

  it('keeps long names and any script as they are', () => {
    const name = `株式会社テスト ${'Ä'.repeat(200)}`;
    const out = body('#CustomerName', { ...SAMPLE_CONTEXT, customer: { code: 'X', name } });
    assert.equal(out, `${name}\n`);
  });
});

describe('renderTemplate: formatting', () => {
  it('formats amounts and dates for the locale', () => {
    const text = '#OverdueTotal · #Today · #PaymentDeadline · #InterestRate';
    const fr = (l: Template['language'], locale: string) =>
      renderTemplate(letter(text, l), SAMPLE_CONTEXT, locale).markdown.trim();
    assert.equal(fr('en', 'en-GB'), '€1,610.40 · 16 March 2026 · 26 March 2026 · 12.15%');
    assert.equal(fr('en', 'en-US'), '€1,610.40 · March 16, 2026 · March 26, 2026 · 12.15%');
    assert.equal(
      fr('fr', 'fr-FR'),
      '1\u202f610,40\u00a0€ · 16 mars 2026 · 26 mars 2026 · 12,15\u00a0%',
    );
    assert.equal(
      fr('de', 'de-DE'),
      '1.610,40\u00a0€ · 16. März 2026 · 26. März 2026 · 12,15\u00a0%',
    );
    assert.equal(
      fr('es', 'es-ES'),
      '1610,40\u00a0€ · 16 de marzo de 2026 · 26 de marzo de 2026 · 12,15\u00a0%',
    );
  });

  it('escapes a German date that starts a line, so it is not a numbered list', () => {
    assert.equal(
      renderTemplate(letter('#Today', 'de'), SAMPLE_CONTEXT, 'de-DE').markdown,
      '16\\. März 2026\n',
    );
  });

  it('totals tables per currency and says when a list is empty', () => {
    const context: RenderContext = {
      ...SAMPLE_CONTEXT,
      items: {
        overdue: [
          item({ number: 'E1' }),
          item({ number: 'U1', currency: 'USD', amountMinor: 5000, openMinor: 5000 }),
          item({ number: 'E2', dueDate: '2026-02-10', openMinor: 2500 }),
        ],
        notDue: [],
        disputed: [],
      },
    };
    const table = body('#OverdueTable', context).trim().split('\n');
    assert.deepEqual(table.slice(-2), [
      '| **Total overdue EUR** |  |  |  |  | **€125.00** |',
      '| **Total overdue USD** |  |  |  |  | **US$50.00** |',
    ]);
    assert.equal(body('#NotDueTable', context), '_No items._\n');
    assert.equal(body('#OverdueTotal', context), '€125.00\n', 'the communication currency only');
  });

  it('lists every rate and an uneven fixed compensation in the penalties', () => {
    const context: RenderContext = {
      ...SAMPLE_CONTEXT,
      penalties: {
        currency: 'EUR',
        interestMinor: 2000,
        compensationMinor: 11000,
        compensationCount: 2,
        rates: [
          { ratePercent: '12.15', from: '2025-12-01', to: '2025-12-31' },
          { ratePercent: '10', from: '2026-01-01', to: '2026-03-16' },
        ],
      },
    };
    const out = body('#Penalties\n\n#InterestRate', context);
    assert.match(
      out,
      /\| Late-payment interest, 12\.15% a year from 01\/12\/2025 to 31\/12\/2025; 10\.00% a year from 01\/01\/2026 to 16\/03\/2026 \| €20\.00 \|/,
    );
    assert.match(out, /\| Fixed recovery compensation \(2 invoices\) \| €110\.00 \|/);
    assert.match(out, /\| \*\*Total claimed\*\* \| \*\*€1,740\.40\*\* \|/);
    assert.match(out, /12\.15% \/ 10\.00%\n$/);
  });
  it('adds a contractual late fee to the claim when there is one', () => {
    const penalties = { ...SAMPLE_CONTEXT.penalties!, lateFeeMinor: 2500 };
    const out = body('#Penalties\n\n#ClaimTotal', { ...SAMPLE_CONTEXT, penalties });
    assert.match(
      out,
      /\| Contractual late fee \| €25\.00 \|\n\| \*\*Total claimed\*\* \| \*\*€1,729\.02\*\* \|/,
    );
    assert.match(out, /€1,729\.02\n$/);
  });
});

describe('renderTemplate: layout', () => {
  it('sets a block apart with blank lines and drops its indentation', () => {
    const out = body('Your items:\n  #NotDueTable  \nThank you.');
    assert.equal(
      out,
      [
        'Your items:',
        '',
        '| Document | Issued | Due | Amount | Open |',
        '| :-- | :-- | :-- | --: | --: |',
        '| INV-2026-0203 | 02/03/2026 | 01/04/2026 | €2,400.00 | €2,400.00 |',
        '| **Total not yet due** |  |  |  | **€2,400.00** |',
        '',
        'Thank you.',
        '',
      ].join('\n'),
    );
  });

  it('writes links as autolinks, or as the destination of a Markdown link', () => {
    assert.equal(
      body('Pay at #PaymentLink or [online](#PaymentLink).'),
      'Pay at <https://pay.lumen-tools.example/pay/7Hq2> or [online](https://pay.lumen-tools.example/pay/7Hq2).\n',
    );
    assert.equal(
      body('#InvoiceLinks'),
      '- [INV-2026-0107](https://docs.lumen-tools.example/inv/INV-2026-0107.pdf)\n- [INV-2026-0142](https://docs.lumen-tools.example/inv/INV-2026-0142.pdf)\n',
    );
  });

  it('keeps \\# escapes and headings in the Markdown, and lists the hashtags used once, in order', () => {
    const t: Template = {
      code: 'x',
      kind: 'email',
      language: 'en',
      subject: '#CustomerCode: #OverdueTotal',
      body: '# Statement\n\nNo \\#Tag here, #OverdueTotal and #Today and #CustomerCode.',
    };
    const r = renderTemplate(t, SAMPLE_CONTEXT, 'en-GB');
    assert.equal(r.subject, 'BELL01: €1,610.40');
    assert.equal(
      r.markdown,
      '# Statement\n\nNo \\#Tag here, €1,610.40 and 16 March 2026 and BELL01.\n',
    );
    assert.deepEqual(r.usedHashtags, ['CustomerCode', 'OverdueTotal', 'Today']);
    assert.equal(r.fallbackLanguage, undefined);
  });

  it('gives an SMS as plain text too', () => {
    const sms: Template = {
      code: 's',
      kind: 'sms',
      language: 'en',
      body: '#CompanyName: pay #OverdueTotal. \\#1 Mail #CollectorEmail',
    };
    const r = renderTemplate(sms, SAMPLE_CONTEXT, 'en-GB');
    assert.equal(
      r.text,
      'Lumen Tools Ltd: pay €1,610.40. #1 Mail anna.whitfield@lumen-tools.example\n',
    );
    assert.equal(renderTemplate(letter('x'), SAMPLE_CONTEXT, 'en').text, undefined);
  });
});

describe('renderTemplate: languages', () => {
  const versions = (...languages: Template['language'][]) =>
    languages.map((l) => letter(`#StepLevel ${l}`, l));

  it('uses the customer language when the template has it', () => {
    const r = renderTemplate(versions('en', 'fr', 'de'), SAMPLE_CONTEXT, 'de-AT');
    assert.equal(r.language, 'de');
    assert.equal(r.locale, 'de-AT');
    assert.equal(r.markdown, '1\\. Mahnung de\n');
  });

  it('falls back to the company language, then English, and says so', () => {
    const fr = { ...SAMPLE_CONTEXT, company: { ...SAMPLE_CONTEXT.company, language: 'fr' } };
    const r = renderTemplate(versions('en', 'fr'), fr, 'nl-BE');
    assert.equal(r.language, 'fr');
    assert.equal(r.locale, 'fr-BE');
    assert.equal(r.fallbackLanguage, 'fr');
    assert.equal(
      r.fallbackNote,
      'test_letter has no nl version: written in fr (the company language)',
    );
    const en = renderTemplate(versions('es', 'en'), fr, 'nl-BE');
    assert.equal(en.language, 'en');
    assert.equal(
      en.fallbackNote,
      'test_letter has no nl version: written in en (the last fallback)',
    );
  });

  it('refuses when no version fits', () => {
    const error = failure(() => renderTemplate(versions('de'), SAMPLE_CONTEXT, 'nl-NL'));
    assert.equal(error.code, 'NOT_FOUND');
    assert.equal(
      error.message,
      'template test_letter has no version in nl, en (the company language) or en',
    );
  });

  it('says so when a single version in another language is given', () => {
    const r = renderTemplate(letter('#Today', 'fr'), SAMPLE_CONTEXT, 'de-DE');
    assert.equal(r.markdown, '16 mars 2026\n');
    assert.equal(r.locale, 'fr-DE');
    assert.equal(r.fallbackNote, 'test_letter rendered in fr: no de version was given');
  });
});

describe('renderTemplate: refusals', () => {
  it('names every hashtag whose data is missing, with its line', () => {
    const context: RenderContext = {
      ...SAMPLE_CONTEXT,
      salesOwner: undefined,
      penalties: undefined,
    };
    const error = failure(() =>
      renderTemplate(
        letter('Hello #SalesOwnerName,\n\n#Penalties\n\nBye #SalesOwnerName'),
        context,
        'en',
      ),
    );
    assert.equal(error.message, 'cannot render test_letter (en) for customer BELL01: 3 problems');
    assert.deepEqual(error.problems.map(describeProblem), [
      'body (line 1): got "#SalesOwnerName", expected a value, but the data has no sales owner for the customer (salesOwner.name)',
      'body (line 3): got "#Penalties", expected a value, but the data has no penalties computed for the overdue items (penalties)',
      'body (line 5): got "#SalesOwnerName", expected a value, but the data has no sales owner for the customer (salesOwner.name)',
    ]);
  });

  it('refuses a link that is not http or https', () => {
    const context = { ...SAMPLE_CONTEXT, links: { payment: 'javascript:alert(1)' } };
    const error = failure(() => renderTemplate(letter('[pay](#PaymentLink)'), context, 'en'));
    assert.deepEqual(error.problems.map(describeProblem), [
      'body (line 1): got "#PaymentLink", expected a value, but the data has no http or https address for it (got "javascript:alert(1)")',
    ]);
  });

  it('refuses a template with an unknown or misplaced hashtag, as validation does', () => {
    const error = failure(() =>
      renderTemplate(letter('#CustomerNmae and see #OverdueTable'), SAMPLE_CONTEXT, 'en'),
    );
    assert.equal(error.message, 'template test_letter (en) is invalid: 2 problems');
  });
});
