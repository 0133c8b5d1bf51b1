import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError, describeProblem } from '../../errors.ts';
import { DEFAULT_SCENARIOS, DEFAULT_TEMPLATE_CODES } from '../../scenario/default-scenarios.ts';
import type { RenderContext } from '../context.ts';
import { renderTemplate } from '../render.ts';
import { SAMPLE_CONTEXT } from '../sample-context.ts';
import { TEMPLATE_KIND_FOR_ACTION, TEMPLATE_LANGUAGES, type Template } from '../types.ts';
import { validateTemplates } from '../validate-template.ts';
import {
  DEFAULT_TEMPLATE_NEEDS,
  DEFAULT_TEMPLATES,
  EXTRA_TEMPLATE_CODES,
  type TemplateNeed,
} from './index.ts';

const LOCALES = { en: 'en-GB', fr: 'fr-FR', de: 'de-DE', es: 'es-ES' } as const;
const codes = [...new Set(DEFAULT_TEMPLATES.map((t) => t.code))].sort();
const find = (code: string, language: string) =>
  DEFAULT_TEMPLATES.find((t) => t.code === code && t.language === language);

/** The sample account with only what every context has, plus the needs given. */
function contextWith(needs: readonly TemplateNeed[]): RenderContext {
  const s = SAMPLE_CONTEXT;
  const has = (n: TemplateNeed) => needs.includes(n);
  return {
    company: {
      name: s.company.name,
      language: s.company.language,
      ...(has('companyAddress') ? { addressLines: s.company.addressLines } : {}),
    },
    customer: { code: s.customer.code, name: s.customer.name },
    collector: { name: s.collector.name, email: s.collector.email },
    currency: s.currency,
    items: s.items,
    today: s.today,
    step: {
      id: 'x',
      name: 'Step',
      kind: 'level_1',
      ...(has('objectionDeadline') ? { objectionDeadline: '2026-03-19' } : {}),
    },
    ...(has('contact') ? { contact: { name: 'Maria Lopez', phone: '+34 91 555 0142' } } : {}),
    ...(has('salesOwner') ? { salesOwner: { name: 'Tom Becker' } } : {}),
    ...(has('penalties') ? { penalties: s.penalties } : {}),
    ...(has('paymentDeadline') ? { paymentDeadline: s.paymentDeadline } : {}),
    ...(has('promise')
      ? {
          promise: {
            amountMinor: 1000,
            currency: 'EUR',
            payBy: '2026-03-20',
            madeOn: '2026-03-16',
          },
        }
      : {}),
  };
}

describe('default templates', () => {
  it('include every template code the default scenarios reference, in all four languages', () => {
    for (const code of DEFAULT_TEMPLATE_CODES)
      for (const language of TEMPLATE_LANGUAGES)
        assert.ok(find(code, language), `${code} (${language})`);
  });

  it('every code exists in every language, and nothing else', () => {
    assert.equal(DEFAULT_TEMPLATES.length, codes.length * TEMPLATE_LANGUAGES.length);
    for (const code of codes)
      for (const language of TEMPLATE_LANGUAGES)
        assert.ok(find(code, language), `${code} (${language})`);
    const expected = [...DEFAULT_TEMPLATE_CODES, ...Object.values(EXTRA_TEMPLATE_CODES)].sort();
    assert.deepEqual(codes, expected);
    assert.deepEqual(Object.keys(DEFAULT_TEMPLATE_NEEDS).sort(), codes);
  });

  it('all validate as a set (one per code and language, same kind across languages)', () => {
    const checked = validateTemplates(structuredClone(DEFAULT_TEMPLATES));
    assert.deepEqual(checked, DEFAULT_TEMPLATES);
  });

  it('each scenario action names a template of the kind it produces', () => {
    for (const scenario of DEFAULT_SCENARIOS)
      for (const step of scenario.steps)
        for (const action of step.actions) {
          if (action.template === undefined) continue;
          const template = find(action.template, 'en');
          assert.ok(template, action.template);
          assert.equal(
            template.kind,
            TEMPLATE_KIND_FOR_ACTION[action.kind],
            `${scenario.code}/${step.id}`,
          );
        }
  });

  for (const template of DEFAULT_TEMPLATES) {
    const label = `${template.code} (${template.language})`;
    it(`${label} renders for the sample account, every hashtag replaced`, () => {
      const r = renderTemplate(template, SAMPLE_CONTEXT, LOCALES[template.language]);
      assert.equal(r.language, template.language);
      for (const text of [r.subject ?? '', r.markdown])
        assert.doesNotMatch(text, /(^|[^\\\p{L}\p{N}&/#])#\p{L}/u, `${label}: ${text}`);
    });

    it(`${label} renders with exactly the data it declares it needs`, () => {
      const needs = DEFAULT_TEMPLATE_NEEDS[template.code] ?? [];
      renderTemplate(template, contextWith(needs), LOCALES[template.language]);
      for (const need of needs) {
        const without = contextWith(needs.filter((n) => n !== need));
        assert.throws(
          () => renderTemplate(template, without, LOCALES[template.language]),
          (e: unknown) => e instanceof AppError && e.problems.map(describeProblem).length > 0,
          `${label} declares ${need} but renders without it`,
        );
      }
    });
  }
});

describe('default templates say what each step must say', () => {
  const all = (code: string) => TEMPLATE_LANGUAGES.map((l) => find(code, l) as Template);
  const text = (t: Template) => `${t.subject ?? ''}\n${t.body}`;

  it('pre-dunning: the whole account (two-in-one) and a question about what could block payment', () => {
    for (const t of all('pre_dunning_email')) {
      assert.match(t.body, /^#StatementTable$/m);
      assert.match(t.body, /#NotDueTotal[\s\S]*#OverdueTotal/);
      assert.match(t.body, /\?/);
    }
  });

  it('reminder: no charges, no threat', () => {
    for (const t of all('reminder_email'))
      assert.doesNotMatch(
        text(t),
        /#Penalties|#Interest|#Compensation|#ClaimTotal|hold|bloqu|sperr/i,
      );
  });

  it('level 2: a deadline and the account hold, and the sales side informed', () => {
    const hold = { en: /on hold/, fr: /bloquer/, de: /sperren/, es: /bloquear/ };
    const sales = {
      en: /sales contact/,
      fr: /interlocuteur commercial/,
      de: /Vertrieb/,
      es: /contacto comercial/,
    };
    for (const t of all('level2_letter')) {
      assert.match(t.body, /#PaymentDeadline/);
      assert.match(t.body, hold[t.language]);
      assert.match(t.body, sales[t.language]);
    }
  });

  it('formal notice: says it is one, items, principal, interest with rate, compensation, deadline, consequences', () => {
    const plainly = {
      en: /formal notice/i,
      fr: /mise en demeure/i,
      de: /mahnen wir Sie förmlich/,
      es: /requerimiento formal de pago/i,
    };
    const court = {
      en: /order for payment/,
      fr: /injonction de payer/,
      de: /Mahnbescheid/,
      es: /procedimiento monitorio/,
    };
    for (const t of all('formal_notice_letter')) {
      assert.match(text(t), plainly[t.language]);
      assert.match(t.body, court[t.language]);
      for (const tag of [
        '#OverdueTable',
        '#Penalties',
        '#InterestRate',
        '#ClaimTotal',
        '#PaymentDeadline',
      ])
        assert.ok(t.body.includes(tag), `${t.language}: ${tag}`);
    }
    const r = renderTemplate(
      find('formal_notice_letter', 'fr') as Template,
      SAMPLE_CONTEXT,
      'fr-FR',
    );
    assert.match(
      r.markdown,
      /Intérêts de retard, 12,15\u00a0% l’an du 12\/02\/2026 au 16\/03\/2026 \| 13,62\u00a0€/,
    );
    assert.match(
      r.markdown,
      /Indemnité forfaitaire pour frais de recouvrement \(2 × 40,00\u00a0€\) \| 80,00\u00a0€/,
    );
  });

  it('promise confirmation recalls the amount, the date and the call', () => {
    for (const t of all('promise_confirmation_email'))
      for (const tag of ['#PromiseAmount', '#PromiseDate', '#PromiseMadeOn'])
        assert.ok(t.body.includes(tag));
  });

  it('call scripts: opening, reason, a date, objections with answers, a close with written confirmation', () => {
    for (const code of ['level1_call', 'level2_call'])
      for (const t of all(code)) {
        const headings = t.body.match(/^## .+$/gm) ?? [];
        assert.equal(headings.length, 6, `${code} (${t.language}): ${headings.join(', ')}`);
        assert.ok((t.body.match(/^\| .+ \| .+ \|$/gm) ?? []).length >= 6, 'an objections table');
      }
  });

  it('an SMS fits in two text messages for the sample account', () => {
    for (const t of all('reminder_sms')) {
      const r = renderTemplate(t, SAMPLE_CONTEXT, LOCALES[t.language]);
      assert.ok((r.text ?? '').length <= 306, `${t.language}: ${r.text?.length}`);
    }
  });

  it('French uses no-break spaces before : ; ? ! and inside « »', () => {
    for (const t of DEFAULT_TEMPLATES.filter((x) => x.language === 'fr'))
      assert.doesNotMatch(text(t).replace(/\| :--/g, ''), / [:;?!»]|« /, t.code);
  });

  it('German goes on in lower case after the greeting, as German letters do', () => {
    for (const t of DEFAULT_TEMPLATES.filter((x) => x.language === 'de')) {
      const after = /#Salutation\n\n(\S+)/.exec(t.body)?.[1];
      if (after !== undefined) assert.match(after, /^[a-zäöü]/, `${t.code}: ${after}`);
    }
  });
});
