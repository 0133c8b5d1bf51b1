import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { BACKENDS } from '../../../test/helpers/test-databases.ts';
import { eventsOf } from '../../../test/helpers/ledger-fixture.ts';
import { isBusinessDay, nextBusinessDay } from '../../runs/business-calendar.ts';
import type { Database } from '../../store/database.ts';
import { importItems, customer } from '../../tasks/tasks.fixture.ts';
import { importCsv } from '../../delivery/delivery.fixture.ts';
import { csv } from '../../../test/helpers/files.ts';
import {
  assertIssues,
  audits,
  companyDay,
  openTeam,
  runOn,
  seedCollections,
  send,
  writeCount,
  type Team,
} from './collections.fixture.ts';

interface PromiseJson {
  id: number;
  customer: string;
  currency: string;
  promisedDate: string;
  amountMinor: number;
  items: string[];
  status: string;
}

for (const backend of BACKENDS) {
  describe(`API: promises to pay (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let app: FastifyInstance;
    let team: Team;
    let inTenDays: string;

    before(async () => {
      database = await backend.open();
      await seedCollections(database);
      ({ app, team } = await openTeam(database));
      inTenDays = await companyDay(database, 10);
    });
    after(async () => {
      await app?.close();
      await database?.close();
    });

    it('takes a promise (201), lists it, cancels it with a reason; events and audit', async () => {
      const created = await send(app, team.marie, 'POST', '/api/customers/K1/promises', {
        date: inTenDays,
        amount: '150.00',
        items: ['I1', 'I2'],
        note: 'the CFO signs on Friday',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const p = created.body as unknown as PromiseJson;
      assert.deepEqual(
        [p.customer, p.currency, p.promisedDate, p.amountMinor, p.items, p.status],
        ['K1', 'EUR', inTenDays, 15000, ['I1', 'I2'], 'open'],
      );
      const list = await app.inject({ url: '/api/customers/K1/promises', headers: team.sam.read });
      assert.equal(list.statusCode, 200, list.body);
      assert.deepEqual(
        (list.json() as { promises: PromiseJson[] }).promises.map((x) => [x.id, x.status]),
        [[p.id, 'open']],
      );
      const cancelled = await send(app, team.manager, 'POST', `/api/promises/${p.id}/cancel`, {
        reason: 'the customer withdrew it',
      });
      assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
      assert.equal((cancelled.body as unknown as PromiseJson).status, 'cancelled');
      const events = await eventsOf(database, 'K1');
      assert.deepEqual(events.slice(-4), [
        `PROMISE_ADDED: promise #${p.id} to pay 150.00 EUR by ${inTenDays} (items I1, I2)`,
        `NOTE_ADDED: marie@seller.example: promise #${p.id}: the CFO signs on Friday`,
        `PROMISE_CANCELLED: promise #${p.id} to pay by ${p.promisedDate} cancelled`,
        `NOTE_ADDED: manager@seller.example: promise #${p.id} cancelled: the customer withdrew it`,
      ]);
      assert.deepEqual(await audits(database, 'promise.create'), [
        `promise:${p.id} by marie@seller.example`,
      ]);
      assert.deepEqual(await audits(database, 'promise.cancel'), [
        `promise:${p.id} by manager@seller.example`,
      ]);
      const again = await send(app, team.admin, 'POST', `/api/promises/${p.id}/cancel`, {
        reason: 'twice',
      });
      assertIssues(again.body, 'INVALID_INPUT', ['id']);
    });

    it('refuses bad input naming fields and values, from the schema and the use-case', async () => {
      const before = await writeCount(database);
      const shape = await send(app, team.admin, 'POST', '/api/customers/K1/promises', {
        date: '10/03/2026',
        amount: 12.5,
        colour: 'red',
      });
      assert.equal(shape.status, 400);
      assertIssues(shape.body, 'INVALID_INPUT', ['body', 'body.amount', 'body.date']);
      assert.ok(shape.body.error.issues.some((i) => i.value === '10/03/2026'));
      const rules = await send(app, team.admin, 'POST', '/api/customers/K1/promises', {
        date: '2020-01-01',
        amount: '0',
        items: ['J1', 'NOPE'],
      });
      assert.equal(rules.status, 400);
      assertIssues(rules.body, 'INVALID_INPUT', ['date', 'amount', 'items', 'items']);
      assert.deepEqual(
        rules.body.error.issues.map((i) => i.value),
        ['2020-01-01', '0', 'J1', 'NOPE'],
      );
      const badId = await send(app, team.admin, 'POST', '/api/promises/abc/cancel', {
        reason: 'x',
      });
      assertIssues(badId.body, 'INVALID_INPUT', ['params.id']);
      const missing = await send(app, team.admin, 'POST', '/api/promises/999999/cancel', {
        reason: 'x',
      });
      assert.equal(missing.status, 404);
      assert.equal(await writeCount(database), before);
    });

    it('refuses a cookie request without the CSRF token (403 CSRF)', async () => {
      const r = await send(app, team.admin.read, 'POST', '/api/customers/K1/promises', {
        date: inTenDays,
        amount: '1.00',
      });
      assert.equal(r.status, 403);
      assert.equal(r.body.error.code, 'CSRF');
    });

    it('checks role and portfolio: 404 outside it, 403 when seen but not allowed', async () => {
      const before = await writeCount(database);
      const body = { date: inTenDays, amount: '1.00' };
      const url = (c: string) => `/api/customers/${c}/promises`;
      assert.equal((await send(app, team.stefan, 'POST', url('K1'), body)).status, 404);
      assert.equal((await send(app, team.sam, 'POST', url('K1'), body)).status, 403);
      assert.equal((await send(app, team.viewer, 'POST', url('K1'), body)).status, 403);
      const hidden = await app.inject({ url: url('K1'), headers: team.stefan.read });
      assert.equal(hidden.statusCode, 404);
      // Another portfolio's promise is answered as one that does not exist.
      const theirs = await send(app, team.stefan, 'POST', url('K2'), body);
      assert.equal(theirs.status, 201);
      const id = (theirs.body as unknown as PromiseJson).id;
      const cancel = await send(app, team.marie, 'POST', `/api/promises/${id}/cancel`, {
        reason: 'not mine',
      });
      assert.equal(cancel.status, 404);
      assert.match(cancel.body.error.message, new RegExp(`no promise #${id} in company`));
      const after = await writeCount(database);
      assert.notEqual(after, before); // Stefan's promise
      for (const who of [team.admin, team.manager, team.marie]) {
        assert.equal((await send(app, who, 'POST', url('K1'), body)).status, 201);
      }
    });

    it('a promise taken over the API makes the next run skip escalation (PROMISE_PENDING)', async () => {
      await importCsv(
        database,
        'customers',
        csv(
          'code,name,country,language,currency,email,phone,address_line1,postal_code,city,collector,sales_owner,scenario',
          customer('P1', 'Papa SARL', '+33100000011', 'Marie Martin', 'Sam Sales', 'calls'),
          customer('P2', 'Quebec SARL', '+33100000012', 'Marie Martin', 'Sam Sales', 'calls'),
        ),
      );
      await importItems(database, [
        'P1,Q1,invoice,2026-02-01,2026-03-05,EUR,80.00,80.00',
        'P2,Q2,invoice,2026-02-01,2026-03-05,EUR,80.00,80.00',
      ]);
      const r = await send(app, team.marie, 'POST', '/api/customers/P1/promises', {
        date: inTenDays,
        amount: '80.00',
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const today = await companyDay(database);
      const day = isBusinessDay('FR', today) ? today : nextBusinessDay('FR', today);
      const report = await runOn(database, day);
      assert.deepEqual(
        report.skips.filter((s) => s.customer === 'P1').map((s) => s.code),
        ['PROMISE_PENDING'],
      );
      assert.equal(report.actions.filter((a) => a.customer === 'P1').length, 0);
      assert.equal(report.actions.filter((a) => a.customer === 'P2').length, 1);
    });
  });
}
