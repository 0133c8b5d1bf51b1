import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { BACKENDS } from '../../../test/helpers/test-databases.ts';
import type { Database } from '../../store/database.ts';
import { seed } from '../../delivery/delivery.fixture.ts';
import { signInAs, testServer, type SignedIn } from '../auth/api-auth.fixture.ts';

const GENTLE = {
  code: 'gentle',
  name: 'Gentle',
  steps: [
    {
      id: 'nudge',
      name: 'A nudge',
      kind: 'reminder',
      offsetDays: 3,
      mode: 'auto',
      actions: [{ kind: 'email', template: 'nudge_email' }],
    },
  ],
};

const NUDGE = {
  kind: 'email',
  language: 'en',
  subject: 'Account #CustomerCode',
  body: '#Salutation\n\nA gentle nudge: **#OverdueTotal** is overdue.\n',
};

for (const backend of BACKENDS) {
  describe(`API: scenarios and templates (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let app: FastifyInstance;
    let credit: SignedIn;
    let marie: SignedIn;
    let viewer: SignedIn;

    before(async () => {
      database = await backend.open();
      // C1 (collector marie@seller.example), C2, C3; the run saved the default scenarios.
      await seed(database);
      await database.db.updateTable('companies').set({ email: 'credit@seller.example' }).execute();
      app = testServer(database);
      credit = await signInAs(app, database.db, 'credit@seller.example', 'credit_manager');
      marie = await signInAs(
        app,
        database.db,
        'marie@seller.example',
        'collector',
        'marie@seller.example',
      );
      viewer = await signInAs(app, database.db, 'viewer@seller.example', 'viewer');
    });
    after(async () => {
      await app?.close();
      await database?.close();
    });

    const put = (url: string, who: SignedIn, payload: unknown) =>
      app.inject({ method: 'PUT', url, headers: who.write, payload: payload as object });

    it('lists the scenarios and gives one definition', async () => {
      const list = await app.inject({ url: '/api/scenarios', headers: viewer.read });
      assert.equal(list.statusCode, 200, list.body);
      const codes = (list.json() as { scenarios: { code: string; version: number }[] }).scenarios;
      assert.ok(codes.some((s) => s.code === 'default' && s.version === 1));
      const one = await app.inject({ url: '/api/scenarios/default', headers: viewer.read });
      assert.equal(one.statusCode, 200, one.body);
      const body = one.json() as { version: number; definition: { steps: { id: string }[] } };
      assert.equal(body.version, 1);
      assert.ok(body.definition.steps.some((s) => s.id === 'reminder'));
      const none = await app.inject({ url: '/api/scenarios/nope', headers: viewer.read });
      assert.equal(none.statusCode, 404);
    });

    it('saves a template, then a scenario naming it, as new versions; the same again changes nothing', async () => {
      const t = await put('/api/templates/nudge_email', credit, NUDGE);
      assert.equal(t.statusCode, 200, t.body);
      assert.deepEqual((t.json() as { templates: unknown[] }).templates, [
        { code: 'nudge_email', language: 'en', version: 1, created: true },
      ]);
      const s = await put('/api/scenarios/gentle', credit, GENTLE);
      assert.equal(s.statusCode, 200, s.body);
      assert.deepEqual(s.json(), { code: 'gentle', version: 1, created: true });
      const same = await put('/api/scenarios/gentle', credit, { ...GENTLE, code: undefined });
      assert.deepEqual(same.json(), { code: 'gentle', version: 1, created: false });
      const changed = await put('/api/scenarios/gentle', credit, { ...GENTLE, name: 'Softer' });
      assert.deepEqual(changed.json(), { code: 'gentle', version: 2, created: true });
      const old = await app.inject({ url: '/api/scenarios/gentle?version=1', headers: marie.read });
      assert.equal((old.json() as { definition: { name: string } }).definition.name, 'Gentle');
      const audit = await database.db
        .selectFrom('audit_log')
        .select(['action', 'target_id'])
        .where('action', 'in', ['scenario.save', 'template.save'])
        .orderBy('id')
        .execute();
      assert.deepEqual(audit, [
        { action: 'template.save', target_id: 'nudge_email' },
        { action: 'scenario.save', target_id: 'gentle' },
        { action: 'scenario.save', target_id: 'gentle' },
      ]);
    });

    it('lists every problem of a scenario at once', async () => {
      const r = await put('/api/scenarios/broken', credit, {
        name: '',
        steps: [{ id: 'x', kind: 'reminder', offsetDays: 'soon', mode: 'sometimes', actions: [] }],
      });
      assert.equal(r.statusCode, 400, r.body);
      const issues = (r.json().error as { issues: { field: string }[] }).issues;
      assert.ok(issues.length >= 3, JSON.stringify(issues));
      const wrongCode = await put('/api/scenarios/gentle', credit, { ...GENTLE, code: 'other' });
      assert.equal(wrongCode.statusCode, 400);
      assert.equal(
        (wrongCode.json().error as { issues: { field: string }[] }).issues[0]!.field,
        'body.code',
      );
      const badTemplate = await put('/api/templates/nudge_email', credit, {
        ...NUDGE,
        kind: 'fax',
        subject: undefined,
      });
      assert.equal(badTemplate.statusCode, 400, badTemplate.body);
    });

    it('lets only credit managers and admins change scenarios and templates', async () => {
      for (const who of [marie, viewer]) {
        assert.equal((await put('/api/scenarios/gentle', who, GENTLE)).statusCode, 403);
        assert.equal((await put('/api/templates/nudge_email', who, NUDGE)).statusCode, 403);
      }
    });

    it('gives the template library and one template in every language or one', async () => {
      const all = await app.inject({ url: '/api/templates', headers: viewer.read });
      const library = (all.json() as { templates: { code: string; version: number }[] }).templates;
      assert.ok(library.some((t) => t.code === 'reminder_email' && t.version === 0));
      assert.ok(library.some((t) => t.code === 'nudge_email' && t.version === 1));
      const langs = await app.inject({
        url: '/api/templates/reminder_email',
        headers: viewer.read,
      });
      assert.deepEqual(
        (langs.json() as { templates: { language: string }[] }).templates
          .map((t) => t.language)
          .sort(),
        ['de', 'en', 'es', 'fr'],
      );
      const one = await app.inject({
        url: '/api/templates/nudge_email?lang=en&version=1',
        headers: viewer.read,
      });
      assert.equal(
        (one.json() as { templates: { body: string }[] }).templates[0]!.body,
        NUDGE.body,
      );
      const none = await app.inject({ url: '/api/templates/nope', headers: viewer.read });
      assert.equal(none.statusCode, 404);
    });

    it("previews a step's template for a customer as HTML, PDF or Markdown", async () => {
      const preview = (who: SignedIn, payload: object) =>
        app.inject({
          method: 'POST',
          url: '/api/templates/preview',
          headers: who.write,
          payload,
        });
      const html = await preview(marie, { customer: 'C1', step: 'reminder', format: 'html' });
      assert.equal(html.statusCode, 200, html.body);
      assert.equal(html.headers['content-type'], 'text/html; charset=utf-8');
      assert.match(String(html.headers['x-relance-template']), /^reminder_email; lang=fr/);
      const pdf = await preview(credit, { customer: 'C3', step: 'reminder', format: 'pdf' });
      assert.equal(pdf.statusCode, 200, pdf.body);
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      const md = await preview(credit, {
        customer: 'C1',
        step: 'reminder',
        format: 'md',
        lang: 'en',
      });
      assert.equal(md.statusCode, 200, md.body);
      assert.match(md.body, /^Subject: /);
      // Another portfolio's customer is as if it did not exist.
      const other = await preview(marie, { customer: 'C2', step: 'reminder', format: 'html' });
      assert.equal(other.statusCode, 404);
      const bad = await preview(credit, { customer: 'C1', step: 'reminder', format: 'docx' });
      assert.equal(bad.statusCode, 400);
    });
  });
}
