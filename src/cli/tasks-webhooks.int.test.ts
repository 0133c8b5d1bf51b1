import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { RELANCE_BIN, relance, type CliResult } from '../../test/helpers/cli.ts';
import { csv, tempDir, writeFile } from '../../test/helpers/files.ts';
import { startReceiver, type Receiver } from '../../test/helpers/http-receiver.ts';
import { verifySignature } from '../webhooks/signature.ts';

const dir = tempDir('relance-tasks-cli-');
const env = { RELANCE_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
const run = (...args: string[]) => relance(args, env);
const ok = (r: CliResult) => {
  assert.equal(r.code, 0, r.stderr);
  return r;
};
const json = <T>(r: CliResult): T => JSON.parse(ok(r).stdout) as T;

/** The CLI without blocking this process: the webhook receiver lives here. */
function runAsync(...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [RELANCE_BIN, ...args], {
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

interface Task {
  id: number;
  customer: string;
  kind: string;
  state: string;
  outcome: string | null;
  assignee: string | null;
  template: string | null;
}

const CALLS = {
  code: 'calls',
  name: 'Calls',
  steps: [
    {
      id: 'call',
      name: 'Call for a promise',
      kind: 'level_1',
      offsetDays: 1,
      actions: [
        { kind: 'email', template: 'level1_email' },
        { kind: 'call_task', template: 'level1_call' },
      ],
    },
  ],
};

describe('relance task and relance webhook (embedded database)', () => {
  let receiver: Receiver;
  let secret = '';
  before(async () => {
    receiver = await startReceiver();
    receiver.answer((r) =>
      verifySignature(secret, r.headers['relance-signature'] as string, r.body)
        ? { status: 200 }
        : { status: 401 },
    );
    ok(run('init', '--company', 'ACME', '--name', 'Acme SAS'));
    ok(run('scenario', 'import', writeFile(dir, 'calls.json', JSON.stringify(CALLS))));
    const customers = csv(
      'code,name,country,language,currency,email,phone,collector,scenario',
      'C1,Client Un,FR,fr,EUR,ap@un.example,+33100000001,Alice,calls',
    );
    const items = csv(
      'customer,number,type,issue_date,due_date,currency,amount,open_amount',
      'C1,F1,invoice,2026-02-01,2026-03-05,EUR,300.00,300.00',
      'C1,F2,invoice,2026-02-01,2026-03-05,EUR,70.00,70.00',
    );
    ok(run('import', 'customers', writeFile(dir, 'customers.csv', customers)));
    ok(run('import', 'items', writeFile(dir, 'items.csv', items)));
    ok(run('run', '--as-of', '2026-03-10'));
  });
  after(() => receiver?.close());

  it('task create-for-run, list and complete, with clear refusals', () => {
    const created = json<{ tasks: Task[]; fromActions: number }>(
      run('task', 'create-for-run', '--as-of', '2026-03-10', '--json'),
    );
    assert.equal(created.fromActions, 1);
    const [call] = json<Task[]>(run('task', 'list', '--assignee', 'Alice', '--json'));
    assert.deepEqual(
      [call?.customer, call?.kind, call?.state, call?.assignee, call?.template],
      ['C1', 'call_task', 'open', 'Alice', 'level1_call'],
    );
    const text = ok(run('task', 'list')).stdout;
    assert.match(
      text,
      new RegExp(
        `^#${call!.id} 2026-03-10 C1 call_task collector Alice open — Call Client Un: Call for a promise · call \\+33100000001 · script level1_call$`,
        'm',
      ),
    );

    const refused = run(
      'task',
      'complete',
      String(call!.id),
      '--outcome',
      'promise',
      '--amount',
      '12.345',
      '--item',
      'F9',
    );
    assert.equal(refused.code, 3);
    assert.match(refused.stderr, new RegExp(`^error: cannot complete task #${call!.id}$`, 'm'));
    assert.match(
      refused.stderr,
      /item: got "F9", expected nothing: item is not used with outcome promise/,
    );
    assert.match(refused.stderr, /date: got "", expected a valid date written YYYY-MM-DD/);
    assert.match(refused.stderr, /amount: got "12\.345"/);
    assert.equal(run('task', 'complete', '99999', '--outcome', 'no_answer').code, 4);

    const done = ok(
      run(
        'task',
        'complete',
        String(call!.id),
        '--outcome',
        'promise',
        '--date',
        '2099-01-15',
        '--amount',
        '370.00',
        '--items',
        'F1,F2',
      ),
    ).stdout;
    assert.match(
      done,
      new RegExp(
        `^task #${call!.id} done \\(promise\\): C1 — Call Client Un: Call for a promise$`,
        'm',
      ),
    );
    assert.match(done, /promise #\d+ recorded; written confirmation pending \(#\d+\)/);
  });

  it('webhook add (secret shown once), list (masked), deliver (signed), log, remove', async () => {
    const added = ok(
      run('webhook', 'add', `${receiver.url}/hook`, '--events', 'dispute.opened,promise.added'),
    );
    const match = /^signing secret: (whsec_\S+)$/m.exec(added.stdout);
    assert.ok(match, added.stdout);
    secret = match[1]!;
    const given = ok(
      run(
        'webhook',
        'add',
        `${receiver.url}/other`,
        '--events',
        '*',
        '--secret',
        'my-own-secret-1234567',
      ),
    );
    assert.ok(!given.stdout.includes('my-own-secret-1234567'));
    const list = ok(run('webhook', 'list')).stdout;
    assert.ok(!list.includes(secret) && !list.includes('my-own-secret-1234567'), list);
    assert.match(list, new RegExp(`secret \\*{8}${secret.slice(-4)}`));
    const bad = run('webhook', 'add', 'not a url', '--events', 'nope', '--json');
    assert.equal(bad.code, 3);
    assert.deepEqual(
      (JSON.parse(bad.stderr) as { error: { problems: { field: string }[] } }).error.problems.map(
        (p) => p.field,
      ),
      ['url', 'events'],
    );

    ok(run('dispute', 'open', 'F1', '--reason', 'damaged'));
    const report = JSON.parse(ok(await runAsync('webhook', 'deliver', '--json')).stdout) as Record<
      string,
      number
    >;
    assert.deepEqual(report, { enqueued: 2, attempted: 2, delivered: 1, retried: 1, failed: 0 });
    const hook = receiver.requests.filter((r) => r.path === '/hook');
    assert.equal(hook.length, 1);
    assert.equal((JSON.parse(hook[0]!.body.toString()) as { type: string }).type, 'dispute.opened');

    const log = json<{ state: string; lastStatus: number; url: string }[]>(
      run('webhook', 'log', '--json'),
    );
    assert.deepEqual(log.map((d) => [new URL(d.url).pathname, d.state, d.lastStatus]).sort(), [
      ['/hook', 'delivered', 200],
      ['/other', 'pending', 401],
    ]);
    const other = /^webhook #(\d+) added/.exec(given.stdout)![1]!;
    assert.match(
      ok(run('webhook', 'remove', other)).stdout,
      new RegExp(`^webhook #${other} removed: `),
    );
    assert.equal(run('webhook', 'remove', other).code, 4);
  });
});
