import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { BACKENDS } from '../../../test/helpers/test-databases.ts';
import { SmtpSink } from '../../../test/helpers/smtp-sink.ts';
import type { Database } from '../../store/database.ts';
import { loadConfig, type Config } from '../../config.ts';
import { FAST_PARAMS } from '../../auth/auth.fixture.ts';
import { LoginLimiter } from '../../auth/login-limiter.ts';
import { csv } from '../../../test/helpers/files.ts';
import { importCsv, runDay, seed } from '../../delivery/delivery.fixture.ts';
import { buildServer } from '../server.ts';
import { signInAs, type SignedIn } from '../auth/api-auth.fixture.ts';

/** The configuration of a deployment sending through `smtpUrl` (none: e-mail not set up). */
function configWith(smtpUrl: string | undefined): Config {
  const base = loadConfig({});
  return {
    ...base,
    delivery: {
      ...base.delivery,
      smtpUrl,
      mailFrom: 'Seller Credit Team <credit@seller.example>',
      retryBaseSeconds: 1,
    },
  };
}

function server(database: Database, config: Config): FastifyInstance {
  return buildServer(database, {
    auth: { passwordParams: FAST_PARAMS, limiter: new LoginLimiter() },
    config,
  });
}

interface Row {
  id: number;
  customer: string;
  channel: string;
  state: string;
  cancelReason: string | null;
}

for (const backend of BACKENDS) {
  describe(`API: outbox, sending and letters (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let sink: SmtpSink;
    let app: FastifyInstance;
    let credit: SignedIn;
    let marie: SignedIn;
    let sam: SignedIn;
    let viewer: SignedIn;

    before(async () => {
      database = await backend.open();
      // C1 and C2 get e-mails (C1's collector is marie@seller.example), C3 a letter.
      await seed(database);
      // C4 gets a letter too (it is cancelled below).
      await importCsv(
        database,
        'customers',
        csv(
          'code,name,country,language,currency,address_line1,postal_code,city',
          'C4,Four Ltd,GB,en,GBP,4 High St,EC1A 1AA,London',
        ),
      );
      await importCsv(
        database,
        'items',
        csv(
          'customer,number,type,issue_date,due_date,currency,amount,open_amount',
          'C1,F1,invoice,2026-02-01,2026-03-03,EUR,1234.56,1234.56',
          'C1,F1B,invoice,2026-03-01,2026-03-31,EUR,100.00,100.00',
          'C2,F2,invoice,2026-02-01,2026-03-07,EUR,200.00,200.00',
          'C3,F3,invoice,2026-02-01,2026-03-05,GBP,300.00,300.00',
          'C4,F4,invoice,2026-02-01,2026-03-05,GBP,400.00,400.00',
        ),
      );
      await runDay(database);
      // The letters and e-mails name the credit team's address (#CollectorEmail falls back to it).
      await database.db.updateTable('companies').set({ email: 'credit@seller.example' }).execute();
      // The first message to C2 is refused for now (451): it waits for a retry.
      let refused: number | undefined;
      sink = await new SmtpSink({
        // Called for each chunk of a message and at its end: decide by the message's index.
        verdict: (mail, index) => {
          if (!mail.envelope.to.includes('ap@zwei.example')) return 'accept';
          refused ??= index;
          return refused === index ? { reply: 451, message: 'try again later' } : 'accept';
        },
      }).start();
      app = server(database, configWith(sink.url));
      credit = await signInAs(app, database.db, 'credit@seller.example', 'credit_manager');
      marie = await signInAs(
        app,
        database.db,
        'marie@seller.example',
        'collector',
        'marie@seller.example',
      );
      sam = await signInAs(app, database.db, 'sam@seller.example', 'sales', 'Sam Sales');
      viewer = await signInAs(app, database.db, 'viewer@seller.example', 'viewer');
    });
    after(async () => {
      await app?.close();
      await sink?.stop();
      await database?.close();
    });

    const send = (who: SignedIn, on = app) =>
      on.inject({ method: 'POST', url: '/api/outbox/send', headers: who.write });

    it('refuses to send for collectors, sales people and viewers', async () => {
      for (const who of [marie, sam, viewer]) {
        const r = await send(who);
        assert.equal(r.statusCode, 403, r.body);
      }
      assert.equal(sink.received.length, 0);
    });

    it('answers CONFIG, naming the setting, when e-mail is not set up', async () => {
      const bare = server(database, configWith(undefined));
      try {
        const admin = await signInAs(bare, database.db, 'admin@seller.example', 'admin');
        const r = await send(admin, bare);
        assert.equal(r.statusCode, 500, r.body);
        const error = r.json().error as { code: string; issues: { field: string }[] };
        assert.equal(error.code, 'CONFIG');
        assert.deepEqual(
          error.issues.map((i) => i.field),
          ['RELANCE_SMTP_URL'],
        );
      } finally {
        await bare.close();
      }
      assert.equal(sink.received.length, 0);
    });

    it('delivers the e-mails due to a real SMTP server in one drain, and says what it did', async () => {
      const r = await send(credit);
      assert.equal(r.statusCode, 200, r.body);
      const report = r.json() as { sent: number; retried: number; failed: number };
      assert.deepEqual([report.sent, report.retried, report.failed], [1, 1, 0]);
      assert.deepEqual(
        sink.received.map((m) => m.envelope.to.join()),
        ['anne@un.example'],
      );
      const parsed = await sink.parsed();
      assert.match(parsed[0]!.from?.text ?? '', /credit@seller\.example/);
    });

    it('sends a row again on request: the next drain delivers it', async () => {
      const waiting = (
        (
          await app.inject({ url: '/api/outbox?state=pending&channel=email', headers: credit.read })
        ).json() as { rows: (Row & { attempts: number })[] }
      ).rows;
      assert.deepEqual(
        waiting.map((r) => [r.customer, r.attempts]),
        [['C2', 1]],
      );
      const retry = await app.inject({
        method: 'POST',
        url: `/api/outbox/${waiting[0]!.id}/retry`,
        headers: credit.write,
      });
      assert.equal(retry.statusCode, 200, retry.body);
      const r = await send(credit);
      assert.equal((r.json() as { sent: number }).sent, 1, r.body);
      assert.deepEqual(sink.received.map((m) => m.envelope.to.join()).sort(), [
        'anne@un.example',
        'ap@zwei.example',
      ]);
      const again = await send(credit);
      assert.equal((again.json() as { sent: number }).sent, 0);
      const audit = await database.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'in', ['outbox.send', 'outbox.retry'])
        .orderBy('id')
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['outbox.send', 'outbox.retry', 'outbox.send', 'outbox.send'],
      );
    });

    it('lists the outbox filtered by state and channel, in pages; collectors see their portfolio', async () => {
      const list = async (who: SignedIn, query: string) => {
        const r = await app.inject({ url: `/api/outbox${query}`, headers: who.read });
        assert.equal(r.statusCode, 200, r.body);
        return r.json() as { total: number; rows: Row[] };
      };
      const emails = await list(viewer, '?channel=email&state=sent');
      assert.deepEqual(
        emails.rows.map((r) => r.customer),
        ['C1', 'C2'],
      );
      const page = await list(viewer, '?pageSize=1&page=2');
      assert.equal(page.rows.length, 1);
      assert.ok(page.total >= 3);
      const letters = await list(viewer, '?channel=letter');
      assert.deepEqual(
        letters.rows.map((r) => [r.customer, r.state]),
        [
          ['C3', 'pending'],
          ['C4', 'pending'],
        ],
      );
      const mine = await list(marie, '');
      assert.deepEqual([...new Set(mine.rows.map((r) => r.customer))], ['C1']);
      const bad = await app.inject({ url: '/api/outbox?state=lost', headers: viewer.read });
      assert.equal(bad.statusCode, 400);
      assert.equal(
        (bad.json().error as { issues: { field: string }[] }).issues[0]!.field,
        'querystring.state',
      );
    });

    it('cancels a row with its reason, refuses what its state does not allow, and audits it', async () => {
      const rows = (
        (await app.inject({ url: '/api/outbox', headers: credit.read })).json() as { rows: Row[] }
      ).rows;
      const sent = rows.find((r) => r.channel === 'email' && r.state === 'sent')!;
      const letter = rows.find((r) => r.customer === 'C4' && r.channel === 'letter')!;
      const post = (id: number, verb: string, who: SignedIn, payload?: object) =>
        app.inject({
          method: 'POST',
          url: `/api/outbox/${id}/${verb}`,
          headers: who.write,
          ...(payload ? { payload } : {}),
        });
      assert.equal((await post(letter.id, 'cancel', credit, {})).statusCode, 400);
      assert.equal((await post(letter.id, 'cancel', sam, { reason: 'x' })).statusCode, 403);
      for (const verb of ['cancel', 'retry', 'confirm']) {
        const r = await post(sent.id, verb, credit, verb === 'cancel' ? { reason: 'late' } : {});
        assert.equal(r.statusCode, 409, `${verb}: ${r.body}`);
      }
      assert.equal((await post(999999, 'retry', credit)).statusCode, 404);
      const cancelled = await post(letter.id, 'cancel', credit, { reason: 'handed to a lawyer' });
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      assert.deepEqual(
        [cancelled.json().state, cancelled.json().cancelReason],
        ['cancelled', 'handed to a lawyer'],
      );
      const audit = await database.db
        .selectFrom('audit_log')
        .select('target_id')
        .where('action', '=', 'outbox.cancel')
        .execute();
      assert.deepEqual(audit, [{ target_id: String(letter.id) }]);
    });

    it('prints the letters waiting as a batch, serves its PDF, and records the posting', async () => {
      const denied = await app.inject({
        method: 'POST',
        url: '/api/letters/batches',
        headers: marie.write,
        payload: {},
      });
      assert.equal(denied.statusCode, 403);
      const r = await app.inject({
        method: 'POST',
        url: '/api/letters/batches',
        headers: credit.write,
        payload: {},
      });
      assert.equal(r.statusCode, 200, r.body);
      const batch = r.json() as {
        batchId: number;
        reprint: boolean;
        url: string;
        letters: { customer: string }[];
      };
      assert.equal(batch.reprint, false);
      assert.deepEqual(
        batch.letters.map((l) => l.customer),
        ['C3'],
      );
      assert.equal(batch.url, `/api/letters/batches/${batch.batchId}/pdf`);
      const pdf = await app.inject({ url: batch.url, headers: credit.read });
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      const listed = await app.inject({ url: '/api/letters/batches', headers: credit.read });
      assert.deepEqual(
        (listed.json() as { batches: { id: number; postedOn: string | null }[] }).batches.map(
          (b) => [b.id, b.postedOn],
        ),
        [[batch.batchId, null]],
      );
      // One batch with its letters: what the posting form needs.
      const one = await app.inject({
        url: `/api/letters/batches/${batch.batchId}`,
        headers: credit.read,
      });
      assert.equal(one.statusCode, 200, one.body);
      const detail = one.json() as {
        id: number;
        letters: { customer: string; reference: string; registered: boolean; state: string }[];
      };
      assert.equal(detail.id, batch.batchId);
      assert.deepEqual(
        detail.letters.map((l) => [l.customer, l.registered, l.state]),
        [['C3', false, 'printed']],
      );
      assert.ok(detail.letters[0]?.reference);
      const missing = await app.inject({ url: '/api/letters/batches/99999', headers: credit.read });
      assert.equal(missing.statusCode, 404);
      const collector = await app.inject({
        url: `/api/letters/batches/${batch.batchId}`,
        headers: marie.read,
      });
      assert.equal(collector.statusCode, 403);
      const badDate = await app.inject({
        method: 'POST',
        url: `/api/letters/batches/${batch.batchId}/posted`,
        headers: credit.write,
        payload: { postedOn: 'yesterday' },
      });
      assert.equal(badDate.statusCode, 400);
      const posted = await app.inject({
        method: 'POST',
        url: `/api/letters/batches/${batch.batchId}/posted`,
        headers: credit.write,
        payload: { postedOn: '2026-03-11' },
      });
      assert.equal(posted.statusCode, 200, posted.body);
      assert.deepEqual([posted.json().sent, posted.json().postedOn], [1, '2026-03-11']);
    });
  });
}
