import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { relance, type CliResult } from '../../test/helpers/cli.ts';
import { csv, tempDir, writeFile } from '../../test/helpers/files.ts';

const dir = tempDir('relance-send-now-cli-');
const env = { RELANCE_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
const run = (...args: string[]) => relance(args, env);
const ok = (r: CliResult) => {
  assert.equal(r.code, 0, r.stderr);
  return r;
};

// Tuesday 10 March 2026: the reminder went out on the 4th; level 1 waits for the 9th day late.
describe('relance run --customer --send-now (embedded database)', () => {
  before(() => {
    ok(run('init', '--company', 'ACME', '--name', 'Acme SAS'));
    const customers = writeFile(
      dir,
      'customers.csv',
      csv(
        'code,name,country,language,currency,email',
        'C1,Client Un,FR,fr,EUR,ap@un.example',
        'C2,Client Deux,FR,fr,EUR,ap@deux.example',
      ),
    );
    const items = writeFile(
      dir,
      'items.csv',
      csv(
        'customer,number,type,issue_date,due_date,currency,amount,open_amount',
        'C1,F1,invoice,2026-02-01,2026-03-03,EUR,300.00,300.00',
        'C2,F2,invoice,2026-02-01,2026-03-03,EUR,100.00,100.00',
      ),
    );
    ok(run('import', 'customers', customers));
    ok(run('import', 'items', items));
    ok(run('run', '--as-of', '2026-03-04', '--force'));
  });

  it("takes one customer's next step ahead of its schedule, and only that customer's", () => {
    const waiting = JSON.parse(
      ok(run('run', '--as-of', '2026-03-06', '--force', '--dry-run', '--json')).stdout,
    ) as { actions: unknown[]; counts: { skipsByCode: Record<string, number> } };
    assert.deepEqual(waiting.actions, []);
    const out = ok(
      run('run', '--as-of', '2026-03-06', '--force', '--customer', 'C1', '--send-now'),
    ).stdout;
    assert.match(out, /1 customers with open items, 1 action\(s\) created/);
    assert.match(out, /C1 EUR level_1 \[email\] auto overdue 300\.00 — SENT_NOW/);
    const again = ok(
      run('run', '--as-of', '2026-03-06', '--force', '--customer', 'C1', '--send-now'),
    ).stdout;
    assert.match(again, /C1 EUR ALREADY_DONE: a step was already done on 2026-03-06/);
  });

  it('refuses --send-now without --customer, and an unknown customer, changing nothing', () => {
    const alone = run('run', '--send-now');
    assert.equal(alone.code, 3);
    assert.match(alone.stderr, /--send-now needs --customer/);
    const unknown = run(
      'run',
      '--as-of',
      '2026-03-06',
      '--force',
      '--customer',
      'NOPE',
      '--send-now',
    );
    assert.equal(unknown.code, 4);
    assert.match(unknown.stderr, /no customer NOPE/);
  });
});
