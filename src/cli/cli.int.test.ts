import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { RELANCE_BIN, relance, relanceDaemon } from '../../test/helpers/cli.ts';
import { tempDir, writeFile, csv } from '../../test/helpers/files.ts';

const dir = tempDir('relance-cli-');
const env = { RELANCE_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };

describe('relance CLI (embedded database)', () => {
  it('init creates the database and the company', () => {
    const r = relance(['init', '--company', 'ACME', '--name', 'Acme SAS'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /company ACME — Acme SAS/);
  });

  it('imports customers and items, then shows the account as JSON', () => {
    const customers = writeFile(
      dir,
      'customers.csv',
      csv('code,name,country,language,currency', 'C1,Client Un,FR,fr,EUR'),
    );
    const items = writeFile(
      dir,
      'items.csv',
      csv(
        'customer,number,type,issue_date,due_date,currency,amount,open_amount',
        'C1,F1,invoice,2025-01-01,2025-01-31,EUR,100.00,100.00',
        'C1,F2,invoice,2025-03-01,2025-04-15,EUR,50.00,50.00',
        'C1,A1,credit_note,2025-03-02,,EUR,20.00,20.00',
      ),
    );
    assert.equal(relance(['import', 'customers', customers], env).code, 0);
    const imported = relance(['import', 'items', items, '--json'], env);
    assert.equal(imported.code, 0, imported.stderr);
    assert.equal(JSON.parse(imported.stdout).inserted, 3);
    const r = relance(['account', 'C1', '--as-of', '2025-03-31', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const account = JSON.parse(r.stdout);
    assert.equal(account.customer.code, 'C1');
    assert.equal(account.asOf, '2025-03-31');
    assert.deepEqual(account.balances[0], {
      ...account.balances[0],
      currency: 'EUR',
      balanceMinor: 13000,
      overdueMinor: 10000,
      notDueMinor: 5000,
      creditNotesMinor: -2000,
      aging: { current: 5000, '1-30': 0, '31-60': 10000, '61-90': 0, '91-120': 0, '120+': 0 },
    });
    assert.equal(account.items.length, 3);
    const text = relance(['account', 'C1', '--as-of', '2025-03-31'], env);
    assert.match(text.stdout, /oldest overdue: F1 due 2025-01-31 \(59 days\)/);
  });

  it('bad input: exit code 3, every problem on stderr, nothing imported', () => {
    const bad = writeFile(
      dir,
      'bad.csv',
      csv(
        'customer,number,type,issue_date,due_date,currency,amount,open_amount',
        'C1,F9,invoice,2025-02-30,2025-01-31,EUR,1.001,1',
        'C1,F10,invoice,2025-01-01,2025-01-31,ZZZ,1,1',
      ),
    );
    const r = relance(['import', 'items', bad], env);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /row 2, issue_date: got "2025-02-30", expected a valid calendar date/);
    assert.match(r.stderr, /row 2, amount: got "1.001"/);
    assert.match(r.stderr, /row 3, currency: got "ZZZ"/);
    const dry = relance(['import', 'items', bad, '--json'], env);
    assert.equal(JSON.parse(dry.stderr).error.problems.length, 3);
    const account = JSON.parse(
      relance(['account', 'C1', '--json', '--as-of', '2025-03-31'], env).stdout,
    );
    assert.equal(account.items.length, 3);
  });

  it('exit codes: 4 for an unknown customer, 2 for a usage error, 0 for --help', () => {
    assert.equal(relance(['account', 'NOPE'], env).code, 4);
    assert.equal(relance(['import', 'invoices', 'x.csv'], env).code, 2);
    const help = relance(['import', '--help'], env);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--snapshot/);
  });

  it('demo --out writes the four CSV files deterministically', () => {
    const a = relance(
      [
        'demo',
        '--customers',
        '5',
        '--items',
        '30',
        '--seed',
        '7',
        '--as-of',
        '2026-01-15',
        '--out',
        join(dir, 'demo-a'),
      ],
      env,
    );
    const b = relance(
      [
        'demo',
        '--customers',
        '5',
        '--items',
        '30',
        '--seed',
        '7',
        '--as-of',
        '2026-01-15',
        '--out',
        join(dir, 'demo-b'),
      ],
      env,
    );
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    for (const file of ['customers.csv', 'contacts.csv', 'items.csv', 'payments.csv']) {
      assert.ok(existsSync(join(dir, 'demo-a', file)));
      assert.equal(
        readFileSync(join(dir, 'demo-a', file), 'utf8'),
        readFileSync(join(dir, 'demo-b', file), 'utf8'),
      );
    }
  });

  describe('serve', () => {
    let stop: (() => Promise<unknown>) | undefined;
    after(async () => stop?.());

    it('answers /health and the account API; the busy data folder is refused clearly', async () => {
      const password = 'serve test password';
      const added = spawnSync(
        process.execPath,
        [RELANCE_BIN, 'user', 'add', 'ops@example.com', '--role', 'viewer', '--password-stdin'],
        { env: { ...process.env, ...env }, input: password, encoding: 'utf8' },
      );
      assert.equal(added.status, 0, added.stderr);
      const { child, match } = await relanceDaemon(
        ['serve', '--port', '0'],
        env,
        /running at (http:\/\/\S+)/,
      );
      stop = () => {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        return exited;
      };
      const url = match[1]!;
      const health = await fetch(`${url}/health`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok', database: 'pglite' });
      assert.equal((await fetch(`${url}/api/customers/C1/account`)).status, 401);
      const signIn = await fetch(`${url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ops@example.com', password }),
      });
      assert.equal(signIn.status, 200);
      const headers = { cookie: signIn.headers.get('set-cookie')!.split(';')[0]! };
      const account = await fetch(`${url}/api/customers/C1/account?asOf=2025-03-31`, { headers });
      assert.equal(account.status, 200);
      assert.equal(
        ((await account.json()) as { balances: { balanceMinor: number }[] }).balances[0]
          ?.balanceMinor,
        13000,
      );
      const missing = await fetch(`${url}/api/customers/NOPE/account`, { headers });
      assert.equal(missing.status, 404);
      assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'NOT_FOUND');
      const badDate = await fetch(`${url}/api/customers/C1/account?asOf=2025-13-01`, {
        headers,
      });
      assert.equal(badDate.status, 400);
      const busy = relance(['account', 'C1'], env);
      assert.equal(busy.code, 5);
      assert.match(busy.stderr, /in use by process \d+ \(relance serve\)/);
    });
  });
});
