import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { BACKENDS } from '../../../test/helpers/test-databases.ts';
import { csv } from '../../../test/helpers/files.ts';
import { seedLedger, TODAY } from '../../../test/helpers/ledger-fixture.ts';
import { CLI_ACTOR } from '../../auth/audit.ts';
import { createApiToken } from '../../auth/api-tokens.ts';
import type { Role } from '../../core/auth/roles.ts';
import type { Database } from '../../store/database.ts';
import { signInAs, testServer, type SignedIn } from './api-auth.fixture.ts';
import { requirePermission } from './authenticate.ts';

const CUSTOMERS = csv(
  'code,name,country,language,currency,collector,sales_owner',
  'ANNA1,Anna Un SARL,FR,fr,EUR,Anna Becker,Paul Vendeur',
  'STEF1,Stefan Zwei GmbH,DE,de,EUR,Stefan Krause,Eva Seller',
);
const ITEMS = csv(
  'customer,number,type,issue_date,due_date,currency,amount,open_amount',
  'ANNA1,F1,invoice,2026-02-01,2026-03-01,EUR,300.00,300.00',
  'STEF1,G1,invoice,2026-02-01,2026-03-01,EUR,150.00,150.00',
);

/** Every GET route over a customer, as [name, url of customer code]. */
const CUSTOMER_ROUTES: [string, (code: string) => string][] = [
  ['account', (c) => `/api/customers/${c}/account?asOf=${TODAY}`],
  ['credit-status', (c) => `/api/customers/${c}/credit-status?asOf=${TODAY}`],
];

// role, portfolio name → the customers it may read (the others answer 404 NOT_FOUND).
const ROLE_CASES: [Role, string | undefined, string[]][] = [
  ['admin', undefined, ['ANNA1', 'STEF1']],
  ['credit_manager', undefined, ['ANNA1', 'STEF1']],
  ['viewer', undefined, ['ANNA1', 'STEF1']],
  ['collector', 'Anna Becker', ['ANNA1']],
  ['sales', 'Paul Vendeur', ['ANNA1']],
];

for (const backend of BACKENDS) {
  describe(`API: every route as every role (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let app: FastifyInstance;
    const signedIn = new Map<Role, SignedIn>();

    before(async () => {
      database = await backend.open();
      await seedLedger(database, CUSTOMERS, ITEMS);
      app = testServer(database);
      // A route that only admins may call, as future routes will check it.
      app.post('/api/test/users-only', async (request) => {
        requirePermission(request, 'users:manage');
        return { ok: true };
      });
      for (const [role, portfolio] of ROLE_CASES)
        signedIn.set(
          role,
          await signInAs(app, database.db, `${role}@example.com`, role, portfolio),
        );
    });
    after(async () => {
      await app?.close();
      await database?.close();
    });

    for (const [role, , visible] of ROLE_CASES) {
      for (const [route, url] of CUSTOMER_ROUTES) {
        for (const code of ['ANNA1', 'STEF1']) {
          const allowed = visible.includes(code);
          it(`${role} GET ${route} of ${code} → ${allowed ? 200 : 404}`, async () => {
            const r = await app.inject({
              method: 'GET',
              url: url(code),
              headers: signedIn.get(role)!.read,
            });
            assert.equal(r.statusCode, allowed ? 200 : 404, r.body);
            if (!allowed) {
              // Exactly the answer for a customer that does not exist: nothing leaks.
              const missing = await app.inject({
                method: 'GET',
                url: url('NOPE'),
                headers: signedIn.get(role)!.read,
              });
              assert.deepEqual(
                r.json().error,
                JSON.parse(missing.body.replaceAll('NOPE', code)).error,
              );
            }
          });
        }
      }
      it(`${role} GET /api/session → 200 with its role and portfolio`, async () => {
        const r = await app.inject({
          method: 'GET',
          url: '/api/session',
          headers: signedIn.get(role)!.read,
        });
        assert.equal(r.statusCode, 200);
        assert.equal(r.json().role, role);
      });
    }

    for (const [role] of ROLE_CASES) {
      const allowed = role === 'admin';
      it(`${role} POST a users:manage route → ${allowed ? 200 : '403 FORBIDDEN'}`, async () => {
        const r = await app.inject({
          method: 'POST',
          url: '/api/test/users-only',
          headers: signedIn.get(role)!.write,
        });
        assert.equal(r.statusCode, allowed ? 200 : 403, r.body);
        if (!allowed)
          assert.deepEqual(r.json().error, {
            code: 'FORBIDDEN',
            message: `the ${role} role may not do this (users:manage)`,
            issues: [{ field: 'role', value: role, expected: 'a role allowed users:manage' }],
            problems: [{ field: 'role', value: role, expected: 'a role allowed users:manage' }],
          });
      });
    }

    it('a collector reads the other portfolios when the company allows it', async () => {
      await database.db.updateTable('companies').set({ collectors_read_all: true }).execute();
      try {
        const r = await app.inject({
          method: 'GET',
          url: `/api/customers/STEF1/account?asOf=${TODAY}`,
          headers: signedIn.get('collector')!.read,
        });
        assert.equal(r.statusCode, 200);
        // …but sales people still see only their own.
        const sales = await app.inject({
          method: 'GET',
          url: `/api/customers/STEF1/account?asOf=${TODAY}`,
          headers: signedIn.get('sales')!.read,
        });
        assert.equal(sales.statusCode, 404);
      } finally {
        await database.db.updateTable('companies').set({ collectors_read_all: false }).execute();
      }
    });

    it("a collector's token acts for the collector's portfolio; a token of its own sees none", async () => {
      await signInAs(app, database.db, 'stefan@example.com', 'collector', 'Stefan Krause');
      const own = await createApiToken(
        database.db,
        { name: 'Stefan', role: 'collector', user: 'stefan@example.com' },
        CLI_ACTOR,
      );
      const loose = await createApiToken(
        database.db,
        { name: 'loose', role: 'collector' },
        CLI_ACTOR,
      );
      const get = (token: string, code: string) =>
        app.inject({
          method: 'GET',
          url: `/api/customers/${code}/credit-status?asOf=${TODAY}`,
          headers: { authorization: `Bearer ${token}` },
        });
      assert.equal((await get(own.token, 'STEF1')).statusCode, 200);
      assert.equal((await get(own.token, 'ANNA1')).statusCode, 404);
      assert.equal((await get(loose.token, 'STEF1')).statusCode, 404);
    });
  });
}
