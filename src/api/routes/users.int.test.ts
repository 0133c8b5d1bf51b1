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

    const patch = (who: SignedIn, id: number, payload: object) =>
      app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: who.write, payload });
    const userId = async (email: string) =>
      (
        (await app.inject({ url: '/api/users', headers: admin.read })).json() as {
          users: (User & { lastSignInAt: string | null })[];
        }
      ).users.find((u) => u.email === email)!;

    it('enables a disabled user again: they sign in with their password', async () => {
      const anna = await userId('anna@seller.example');
      assert.ok(anna.disabledAt);
      assert.ok(anna.lastSignInAt, 'the list says when they last signed in');
      const r = await patch(admin, anna.id, { disabled: false });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal((r.json() as User).disabledAt, null);
      await signIn(app, 'anna@seller.example');
    });

    it("changes a user's role and portfolio: their sessions end, their tokens are revoked", async () => {
      const anna = await signIn(app, 'anna@seller.example');
      const { id } = await userId('anna@seller.example');
      const token = await app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: admin.write,
        payload: { name: 'Anna script', role: 'collector', user: 'anna@seller.example' },
      });
      assert.equal(token.statusCode, 201, token.body);
      const bearer = { authorization: `Bearer ${(token.json() as { token: string }).token}` };
      // Sales needs a portfolio name; every bad field is named.
      const bad = await patch(admin, id, { role: 'sales', portfolioName: null, name: '' });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.deepEqual(
        (bad.json().error as { issues: { field: string }[] }).issues.map((i) => i.field),
        ['name', 'portfolioName'],
      );
      const empty = await patch(admin, id, {});
      assert.equal(empty.statusCode, 400, empty.body);
      const unknown = await patch(admin, id, { password: 'x' });
      assert.equal(unknown.statusCode, 400, unknown.body);
      // Nothing changed yet: the session and the token still work.
      assert.equal((await app.inject({ url: '/api/session', headers: anna.read })).statusCode, 200);
      const r = await patch(admin, id, { role: 'credit_manager', name: 'Anna B.' });
      assert.equal(r.statusCode, 200, r.body);
      const changed = r.json() as User & { name: string; portfolioName: string };
      assert.deepEqual(
        [changed.role, changed.name, changed.portfolioName],
        ['credit_manager', 'Anna B.', 'Anna Becker'],
      );
      assert.equal((await app.inject({ url: '/api/session', headers: anna.read })).statusCode, 401);
      assert.equal((await app.inject({ url: '/api/session', headers: bearer })).statusCode, 401);
      // Signed in again, the new role applies.
      const again = await signIn(app, 'anna@seller.example');
      const session = await app.inject({ url: '/api/session', headers: again.read });
      assert.equal((session.json() as { role: string }).role, 'credit_manager');
      // The same values again change nothing: the session stays.
      const same = await patch(admin, id, { role: 'credit_manager' });
      assert.equal(same.statusCode, 200, same.body);
      assert.equal(
        (await app.inject({ url: '/api/session', headers: again.read })).statusCode,
        200,
      );
      const audit = await app.inject({ url: '/api/audit?limit=20', headers: admin.read });
      const update = (
        audit.json() as { entries: { action: string; targetId: string; detail: unknown }[] }
      ).entries.filter((e) => e.action === 'user.update' && e.targetId === String(id));
      assert.equal(update.length, 1, 'one entry: the second change changed nothing');
      assert.deepEqual(update[0]!.detail, {
        email: 'anna@seller.example',
        changes: {
          role: { from: 'collector', to: 'credit_manager' },
          name: { from: 'Anna Becker', to: 'Anna B.' },
        },
        sessionsEnded: 2,
        tokensRevoked: 1,
      });
    });

    it('never demotes or disables the last active admin (409), whoever asks', async () => {
      const self = await userId('admin@seller.example');
      for (const payload of [{ role: 'viewer' }, { disabled: true }]) {
        const r = await patch(admin, self.id, payload);
        assert.equal(r.statusCode, 409, r.body);
        const error = r.json().error as { code: string; issues: { field: string }[] };
        assert.equal(error.code, 'CONFLICT');
        assert.deepEqual(
          error.issues.map((i) => i.field),
          [Object.keys(payload)[0]],
        );
      }
      // With a second admin, the first may step down; their own session ends.
      const other = await signInAs(app, database.db, 'second@seller.example', 'admin');
      const down = await patch(admin, self.id, { role: 'viewer' });
      assert.equal(down.statusCode, 200, down.body);
      assert.equal(
        (await app.inject({ url: '/api/session', headers: admin.read })).statusCode,
        401,
      );
      // Now the second admin is the last one.
      const second = await userId2(other, 'second@seller.example');
      assert.equal((await patch(other, second, { disabled: true })).statusCode, 409);
      // Put things back for the tests below.
      assert.equal((await patch(other, self.id, { role: 'admin' })).statusCode, 200);
      admin = await signIn(app, 'admin@seller.example');
      const denied = await patch(credit, second, { disabled: true });
      assert.equal(denied.statusCode, 403, denied.body);
    });

    const userId2 = async (who: SignedIn, email: string) =>
      (
        (await app.inject({ url: '/api/users', headers: who.read })).json() as {
          users: User[];
        }
      ).users.find((u) => u.email === email)!.id;

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
        (list.json() as { tokens: { id: number; prefix: string }[] }).tokens.find(
          (t) => t.id === created.id,
        )?.prefix,
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
      const audit = await app.inject({ url: '/api/audit?limit=500', headers: credit.read });
      assert.equal(audit.statusCode, 200, audit.body);
      const actions = (audit.json() as { entries: { action: string; user: string | null }[] })
        .entries;
      for (const action of [
        'user.create',
        'user.disable',
        'user.enable',
        'user.update',
        'token.create',
        'token.revoke',
      ]) {
        assert.ok(
          actions.some((e) => e.action === action && e.user === 'admin@seller.example'),
          action,
        );
      }
      const viewer = await signInAs(app, database.db, 'viewer@seller.example', 'viewer');
      assert.equal((await app.inject({ url: '/api/audit', headers: viewer.read })).statusCode, 403);
    });
  });
}
