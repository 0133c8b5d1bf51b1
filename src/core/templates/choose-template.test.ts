import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors.ts';
import { chooseTemplate, findTemplate } from './choose-template.ts';
import { DEFAULT_TEMPLATES } from './defaults/index.ts';

describe('findTemplate', () => {
  it('takes the customer language from the locale', () => {
    const choice = findTemplate(DEFAULT_TEMPLATES, 'reminder_email', 'es-MX', 'en');
    assert.equal(choice.template.language, 'es');
    assert.equal(choice.fallbackLanguage, undefined);
    assert.equal(choice.fallbackNote, undefined);
  });

  it('falls back to the company language, then English', () => {
    const library = DEFAULT_TEMPLATES.filter((t) => t.language !== 'de');
    const company = findTemplate(library, 'reminder_email', 'de-DE', 'fr-FR');
    assert.deepEqual([company.template.language, company.fallbackLanguage], ['fr', 'fr']);
    assert.equal(
      company.fallbackNote,
      'reminder_email has no de version: written in fr (the company language)',
    );
    const english = findTemplate(library, 'reminder_email', 'it', 'de');
    assert.deepEqual([english.template.language, english.fallbackLanguage], ['en', 'en']);
  });

  it('refuses an unknown code and a template with no usable version', () => {
    assert.throws(
      () => findTemplate(DEFAULT_TEMPLATES, 'reminder_mail', 'en', 'en'),
      (e: unknown) =>
        e instanceof AppError &&
        e.code === 'NOT_FOUND' &&
        /no template reminder_mail/.test(e.message),
    );
    const onlyGerman = DEFAULT_TEMPLATES.filter(
      (t) => t.code === 'level1_call' && t.language === 'de',
    );
    assert.throws(
      () => chooseTemplate(onlyGerman, 'fr', 'es'),
      /has no version in fr, es \(the company language\) or en/,
    );
  });
});
