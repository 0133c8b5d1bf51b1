import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { BACKENDS } from '../../../test/helpers/test-databases.ts';
import { hasPoppler, pdfText } from '../../../test/helpers/pdf.ts';
import type { Database } from '../../store/database.ts';
import { seed } from '../../delivery/delivery.fixture.ts';
import { signInAs, testServer, type SignedIn } from '../auth/api-auth.fixture.ts';

const EMAIL_DRAFT = {
  code: 'reminder_email',
  kind: 'email',
  language: 'fr',
  subject: 'Brouillon #CustomerCode',
  body: '#Salutation\n\nUN BROUILLON : **#OverdueTotal** en retard.\n',
};

for (const backend of BACKENDS) {
  describe(`API: preview of unsaved templates (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let app: FastifyInstance;
    let credit: SignedIn;
    let marie: SignedIn;

    before(async () => {
      database = await backend.open();
      // C1 (French, collector marie@seller.example), C2, C3 (English, a postal address).
      await seed(database);
      app = testServer(database);
      credit = await signInAs(app, database.db, 'credit@seller.example', 'credit_manager');
      marie = await signInAs(
        app,
        database.db,
        'marie@seller.example',
        'collector',
        'marie@seller.example',
      );
    });
    after(async () => {
      await app?.close();
      await database?.close();
    });

    const preview = (who: SignedIn, payload: object) =>
      app.inject({ method: 'POST', url: '/api/templates/preview', headers: who.write, payload });
    const stored = async () =>
      (
        await database.db
          .selectFrom('templates')
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;

    it('renders an unsaved e-mail as it would be sent, and stores nothing', async () => {
      const before = await stored();
      const r = await preview(marie, {
        customer: 'C1',
        step: 'reminder',
        format: 'html',
        template: EMAIL_DRAFT,
      });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
      assert.equal(r.headers['x-relance-template'], 'reminder_email; lang=fr; version=draft');
      assert.match(r.body, /UN BROUILLON/);
      assert.match(r.body, /Brouillon C1/);
      assert.equal(await stored(), before);
      const saved = await app.inject({
        url: '/api/templates/reminder_email?lang=fr',
        headers: credit.read,
      });
      assert.ok(!saved.body.includes('BROUILLON'));
      // Without a draft, the saved template as before.
      const plain = await preview(marie, { customer: 'C1', step: 'reminder', format: 'html' });
      assert.equal(plain.statusCode, 200, plain.body);
      assert.ok(!plain.body.includes('BROUILLON'));
    });

    it('renders an unsaved letter as its PDF', async () => {
      const r = await preview(credit, {
        customer: 'C3',
        step: 'reminder',
        format: 'pdf',
        template: {
          code: 'draft_letter',
          kind: 'letter',
          language: 'en',
          subject: 'Your account',
          body: '#Salutation\n\nA LETTER DRAFT: #OverdueTotal is overdue.\n',
        },
      });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.headers['content-type'], 'application/pdf');
      assert.equal(r.rawPayload.subarray(0, 5).toString(), '%PDF-');
      if (hasPoppler) assert.match(pdfText(r.rawPayload), /A LETTER DRAFT/);
    });

    it('checks the draft as a save does: every problem, with its line', async () => {
      const fields = async (payload: object) => {
        const r = await preview(credit, {
          customer: 'C1',
          step: 'reminder',
          format: 'html',
          ...payload,
        });
        assert.equal(r.statusCode, 400, r.body);
        return (r.json().error as { issues: { field: string }[] }).issues.map((i) => i.field);
      };
      assert.deepEqual(
        await fields({
          template: { ...EMAIL_DRAFT, subject: undefined, body: '#Salutation\n\n#NoSuchTag\n' },
        }),
        ['template.subject', 'template.body (line 3)'],
      );
      assert.deepEqual(await fields({ template: { ...EMAIL_DRAFT, kind: 'letter' } }), [
        'template.kind',
      ]);
      assert.deepEqual(await fields({ template: EMAIL_DRAFT, lang: 'en' }), ['lang']);
      assert.deepEqual(await fields({ template: { ...EMAIL_DRAFT, colour: 'red' } }), [
        'template.colour',
      ]);
    });

    it("answers 404 for another portfolio's customer before reading the draft", async () => {
      const r = await preview(marie, {
        customer: 'C2',
        step: 'reminder',
        format: 'html',
        template: { ...EMAIL_DRAFT, body: '' },
      });
      assert.equal(r.statusCode, 404, r.body);
    });
  });
}
