import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { BACKENDS } from '../../../test/helpers/test-databases.ts';
import type { Database } from '../../store/database.ts';
import { PASSWORD, signIn, signInAs, testServer, type SignedIn } from '../auth/api-auth.fixture.ts';

interface User {
  id: number;
  email: string;
  role: string;
  disabledAt: string | null;
}

for (const backend of BACKENDS) {
  describe(`API: users, tokens, audit (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let app: FastifyInstance;
    let admin: SignedIn;
    let credit: SignedIn;

    before(async () => {
      database = await backend.open();
      app = testServer(database);
      admin = await signInAs(app, database.db, 'admin@seller.example', 'admin');
      credit = await signInAs(app, database.db, 'credit@seller.example', 'credit_manager');
    });
    after(async () => {
      await app?.close();
      await database?.close();
    });

    it('adds a user, lists users, and refuses a bad or duplicate one', async () => {
      const r = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.write,
        payload: {
          email: 'Anna@Seller.example',
          role: 'collector',
          name: 'Anna Becker',
          portfolioName: 'Anna Becker',
          password: PASSWORD,
        },
      });
      assert.equal(r.statusCode, 201, r.body);
      const user = r.json() as User & { portfolioName: string };
      assert.deepEqual(
        [user.email, user.role, user.portfolioName],
        ['anna@seller.example', 'collector', 'Anna Becker'],
      );
      assert.ok(!r.body.includes(PASSWORD));
      // The new user signs in.
      await signIn(app, 'anna@seller.example');
      const dup = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.write,
        payload: { email: 'anna@seller.example', role: 'viewer', password: PASSWORD },
      });
      assert.equal(dup.statusCode, 409);
      const bad = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.write,
        payload: { email: 'not-an-email', role: 'sales', password: 'short' },
      });
      assert.equal(bad.statusCode, 400);
      const fields = (bad.json().error as { issues: { field: string }[] }).issues.map(
        (i) => i.field,
      );
      assert.deepEqual(fields.sort(), ['collector', 'email', 'password']);
      assert.ok(!bad.body.includes('"short"'), 'the password is never echoed');
      const list = await app.inject({ url: '/api/users', headers: admin.read });
      assert.deepEqual(
        (list.json() as { users: User[] }).users.map((u) => u.email),
        ['admin@seller.example', 'anna@seller.example', 'credit@seller.example'],
      );
    });

    it('disables a user: their session ends', async () => {
      const anna = await signIn(app, 'anna@seller.example');
      const users = (
        (await app.inject({ url: '/api/users', headers: admin.read })).json() as { users: User[] }
      ).users;
      const id = users.find((u) => u.email === 'anna@seller.example')!.id;
      const roleChange = await app.inject({
        method: 'PATCH',
        url: `/api/users/${id}`,
        headers: admin.write,
        payload: { role: 'admin' },
      });
      assert.equal(roleChange.statusCode, 400);
      const r = await app.inject({
        method: 'PATCH',
        url: `/api/users/${id}`,
        headers: admin.write,
        payload: { disabled: true },
      });
      assert.equal(r.statusCode, 200, r.body);
      assert.ok((r.json() as User).disabledAt);
      const after = await app.inject({ url: '/api/session', headers: anna.read });
      assert.equal(after.statusCode, 401);
      const missing = await app.inject({
        method: 'PATCH',
        url: '/api/users/999999',
        headers: admin.write,
        payload: { disabled: true },
      });
      assert.equal(missing.statusCode, 404);
    });

    it('creates a token shown once, lists it without its secret, revokes it', async () => {
      const r = await app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: admin.write,
        payload: { name: 'ERP sync', role: 'credit_manager' },
      });
      assert.equal(r.statusCode, 201, r.body);
      const created = r.json() as { id: number; token: string; prefix: string };
      assert.match(created.token, /^rl_[0-9a-f]{8}_/);
      const bearer = { authorization: `Bearer ${created.token}` };
      assert.equal((await app.inject({ url: '/api/session', headers: bearer })).statusCode, 200);
      const list = await app.inject({ url: '/api/tokens', headers: admin.read });
      assert.ok(!list.body.includes(created.token));
      assert.equal(
        (list.json() as { tokens: { prefix: string }[] }).tokens[0]!.prefix,
        created.prefix,
      );
      const revoked = await app.inject({
        method: 'DELETE',
        url: `/api/tokens/${created.id}`,
        headers: admin.write,
      });
      assert.equal(revoked.statusCode, 200, revoked.body);
      assert.equal((await app.inject({ url: '/api/session', headers: bearer })).statusCode, 401);
    });

    it('keeps users and tokens to admins, the audit log to admins and credit managers', async () => {
      for (const [method, url] of [
        ['GET', '/api/users'],
        ['POST', '/api/users'],
        ['GET', '/api/tokens'],
        ['POST', '/api/tokens'],
        ['DELETE', '/api/tokens/1'],
      ] as const) {
        const r = await app.inject({ method, url, headers: credit.write, payload: {} });
        assert.equal(r.statusCode, 403, `${method} ${url}: ${r.body}`);
      }
      const audit = await app.inject({ url: '/api/audit?limit=50', headers: credit.read });
      assert.equal(audit.statusCode, 200, audit.body);
      const actions = (audit.json() as { entries: { action: string; user: string | null }[] })
        .entries;
      for (const action of ['user.create', 'user.disable', 'token.create', 'token.revoke']) {
        const entry = actions.find((e) => e.action === action);
        assert.equal(entry?.user, 'admin@seller.example', action);
      }
      const viewer = await signInAs(app, database.db, 'viewer@seller.example', 'viewer');
      assert.equal((await app.inject({ url: '/api/audit', headers: viewer.read })).statusCode, 403);
    });
  });
}
