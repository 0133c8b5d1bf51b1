import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { relance, type CliResult } from '../../test/helpers/cli.ts';
import { csv, tempDir, writeFile } from '../../test/helpers/files.ts';

const dir = tempDir('relance-account-status-cli-');
const env = { RELANCE_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
const run = (...args: string[]) => relance(args, env);
const ok = (r: CliResult) => {
  assert.equal(r.code, 0, r.stderr);
  return r;
};

describe('relance customer block, litigation, release (embedded database)', () => {
  before(() => {
    ok(run('init', '--company', 'ACME', '--name', 'Acme SAS'));
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
        'C1,F1,invoice,2026-02-01,2026-03-01,EUR,300.00,300.00',
      ),
    );
    ok(run('import', 'customers', customers));
    ok(run('import', 'items', items));
  });

  it('blocks, hands over and releases; the credit status follows; refusals exit 3 or 4', () => {
    assert.match(
      ok(run('customer', 'block', 'C1', '--reason', 'cheque bounced')).stdout,
      /customer C1: active → blocked/,
    );
    const status = ok(run('customer', 'status', 'C1')).stdout;
    assert.match(status, /BLOCKED, no new orders/);
    assert.match(status, /ACCOUNT_BLOCKED: account blocked for new orders: cheque bounced/);
    // Blocking twice, or handing over without a reason: every problem named, exit 3.
    const twice = run('customer', 'block', 'C1', '--reason', 'again');
    assert.equal(twice.code, 3);
    assert.match(twice.stderr, /status: got "blocked", expected another status/);
    const noReason = run('customer', 'litigation', 'C1');
    assert.equal(noReason.code, 3);
    assert.match(noReason.stderr, /reason: got "", expected a non-empty text/);
    assert.equal(run('customer', 'release', 'NOPE').code, 4);
    const handed = JSON.parse(
      ok(run('customer', 'litigation', 'C1', '--reason', 'agency', '--json')).stdout,
    ) as Record<string, unknown>;
    assert.deepEqual(
      [handed.status, handed.previousStatus, handed.reason],
      ['litigation', 'blocked', 'agency'],
    );
    assert.match(
      ok(run('customer', 'release', 'C1', '--company', 'ACME')).stdout,
      /customer C1: litigation → active/,
    );
    assert.match(ok(run('customer', 'status', 'C1')).stdout, /may take new orders/);
  });
});
