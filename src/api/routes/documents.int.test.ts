import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { BACKENDS } from '../../../test/helpers/test-databases.ts';
import type { Database } from '../../store/database.ts';
import { seed } from '../../delivery/delivery.fixture.ts';
import { composeAction } from '../../documents/compose-action.ts';
import { signInAs, testServer, type SignedIn } from '../auth/api-auth.fixture.ts';

for (const backend of BACKENDS) {
  describe(`API: stored documents (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let app: FastifyInstance;
    let viewer: SignedIn;
    let marie: SignedIn;
    const docs: Record<string, number> = {};

    before(async () => {
      database = await backend.open();
      // C1 (collector marie@seller.example) and C2 (Stefan Krause): e-mails; C3: a letter.
      await seed(database);
      await database.db.updateTable('companies').set({ email: 'credit@seller.example' }).execute();
      const actions = await database.db
        .selectFrom('dunning_actions as a')
        .innerJoin('customers as c', 'c.id', 'a.customer_id')
        .select(['a.id', 'c.code'])
        .execute();
      const actionOf = (code: string) => actions.find((a) => a.code === code)!.id;
      docs.C1 = (await composeAction(database.db, actionOf('C1'), 'email')).document.id;
      docs.C2 = (await composeAction(database.db, actionOf('C2'), 'email')).document.id;
      docs.C3 = (await composeAction(database.db, actionOf('C3'), 'letter')).document.id;
      app = testServer(database);
      viewer = await signInAs(app, database.db, 'viewer@seller.example', 'viewer');
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

    it('serves a letter as application/pdf and an e-mail as sandboxed text/html', async () => {
      const letter = await app.inject({ url: `/api/documents/${docs.C3}`, headers: viewer.read });
      assert.equal(letter.statusCode, 200, letter.body);
      assert.equal(letter.headers['content-type'], 'application/pdf');
      assert.equal(letter.rawPayload.subarray(0, 5).toString(), '%PDF-');
      const email = await app.inject({ url: `/api/documents/${docs.C1}`, headers: viewer.read });
      assert.equal(email.statusCode, 200, email.body);
      assert.equal(email.headers['content-type'], 'text/html; charset=utf-8');
      assert.match(String(email.headers['content-security-policy']), /sandbox/);
      assert.match(email.body, /<html/i);
    });

    it('describes a document: kind, template, hash intact', async () => {
      const r = await app.inject({ url: `/api/documents/${docs.C3}/meta`, headers: viewer.read });
      assert.equal(r.statusCode, 200, r.body);
      const meta = r.json() as Record<string, unknown>;
      assert.equal(meta.customer, 'C3');
      assert.equal(meta.kind, 'letter');
      assert.equal(meta.mediaType, 'application/pdf');
      assert.equal(meta.intact, true);
      assert.equal(meta.url, `/api/documents/${docs.C3}`);
      assert.match(String(meta.sha256), /^[0-9a-f]{64}$/);
    });

    it("answers 404 to a collector for another portfolio's document, as for none", async () => {
      const own = await app.inject({ url: `/api/documents/${docs.C1}`, headers: marie.read });
      assert.equal(own.statusCode, 200, own.body);
      for (const url of [`/api/documents/${docs.C2}`, `/api/documents/${docs.C2}/meta`]) {
        const other = await app.inject({ url, headers: marie.read });
        assert.equal(other.statusCode, 404, other.body);
        assert.equal(other.json().error.message, `no document ${docs.C2}`);
      }
      const none = await app.inject({ url: '/api/documents/999999', headers: viewer.read });
      assert.equal(none.statusCode, 404);
      assert.equal(none.json().error.message, 'no document 999999');
      assert.equal((await app.inject({ url: `/api/documents/${docs.C1}` })).statusCode, 401);
      assert.equal(
        (await app.inject({ url: '/api/documents/abc', headers: viewer.read })).statusCode,
        400,
      );
    });
  });
}
