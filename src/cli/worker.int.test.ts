import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { relance, relanceAsync, relanceDaemon, type CliResult } from '../../test/helpers/cli.ts';
import { csv, tempDir, writeFile } from '../../test/helpers/files.ts';
import { SmtpSink } from '../../test/helpers/smtp-sink.ts';
import { CONTACTS, ITEMS } from '../delivery/delivery.fixture.ts';

const dir = tempDir('relance-worker-cli-');
const base = { RELANCE_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', RELANCE_SMTP_URL: '' };

const ok = (r: CliResult) => {
  assert.equal(r.code, 0, r.stderr);
  return r;
};

interface Row {
  id: number;
  customer: string;
  channel: string;
  state: string;
  attempts: number;
  messageId: string;
  response: string | null;
  cancelReason: string | null;
}

describe('relance worker and relance outbox (embedded database, loopback SMTP)', () => {
  let sink: SmtpSink;
  let env: NodeJS.ProcessEnv;
  const run = (...args: string[]) => relance(args, env);
  const rows = () =>
    (JSON.parse(ok(run('outbox', 'list', '--json')).stdout) as { rows: Row[] }).rows;

  before(async () => {
    // C4's address does not exist: 550, and a letter instead.
    sink = await new SmtpSink({
      verdict: (mail) =>
        mail.envelope.to.includes('nobody@quatre.example')
          ? { reply: 550, message: 'No such user' }
          : 'accept',
    }).start();
    env = {
      ...base,
      RELANCE_SMTP_URL: sink.url,
      RELANCE_MAIL_FROM: 'Seller Credit <credit@seller.example>',
      RELANCE_WORKER_POLL_SECONDS: '1',
    };
    ok(run('init', '--company', 'MAIN', '--name', 'Seller SA'));
    // The templates sign with the collector's address: the customers name theirs.
    const customers = csv(
      'code,name,country,language,currency,email,address_line1,postal_code,city,collector',
      'C1,Un SARL,FR,fr,EUR,ap@un.example,1 rue A,75001,Paris,Marie Martin <marie@seller.example>',
      'C2,Zwei GmbH,DE,de,EUR,ap@zwei.example,,,,Stefan Krause <stefan@seller.example>',
      'C3,Three Ltd,GB,en,GBP,,1 High St,EC1A 1AA,London,',
      'C4,Quatre SA,FR,fr,EUR,nobody@quatre.example,2 rue B,69001,Lyon,Marie Martin <marie@seller.example>',
    );
    ok(run('import', 'customers', writeFile(dir, 'customers.csv', customers)));
    ok(run('import', 'contacts', writeFile(dir, 'contacts.csv', CONTACTS)));
    const f4 = 'C4,F4,invoice,2026-02-01,2026-03-04,EUR,400.00,400.00\n';
    ok(run('import', 'items', writeFile(dir, 'items.csv', ITEMS + f4)));
    ok(run('run', '--as-of', '2026-03-10'));
  });
  after(async () => sink?.stop());

  it('without SMTP settings: exit 6, naming what to set', async () => {
    const r = await relanceAsync(['worker', '--drain'], { ...base, RELANCE_MAIL_FROM: '' });
    assert.equal(r.code, 6, r.stderr);
    assert.match(r.stderr, /e-mail is not set up for company MAIN/);
    assert.match(r.stderr, /RELANCE_SMTP_URL: .*smtp:\/\/user:password@host:587/);
    assert.match(r.stderr, /RELANCE_MAIL_FROM: .*collection address/);
    assert.equal(sink.received.length, 0);
  });

  it('relance worker runs until SIGTERM, delivering as it goes', async () => {
    const daemon = await relanceDaemon(['worker'], env, /worker started/);
    const deadline = Date.now() + 60_000;
    while (sink.received.length + sink.refused < 3 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const exited = new Promise<number | null>((resolve) => daemon.child.on('exit', resolve));
    daemon.child.kill('SIGTERM');
    assert.equal(await exited, 0, daemon.output());
    assert.match(
      daemon.output(),
      /2 sent, 0 to retry, 1 failed, 0 cancelled, 0 interrupted, 1 letter/,
    );
    assert.match(daemon.output(), /worker stopped/);
    assert.deepEqual(sink.received.map((m) => m.envelope.to.join()).sort(), [
      'anne@un.example',
      'ap@zwei.example',
    ]);
    // Composed from the templates: From the deployment's address, Reply-To the collector.
    const mail = (await sink.parsed()).find(
      (m) => m.to && !Array.isArray(m.to) && m.to.text.includes('anne@un.example'),
    );
    assert.ok(mail);
    assert.equal(mail.from?.value[0]?.address, 'credit@seller.example');
    assert.equal(mail.replyTo?.value[0]?.address, 'marie@seller.example');
    assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
    assert.match(mail.messageId ?? '', /^<relance\.action-\d+\.email@seller\.example>$/);
    assert.ok((mail.subject ?? '').length > 0 && (mail.text ?? '').includes('F1'));
  });

  it('relance worker --drain sends nothing twice; outbox list, cancel, retry', async () => {
    const again = await relanceAsync(['worker', '--drain', '--json'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(JSON.parse(again.stdout).sent, 0);
    assert.equal(sink.received.length, 2);

    const list = rows();
    assert.deepEqual(
      list.map((r) => `${r.customer} ${r.channel} ${r.state} ${r.attempts}`),
      [
        'C1 email sent 1',
        'C2 email sent 1',
        'C3 letter pending 0', // C3 has no e-mail: its letter waits for the print batch
        'C4 email failed 1',
        'C4 letter pending 0',
      ],
    );
    assert.match(list[0]!.messageId, /^<relance\.action-\d+\.email@seller\.example>$/);
    const text = ok(run('outbox', 'list', '--state', 'sent')).stdout;
    assert.match(text, /^#\d+ C1 email sent attempts=1 to anne@un\.example — 250 /m);
    const failed = ok(run('outbox', 'list', '--state', 'failed')).stdout;
    assert.match(
      failed,
      /^#\d+ C4 email failed attempts=1 to nobody@quatre\.example — .*550 No such user/m,
    );

    // The letter is posted by hand: cancel its row; then the e-mail may be tried again.
    const [, , , email, letter] = list;
    const refusedRetry = run('outbox', 'retry', String(email!.id));
    assert.equal(refusedRetry.code, 5, refusedRetry.stderr);
    assert.match(refusedRetry.stderr, /cancel row \d+ first/);
    const cancelled = JSON.parse(
      ok(run('outbox', 'cancel', String(letter!.id), '--reason', 'posted by hand', '--json'))
        .stdout,
    ) as Row;
    assert.deepEqual([cancelled.state, cancelled.cancelReason], ['cancelled', 'posted by hand']);
    const retried = JSON.parse(
      ok(run('outbox', 'retry', String(email!.id), '--json')).stdout,
    ) as Row;
    assert.equal(retried.state, 'pending');

    const refused = run('outbox', 'retry', String(list[0]!.id));
    assert.equal(refused.code, 5, refused.stderr);
    assert.match(refused.stderr, /outbox row \d+ is sent/);
    assert.equal(run('outbox', 'retry', '424242').code, 4);
    assert.equal(run('outbox', 'cancel', String(letter!.id)).code, 2, 'the reason is required');
    assert.equal(run('outbox', 'list', '--state', 'nope').code, 2);
  });
});
