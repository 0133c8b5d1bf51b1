import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { AppError } from '../core/errors.ts';
import { SESSION_POLICY } from '../core/auth/session-policy.ts';
import type { Database } from '../store/database.ts';
import { listApiTokens, createApiToken, lookupApiToken, revokeApiToken } from './api-tokens.ts';
import { CLI_ACTOR, listAudit } from './audit.ts';
import { addUser, FAST_PARAMS, PASSWORD } from './auth.fixture.ts';
import { login, RateLimitedError } from './login.ts';
import { LoginLimiter } from './login-limiter.ts';
import { PASSWORD_PARAMS } from './password-hash.ts';
import { createSession, deleteExpiredSessions, deleteSession, lookupSession } from './sessions.ts';
import { createUser, disableUser, findUserByEmail, listUsers } from './users.ts';
import { ensureDemoAdmin, DEMO_ADMIN_EMAIL } from './demo-admin.ts';

const IP = '192.0.2.7';
const isCode = (code: string) => (e: unknown) => e instanceof AppError && e.code === code;

for (const backend of BACKENDS) {
  describe(`users, sessions, tokens, audit (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    before(async () => {
      database = await backend.open();
    });
    after(async () => database?.close());

    it('creates users; e-mails are unique whatever their case; no hash in views', async () => {
      const { db } = database;
      const ann = await addUser(db, 'Ann@Example.com', 'collector', 'Anna Becker');
      assert.equal(ann.email, 'ann@example.com');
      assert.equal(ann.portfolioName, 'Anna Becker');
      assert.ok(!('password_hash' in ann) && !JSON.stringify(ann).includes('scrypt'));
      await assert.rejects(addUser(db, 'ANN@example.com', 'viewer'), (e: unknown) => {
        assert.ok(e instanceof AppError);
        assert.equal(e.code, 'CONFLICT');
        assert.deepEqual(e.problems[0], {
          field: 'email',
          value: 'ann@example.com',
          expected: 'an e-mail address not used by another user',
        });
        return true;
      });
      await assert.rejects(
        createUser(db, { email: 'x@example.com', role: 'root', password: 'short' }, CLI_ACTOR),
        (e: unknown) => isCode('INVALID_INPUT')(e) && (e as AppError).problems.length === 2,
      );
      assert.equal((await findUserByEmail(db, ' ANN@EXAMPLE.COM'))?.id, ann.id);
      assert.deepEqual(
        (await listUsers(db)).map((u) => u.email),
        ['ann@example.com'],
      );
    });

    it('signs in, upgrades an old hash, and audits without secrets', async () => {
      const { db } = database;
      const limiter = new LoginLimiter();
      const { user, session } = await login(
        db,
        { email: 'ANN@example.com', password: PASSWORD, ip: IP },
        { limiter, passwordParams: PASSWORD_PARAMS },
      );
      assert.equal(user.email, 'ann@example.com');
      assert.match(session.sessionId, /^[A-Za-z0-9_-]{43}$/);
      const stored = await db.selectFrom('sessions').select(['id_sha256', 'csrf_token']).execute();
      assert.equal(stored.length, 1);
      assert.notEqual(stored[0]!.id_sha256, session.sessionId);
      assert.match(stored[0]!.id_sha256, /^[0-9a-f]{64}$/);
      const hash = await db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      assert.match(hash.password_hash, /^\$scrypt\$ln=15,r=8,p=3\$/);
      const audit = await listAudit(db);
      assert.equal(audit[0]?.action, 'session.create');
      assert.equal(audit[0]?.user, 'ann@example.com');
      assert.equal(audit[0]?.ip, IP);
      assert.ok(!JSON.stringify(audit).includes(PASSWORD));
      assert.ok(!JSON.stringify(audit).includes(session.sessionId));
    });

    it('refuses wrong passwords and unknown e-mails alike, then rate-limits', async () => {
      const { db } = database;
      const limiter = new LoginLimiter();
      const t0 = new Date('2026-03-10T08:00:00Z');
      const attempt = (email: string, password: string, minutes = 0) =>
        login(
          db,
          { email, password, ip: IP },
          { limiter, now: new Date(t0.getTime() + minutes * 60_000), passwordParams: FAST_PARAMS },
        );
      await assert.rejects(attempt('nobody@example.com', PASSWORD), (e: unknown) => {
        assert.ok(e instanceof AppError);
        assert.equal(e.code, 'UNAUTHENTICATED');
        assert.equal(e.message, 'wrong e-mail or password');
        return true;
      });
      for (let i = 0; i < 5; i++)
        await assert.rejects(attempt('ann@example.com', 'wrong password!', i), (e: unknown) => {
          assert.ok(e instanceof AppError && e.code === 'UNAUTHENTICATED');
          assert.ok(!JSON.stringify(e).includes('wrong password!'));
          return true;
        });
      // The right password is refused too while the limit holds.
      await assert.rejects(attempt('ann@example.com', PASSWORD, 5), (e: unknown) => {
        assert.ok(e instanceof RateLimitedError);
        assert.equal(e.code, 'RATE_LIMITED');
        assert.equal(e.retryAfterSeconds, 600);
        return true;
      });
      // Another address is not limited; the same one is again after 15 minutes.
      await login(
        db,
        { email: 'ann@example.com', password: PASSWORD, ip: '198.51.100.1' },
        { limiter, now: t0, passwordParams: FAST_PARAMS },
      );
      await attempt('ann@example.com', PASSWORD, 15);
      const failed = (await listAudit(db)).filter((a) => a.action === 'session.failed');
      assert.equal(failed.length, 6);
      assert.deepEqual(failed.at(-1)?.detail, {
        email: 'nobody@example.com',
        reason: 'unknown_email',
      });
    });

    it('sessions end after 12 h idle or 7 days, and on sign-out', async () => {
      const { db } = database;
      const user = (await findUserByEmail(db, 'ann@example.com'))!;
      const t0 = new Date('2026-03-10T08:00:00Z');
      const at = (h: number) => new Date(t0.getTime() + h * 3_600_000);
      const s = await createSession(db, user.id, { now: t0 });
      const live = await lookupSession(db, s.sessionId, { now: at(11) });
      assert.equal(live?.user.email, 'ann@example.com');
      assert.equal(live?.csrfToken, s.csrfToken);
      assert.deepEqual(live?.principal.portfolio, { kind: 'collector', name: 'Anna Becker' });
      // Seen at 11 h: alive at 22 h, gone at 23 h (12 h idle).
      assert.ok(await lookupSession(db, s.sessionId, { now: at(22) }));
      assert.equal(await lookupSession(db, s.sessionId, { now: at(34) }), undefined);
      assert.equal(await lookupSession(db, s.sessionId, { now: at(1) }), undefined, 'deleted');
      // Busy but past 7 days.
      const busy = await createSession(db, user.id, { now: t0 });
      for (let h = 10; h < 7 * 24; h += 10)
        assert.ok(await lookupSession(db, busy.sessionId, { now: at(h) }));
      assert.equal(await lookupSession(db, busy.sessionId, { now: at(7 * 24) }), undefined);
      const out = await createSession(db, user.id, { now: t0 });
      const found = (await lookupSession(db, out.sessionId, { now: t0 }))!;
      await deleteSession(db, found.id);
      assert.equal(await lookupSession(db, out.sessionId, { now: t0 }), undefined);
      assert.equal(await lookupSession(db, 'not-a-session', { now: t0 }), undefined);
      await createSession(db, user.id, { now: t0 });
      assert.ok(
        (await deleteExpiredSessions(db, { now: at(SESSION_POLICY.idleMs / 3_600_000) })) >= 1,
      );
    });

    it('API tokens: shown once, stored hashed, revocable; disabling the user stops them', async () => {
      const { db } = database;
      const erp = await createApiToken(db, { name: 'ERP', role: 'credit_manager' }, CLI_ACTOR);
      assert.match(erp.token, /^rl_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
      assert.equal(erp.token.slice(3, 11), erp.prefix);
      const rows = await db.selectFrom('api_tokens').selectAll().execute();
      assert.ok(!JSON.stringify(rows).includes(erp.token.slice(12)));
      const principal = await lookupApiToken(db, erp.token);
      assert.deepEqual(principal, {
        kind: 'token',
        userId: null,
        tokenId: erp.id,
        label: 'token:ERP',
        role: 'credit_manager',
        portfolio: { kind: 'all' },
      });
      assert.ok((await listApiTokens(db)).find((t) => t.id === erp.id)?.lastUsedAt);
      const changed = erp.token.slice(0, -1) + (erp.token.endsWith('x') ? 'y' : 'x');
      assert.equal(await lookupApiToken(db, changed), undefined);
      assert.equal(await lookupApiToken(db, 'rl_nope'), undefined);
      await revokeApiToken(db, String(erp.id), CLI_ACTOR);
      assert.equal(await lookupApiToken(db, erp.token), undefined);
      await assert.rejects(revokeApiToken(db, '999', CLI_ACTOR), isCode('NOT_FOUND'));
      await assert.rejects(
        createApiToken(db, { name: '', role: 'god' }, CLI_ACTOR),
        (e: unknown) => isCode('INVALID_INPUT')(e) && (e as AppError).problems.length === 2,
      );

      const mine = await createApiToken(
        db,
        { name: 'Ann script', role: 'collector', user: 'ann@example.com' },
        CLI_ACTOR,
      );
      assert.deepEqual((await lookupApiToken(db, mine.token))?.portfolio, {
        kind: 'collector',
        name: 'Anna Becker',
      });
      const annId = (await findUserByEmail(db, 'ann@example.com'))!.id;
      const s = await createSession(db, annId);
      const disabled = await disableUser(db, 'ann@example.com', CLI_ACTOR);
      assert.ok(disabled.disabledAt);
      assert.equal(await lookupApiToken(db, mine.token), undefined);
      assert.equal(await lookupSession(db, s.sessionId), undefined);
      await assert.rejects(
        login(
          db,
          { email: 'ann@example.com', password: PASSWORD, ip: IP },
          { limiter: new LoginLimiter(), passwordParams: FAST_PARAMS },
        ),
        isCode('UNAUTHENTICATED'),
      );
      await assert.rejects(disableUser(db, 'who@example.com', CLI_ACTOR), isCode('NOT_FOUND'));
      const actions = (await listAudit(db)).map((a) => a.action);
      for (const action of ['token.create', 'token.revoke', 'user.disable', 'user.create'])
        assert.ok(actions.includes(action), action);
    });

    it('the demo admin is created once, its password returned only then', async () => {
      const { db } = database;
      const first = await ensureDemoAdmin(db);
      assert.equal(first.email, DEMO_ADMIN_EMAIL);
      assert.match(first.password ?? '', /^[A-Za-z0-9_-]{20}$/);
      assert.deepEqual(await ensureDemoAdmin(db), { email: DEMO_ADMIN_EMAIL });
      const { user } = await login(
        db,
        { email: DEMO_ADMIN_EMAIL, password: first.password!, ip: IP },
        { limiter: new LoginLimiter() },
      );
      assert.equal(user.role, 'admin');
    });
  });
}
