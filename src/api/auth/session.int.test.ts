import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { BACKENDS } from '../../../test/helpers/test-databases.ts';
import { addUser } from '../../auth/auth.fixture.ts';
import { CLI_ACTOR, listAudit } from '../../auth/audit.ts';
import { createApiToken, revokeApiToken } from '../../auth/api-tokens.ts';
import { createSession } from '../../auth/sessions.ts';
import { disableUser } from '../../auth/users.ts';
import type { Database } from '../../store/database.ts';
import { PASSWORD, signIn, testServer } from './api-auth.fixture.ts';
import { SESSION_COOKIE } from './session-cookie.ts';

const ACCOUNT = '/api/customers/C1/account';

for (const backend of BACKENDS) {
  describe(
    `API sign-in, sessions, CSRF and tokens (${backend.name})`,
    { skip: backend.skip },
    () => {
      let database: Database;
      let app: FastifyInstance;
      before(async () => {
        database = await backend.open();
        app = testServer(database);
        await addUser(database.db, 'ann@example.com', 'admin');
      });
      after(async () => {
        await app?.close();
        await database?.close();
      });

      it('401 UNAUTHENTICATED on every /api route without a session or token', async () => {
        for (const [method, url] of [
          ['GET', ACCOUNT],
          ['GET', '/api/customers/C1/credit-status'],
          ['GET', '/api/session'],
          ['DELETE', '/api/session'],
          ['GET', '/api/no-such-route'],
        ] as const) {
          const r = await app.inject({ method, url });
          assert.equal(r.statusCode, 401, `${method} ${url}`);
          assert.equal(r.json().error.code, 'UNAUTHENTICATED');
          assert.equal(typeof r.json().error.message, 'string');
        }
        // Outside /api, and the open API routes, need nothing.
        assert.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200);
        assert.notEqual(
          (await app.inject({ method: 'GET', url: '/api/openapi.json' })).statusCode,
          401,
        );
      });

      it('POST /api/session signs in: httpOnly SameSite=Strict cookie, user and CSRF token', async () => {
        const r = await app.inject({
          method: 'POST',
          url: '/api/session',
          payload: { email: 'Ann@Example.com', password: PASSWORD },
        });
        assert.equal(r.statusCode, 200);
        const body = r.json();
        assert.equal(body.user.email, 'ann@example.com');
        assert.equal(body.user.role, 'admin');
        assert.match(body.csrfToken, /^[A-Za-z0-9_-]{43}$/);
        assert.ok(!r.body.includes('scrypt'));
        const setCookie = String(r.headers['set-cookie']);
        assert.match(setCookie, new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
        assert.match(setCookie, /HttpOnly/);
        assert.match(setCookie, /SameSite=Strict/);
        assert.match(setCookie, /Path=\//);
        assert.doesNotMatch(setCookie, /Secure/);
        // Over https (here: behind a trusted TLS proxy), the cookie is Secure.
        const proxied = testServer(database, { trustProxy: true });
        const https = await proxied.inject({
          method: 'POST',
          url: '/api/session',
          payload: { email: 'ann@example.com', password: PASSWORD },
          headers: { 'x-forwarded-proto': 'https' },
        });
        await proxied.close();
        assert.equal(https.statusCode, 200);
        assert.match(String(https.headers['set-cookie']), /; Secure/);

        const me = await app.inject({
          method: 'GET',
          url: '/api/session',
          cookies: { [SESSION_COOKIE]: r.cookies[0]!.value },
        });
        assert.equal(me.statusCode, 200);
        assert.equal(me.json().user.email, 'ann@example.com');
        assert.equal(me.json().csrfToken, body.csrfToken);
        assert.deepEqual(me.json().portfolio, { kind: 'all' });
      });

      it('a wrong password or unknown e-mail: 401 with no hint which; 400 for a bad body', async () => {
        const wrong = await app.inject({
          method: 'POST',
          url: '/api/session',
          payload: { email: 'ann@example.com', password: 'not the password' },
          remoteAddress: '203.0.113.9',
        });
        assert.equal(wrong.statusCode, 401);
        assert.equal(wrong.json().error.code, 'UNAUTHENTICATED');
        assert.equal(wrong.json().error.message, 'wrong e-mail or password');
        assert.ok(!wrong.body.includes('not the password'));
        assert.equal(wrong.headers['set-cookie'], undefined);
        const unknown = await app.inject({
          method: 'POST',
          url: '/api/session',
          payload: { email: 'who@example.com', password: 'not the password' },
          remoteAddress: '203.0.113.9',
        });
        assert.deepEqual(unknown.json().error.message, wrong.json().error.message);
        const bad = await app.inject({
          method: 'POST',
          url: '/api/session',
          payload: { email: 1 },
        });
        assert.equal(bad.statusCode, 400);
        assert.equal(bad.json().error.code, 'INVALID_INPUT');
      });

      it('rate limit: the sixth attempt within 15 minutes is 429 with Retry-After', async () => {
        const attempt = (password: string) =>
          app.inject({
            method: 'POST',
            url: '/api/session',
            payload: { email: 'ann@example.com', password },
            remoteAddress: '198.51.100.77',
          });
        for (let i = 0; i < 5; i++) assert.equal((await attempt('wrong password')).statusCode, 401);
        const limited = await attempt(PASSWORD);
        assert.equal(limited.statusCode, 429);
        assert.equal(limited.json().error.code, 'RATE_LIMITED');
        assert.ok(Number(limited.headers['retry-after']) > 800);
        // Another address signs in.
        await signIn(app, 'ann@example.com');
      });

      it('CSRF: a state-changing request with the cookie needs x-csrf-token', async () => {
        const s = await signIn(app, 'ann@example.com');
        const noHeader = await app.inject({
          method: 'DELETE',
          url: '/api/session',
          headers: s.read,
        });
        assert.equal(noHeader.statusCode, 403);
        assert.equal(noHeader.json().error.code, 'CSRF');
        const wrong = await app.inject({
          method: 'DELETE',
          url: '/api/session',
          // The token with its last character changed (to another one: 1 in 64 ended in A).
          headers: {
            ...s.read,
            'x-csrf-token': s.csrfToken.slice(0, -1) + (s.csrfToken.endsWith('A') ? 'B' : 'A'),
          },
        });
        assert.equal(wrong.statusCode, 403);
        // GET needs no CSRF token.
        assert.equal(
          (await app.inject({ method: 'GET', url: '/api/session', headers: s.read })).statusCode,
          200,
        );
        // With it: signed out, the cookie cleared, the session gone for good.
        const out = await app.inject({ method: 'DELETE', url: '/api/session', headers: s.write });
        assert.equal(out.statusCode, 204);
        assert.match(String(out.headers['set-cookie']), new RegExp(`^${SESSION_COOKIE}=;`));
        const after = await app.inject({ method: 'GET', url: '/api/session', headers: s.read });
        assert.equal(after.statusCode, 401);
        assert.ok((await listAudit(database.db)).some((a) => a.action === 'session.delete'));
      });

      it('an expired session is 401 and its cookie is cleared', async () => {
        const user = await database.db
          .selectFrom('users')
          .select('id')
          .where('email', '=', 'ann@example.com')
          .executeTakeFirstOrThrow();
        const old = await createSession(database.db, user.id, {
          now: new Date(Date.now() - 13 * 3_600_000),
        });
        const r = await app.inject({
          method: 'GET',
          url: ACCOUNT,
          cookies: { [SESSION_COOKIE]: old.sessionId },
        });
        assert.equal(r.statusCode, 401);
        assert.equal(r.json().error.code, 'UNAUTHENTICATED');
        assert.match(r.json().error.message, /session has ended/);
        assert.match(String(r.headers['set-cookie']), new RegExp(`^${SESSION_COOKIE}=;`));
      });

      it('Authorization: Bearer token works without CSRF; revoked or malformed is 401', async () => {
        const { token, id } = await createApiToken(
          database.db,
          { name: 'ERP', role: 'viewer' },
          CLI_ACTOR,
        );
        const auth = { authorization: `Bearer ${token}` };
        const me = await app.inject({ method: 'GET', url: '/api/session', headers: auth });
        assert.equal(me.statusCode, 200);
        assert.deepEqual(
          {
            kind: me.json().kind,
            token: me.json().token,
            role: me.json().role,
            user: me.json().user,
          },
          { kind: 'token', token: 'ERP', role: 'viewer', user: null },
        );
        // State-changing with a token: no CSRF needed (a browser never sends it on its own).
        assert.equal(
          (await app.inject({ method: 'DELETE', url: '/api/session', headers: auth })).statusCode,
          204,
        );
        for (const header of [`Bearer ${token}x`, 'Bearer', `Basic ${token}`, token]) {
          const r = await app.inject({
            method: 'GET',
            url: '/api/session',
            headers: { authorization: header },
          });
          assert.equal(r.statusCode, 401, header);
          assert.ok(!r.body.includes(token), 'the token is never echoed');
        }
        await revokeApiToken(database.db, String(id), CLI_ACTOR);
        const revoked = await app.inject({ method: 'GET', url: '/api/session', headers: auth });
        assert.equal(revoked.statusCode, 401);
      });

      it('disabling a user ends their sessions at once', async () => {
        await addUser(database.db, 'bob@example.com', 'viewer');
        const s = await signIn(app, 'bob@example.com');
        await disableUser(database.db, 'bob@example.com', CLI_ACTOR);
        const r = await app.inject({ method: 'GET', url: '/api/session', headers: s.read });
        assert.equal(r.statusCode, 401);
      });
    },
  );
}
