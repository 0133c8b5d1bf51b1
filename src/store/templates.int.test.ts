import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { AppError } from '../core/errors.ts';
import { DEFAULT_TEMPLATES } from '../core/templates/defaults/index.ts';
import type { Database } from './database.ts';
import { ensureCompany, DEFAULT_COMPANY, type Company } from './companies.ts';
import { getCompanyProfile, updateCompanyProfile } from './company-profile.ts';
import {
  getTemplate,
  knownTemplateCodes,
  saveTemplates,
  templateLibrary,
  templateVersions,
} from './templates.ts';

const note = (body: string) => ({
  code: 'overdue_note',
  kind: 'email',
  language: 'en',
  subject: 'Account #CustomerCode',
  body,
});

/** Asserts a call fails with INVALID_INPUT and exactly these `field: value` problems. */
async function refused(call: () => Promise<unknown>, problems: string[]) {
  await assert.rejects(call, (e: unknown) => {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.code, 'INVALID_INPUT', e.message);
    assert.deepEqual(
      e.problems.map((p) => `${p.field}: ${p.value}`),
      problems,
    );
    return true;
  });
}

for (const backend of BACKENDS) {
  describe(`templates and the company profile (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let company: Company;
    before(async () => {
      database = await backend.open();
      company = await ensureCompany(database.db, DEFAULT_COMPANY);
    });
    after(() => database.close());

    it('a template is versioned: a new version only when it changed', async () => {
      const db = database.db;
      assert.deepEqual(await saveTemplates(db, company.id, note('#Salutation\n\nPlease pay.\n')), [
        { code: 'overdue_note', language: 'en', version: 1, created: true },
      ]);
      assert.deepEqual(
        await saveTemplates(db, company.id, [note('#Salutation\n\nPlease pay.\n')]),
        [{ code: 'overdue_note', language: 'en', version: 1, created: false }],
      );
      assert.deepEqual(
        await saveTemplates(db, company.id, note('#Salutation\n\nPlease pay #OverdueTotal.\n')),
        [{ code: 'overdue_note', language: 'en', version: 2, created: true }],
      );
      const [latest] = await templateVersions(db, company.id, 'overdue_note');
      assert.equal(latest?.version, 2);
      assert.match(latest!.body, /#OverdueTotal/);
      const first = await getTemplate(db, company.id, 'overdue_note', 'en', 1);
      assert.equal(first.body, '#Salutation\n\nPlease pay.\n');
    });

    it('the company’s version of a default replaces it in that language only', async () => {
      const db = database.db;
      const builtIn = DEFAULT_TEMPLATES.find(
        (t) => t.code === 'reminder_email' && t.language === 'fr',
      )!;
      assert.deepEqual(await saveTemplates(db, company.id, builtIn), [
        { code: 'reminder_email', language: 'fr', version: 0, created: false },
      ]);
      await saveTemplates(db, company.id, { ...builtIn, body: `${builtIn.body}\nMerci.\n` });
      const versions = await templateVersions(db, company.id, 'reminder_email');
      assert.deepEqual(
        versions.map((t) => `${t.language} v${t.version}`),
        ['de v0', 'en v0', 'es v0', 'fr v1'],
      );
      const library = await templateLibrary(db, company.id);
      assert.equal(library.length, DEFAULT_TEMPLATES.length + 1); // + overdue_note
    });

    it('refuses every problem at once and saves nothing', async () => {
      const db = database.db;
      const before = await templateLibrary(db, company.id);
      await refused(
        () =>
          saveTemplates(db, company.id, [
            note('You owe #OverdueTotl.\n'),
            { ...note('Hello #CollectorPhon\n'), language: 'de' },
          ]),
        ['templates[0].body (line 1): #OverdueTotl', 'templates[1].body (line 1): #CollectorPhon'],
      );
      await refused(
        () =>
          saveTemplates(db, company.id, {
            code: 'reminder_email',
            kind: 'letter',
            language: 'es',
            body: 'Hola.\n',
          }),
        ['kind: letter'],
      );
      assert.deepEqual(await templateLibrary(db, company.id), before);
    });

    it('scenarios may name the defaults and the company’s own codes', async () => {
      const known = await knownTemplateCodes(database.db, company.id);
      for (const code of ['overdue_note', 'reminder_sms', 'promise_confirmation_email'])
        assert.ok(known.has(code), code);
      assert.ok(!known.has('nothing_like_it'));
    });

    it('the profile is checked as a whole: bad values change nothing', async () => {
      const db = database.db;
      const saved = await updateCompanyProfile(db, company.id, {
        email: 'credit@seller.example',
        iban: 'fr76 3000 6000 0112 3456 7890 189',
        bic: 'agrifrpp',
        letterWindow: 'din5008b',
        city: 'Lyon',
      });
      assert.equal(saved.iban, 'FR76 3000 6000 0112 3456 7890 189');
      assert.equal(saved.bic, 'AGRIFRPP');
      await refused(
        () =>
          updateCompanyProfile(db, company.id, {
            email: 'not an address',
            iban: 'FR76 3000 6000 0112 3456 7890 188',
            letterWindow: 'c5',
            city: 'Paris',
            logoPath: '/nowhere/logo.png',
          }),
        [
          'email: not an address',
          'iban: FR76 3000 6000 0112 3456 7890 188',
          'letterWindow: c5',
          'logoPath: /nowhere/logo.png',
        ],
      );
      assert.deepEqual(await getCompanyProfile(db, company.id), saved);
      const cleared = await updateCompanyProfile(db, company.id, { city: '' });
      assert.equal(cleared.city, null);
      await refused(() => updateCompanyProfile(db, company.id, { name: ' ' }), ['name:  ']);
    });
  });
}
