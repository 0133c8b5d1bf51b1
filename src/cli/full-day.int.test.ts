import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { relance, relanceAsync, type CliResult } from '../../test/helpers/cli.ts';
import { csv, tempDir, writeFile } from '../../test/helpers/files.ts';
import { SmtpSink } from '../../test/helpers/smtp-sink.ts';
import { startReceiver, type Receiver } from '../../test/helpers/http-receiver.ts';
import { needsPoppler, pdfText } from '../../test/helpers/pdf.ts';
import { SIGNATURE_HEADER, verifySignature } from '../webhooks/signature.ts';

/**
 * A collection day end to end through the documented CLI, on the embedded database: import →
 * run → worker (e-mails to a loopback SMTP server, tasks, signed webhooks to a loopback
 * receiver) → print batch → posting → the next day's call tasks and a promise confirmed in
 * writing → a reply read from the mailbox. Then everything again: nothing twice.
 */

const dir = tempDir('relance-full-day-');
const SECRET = 'full-day-webhook-secret-0123456789';

const ok = (r: CliResult) => {
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  return r;
};

interface DrainReport {
  enqueued: number;
  sent: number;
  failed: number;
  tasks: number;
  webhooks: number;
}

describe(
  'a full collection day from the CLI (embedded database, loopback SMTP and HTTP)',
  needsPoppler,
  () => {
    let sink: SmtpSink;
    let receiver: Receiver;
    let env: NodeJS.ProcessEnv;
    const run = (...args: string[]) => relance(args, env);
    const drain = async () =>
      JSON.parse(
        ok(await relanceAsync(['worker', '--drain', '--json'], env)).stdout,
      ) as DrainReport;

    before(async () => {
      sink = await new SmtpSink().start();
      receiver = await startReceiver();
      env = {
        RELANCE_DATA_DIR: join(dir, 'data'),
        DATABASE_URL: '',
        RELANCE_SMTP_URL: sink.url,
        RELANCE_MAIL_FROM: '',
        RELANCE_IMAP_URL: '',
      };
      ok(run('init', '--company', 'MAIN', '--name', 'Seller SA'));
      ok(run('company', 'set', '--email', 'credit@seller.example'));
      const customers = csv(
        'code,name,country,language,currency,email,phone,address_line1,postal_code,city,collector',
        'A1,Alpha SARL,FR,fr,EUR,ap@alpha.example,+33 1 23 45 67 89,1 rue A,75001,Paris,Marie Martin <marie@seller.example>',
        'B2,Beta GmbH,DE,de,EUR,ap@beta.example,+49 30 1234567,Hauptstr. 2,10115,Berlin,Stefan Krause <stefan@seller.example>',
        'C3,Gamma Ltd,GB,en,GBP,,,1 High St,EC1A 1AA,London,Marie Martin <marie@seller.example>',
      );
      const items = csv(
        'customer,number,type,issue_date,due_date,currency,amount,open_amount',
        'A1,FA1,invoice,2026-01-15,2026-02-14,EUR,1200.00,1200.00',
        'B2,FB1,invoice,2026-01-01,2026-02-18,EUR,800.00,800.00',
        'C3,FC1,invoice,2026-02-01,2026-03-05,GBP,300.00,300.00',
      );
      ok(run('import', 'customers', writeFile(dir, 'customers.csv', customers)));
      ok(run('import', 'items', writeFile(dir, 'items.csv', items)));
      ok(run('webhook', 'add', receiver.url, '--events', '*', '--secret', SECRET));
    });
    after(async () => {
      await sink?.stop();
      await receiver?.close();
    });

    let firstRun = 0;
    let batch = 0;

    it('day 1: the run, the e-mails, the print batch and its posting, signed webhooks', async () => {
      const plan = JSON.parse(ok(run('run', '--as-of', '2026-03-10', '--json')).stdout) as {
        runId: number;
      };
      firstRun = plan.runId;
      const day = await drain();
      assert.deepEqual([day.sent, day.failed], [2, 0]);
      assert.deepEqual(sink.received.map((m) => m.envelope.to.join()).sort(), [
        'ap@alpha.example',
        'ap@beta.example',
      ]);
      const out = join(dir, 'batch-1.pdf');
      const printed = JSON.parse(
        ok(run('letters', 'batch', String(firstRun), '--out', out, '--json')).stdout,
      ) as {
        batchId: number;
        reprint: boolean;
        documents: { customer: string; reference: string }[];
      };
      batch = printed.batchId;
      assert.equal(printed.reprint, false);
      assert.deepEqual(
        printed.documents.map((d) => d.customer),
        ['C3'],
      );
      assert.match(pdfText(readFileSync(out)), /Gamma Ltd/);
      const posted = ok(run('letters', 'posted', String(batch), '--posted-on', '2026-03-10'));
      assert.match(posted.stdout, /posted on 2026-03-10: 1 letter\(s\) sent/);
      // The worker fires the webhooks of what happened since (e-mails sent, letter posted).
      assert.ok((await drain()).webhooks > 0);
      assert.ok(receiver.requests.length >= 3);
      for (const r of receiver.requests) {
        const header = r.headers[SIGNATURE_HEADER.toLowerCase()];
        assert.ok(
          verifySignature(SECRET, typeof header === 'string' ? header : undefined, r.body),
          `bad signature on ${r.body.toString()}`,
        );
      }
      const types = receiver.requests.map(
        (r) => (JSON.parse(r.body.toString()) as { type: string }).type,
      );
      assert.equal(types.filter((t) => t === 'action.sent').length, 3, types.join(', '));
    });

    it('day 2: level 1 e-mails and call tasks; a promise taken on the phone is confirmed in writing', async () => {
      ok(run('run', '--as-of', '2026-03-18'));
      const day = await drain();
      assert.equal(day.sent, 2);
      assert.ok(day.tasks >= 2, JSON.stringify(day));
      const tasks = JSON.parse(ok(run('task', 'list', '--json')).stdout) as {
        id: number;
        customer: string;
        kind: string;
      }[];
      const call = tasks.find((t) => t.customer === 'A1' && t.kind === 'call_task');
      assert.ok(call, JSON.stringify(tasks));
      ok(
        run(
          'task',
          'complete',
          String(call.id),
          '--outcome',
          'promise',
          '--date',
          // The promise is taken now (the clock), for a week later.
          new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
          '--amount',
          '1200.00',
        ),
      );
      const before = sink.received.length;
      const confirmed = await drain();
      assert.equal(confirmed.sent, 1);
      const mail = (await sink.parsed()).slice(before)[0]!;
      assert.deepEqual(sink.received[before]!.envelope.to, ['ap@alpha.example']);
      assert.match(mail.messageId ?? '', /^<relance\.promise-\d+\.email@seller\.example>$/);
      assert.match(mail.text ?? '', /1\s?200,00/);
    });

    it('a reply read from the mailbox becomes a task for the collector', async () => {
      const id = sink.received.length > 0 ? (await sink.parsed())[0]!.messageId! : '';
      const reply = [
        'From: Someone <ap@alpha.example>',
        'To: credit@seller.example',
        'Subject: Re: relance',
        `In-Reply-To: ${id}`,
        'Message-ID: <reply-1@alpha.example>',
        '',
        'We paid yesterday.',
        '',
      ].join('\r\n');
      const r = ok(run('inbound', 'read', writeFile(dir, 'reply.eml', reply)));
      assert.match(r.stdout, /reply, customer A1: .*We paid yesterday\. \[task #\d+\]/);
    });

    it('the same day again, workers restarted: nothing is sent, printed or fired twice', async () => {
      const mails = sink.received.length;
      const hooks = receiver.requests.length;
      ok(run('run', '--as-of', '2026-03-18'));
      await drain();
      const again = await drain();
      assert.deepEqual([again.sent, again.enqueued, again.tasks], [0, 0, 0]);
      assert.equal(sink.received.length, mails);
      // The run's letters are printed already: the same batch again.
      const reprint = JSON.parse(
        ok(run('letters', 'batch', String(firstRun), '--out', join(dir, 'again.pdf'), '--json'))
          .stdout,
      ) as { batchId: number; reprint: boolean };
      assert.deepEqual([reprint.batchId, reprint.reprint], [batch, true]);
      const posted = run('letters', 'posted', String(batch));
      assert.equal(posted.code, 5, posted.stderr);
      assert.match(posted.stderr, /was posted on 2026-03-10/);
      // Only the events recorded since (the reply, the re-run's timeline) may fire.
      const fired = receiver.requests
        .slice(hooks)
        .map((r) => (JSON.parse(r.body.toString()) as { type: string }).type);
      assert.ok(!fired.includes('action.sent'), fired.join(', '));
    });
  },
);
