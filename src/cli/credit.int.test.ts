import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { relance, type CliResult } from '../../test/helpers/cli.ts';
import { csv, tempDir, writeFile } from '../../test/helpers/files.ts';

const dir = tempDir('relance-credit-cli-');
const env = { RELANCE_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
const run = (...args: string[]) => relance(args, env);
const ok = (r: CliResult) => {
  assert.equal(r.code, 0, r.stderr);
  return r;
};
const json = <T = Record<string, unknown>>(r: CliResult): T => JSON.parse(ok(r).stdout) as T;

interface Status {
  status: string;
  mayTakeOrders: boolean;
  reason: { code: string; step?: string; actionId?: number };
  reasons: { code: string }[];
  customer: { code: string; status: string };
  exposureMinor: number;
  creditLimitMinor: number | null;
}
interface Action {
  id: number;
  customer: string;
  step: string;
  state: string;
}

/** A one-step scenario: a formal notice that holds the account once approved. */
const NOTICE = {
  code: 'notice',
  name: 'Notice',
  steps: [
    {
      id: 'notice',
      name: 'Formal notice',
      kind: 'formal_notice',
      offsetDays: 1,
      mode: 'confirm',
      actions: [{ kind: 'email', template: 'reminder_email' }, { kind: 'hold_account' }],
    },
  ],
};

describe('relance customer status, dispute, hold, plan (embedded database)', () => {
  before(() => {
    ok(run('init', '--company', 'ACME', '--name', 'Acme SAS'));
    const customers = writeFile(
      dir,
      'customers.csv',
      csv(
        'code,name,country,language,currency,email,scenario,credit_limit',
        'C1,Client Un,FR,fr,EUR,ap@un.example,notice,1000.00',
        'C2,Client Deux,FR,fr,EUR,ap@deux.example,,',
      ),
    );
    const items = writeFile(
      dir,
      'items.csv',
      csv(
        'customer,number,type,issue_date,due_date,currency,amount,open_amount',
        'C1,F1,invoice,2026-02-01,2026-03-01,EUR,300.00,300.00',
        'C1,F2,invoice,2026-02-01,2026-03-01,EUR,70.00,0',
        'C1,F3,invoice,2026-03-01,2026-04-30,EUR,250.00,250.00',
        'C2,G1,invoice,2026-02-01,2026-03-01,EUR,100.00,100.00',
      ),
    );
    ok(run('scenario', 'import', writeFile(dir, 'notice.json', JSON.stringify(NOTICE))));
    ok(run('import', 'customers', customers));
    ok(run('import', 'items', items));
  });

  it('customer status: JSON and text; 4 for an unknown customer, 2 for a bad date', () => {
    const s = json<Status>(run('customer', 'status', 'C1', '--as-of', '2026-03-10', '--json'));
    assert.equal(s.status, 'ok');
    assert.equal(s.mayTakeOrders, true);
    assert.deepEqual(
      s.reasons.map((r) => r.code),
      ['OK', 'OVERDUE_BEYOND_TOLERANCE'],
    );
    assert.equal(s.exposureMinor, 55000);
    assert.equal(s.creditLimitMinor, 100000);
    const text = ok(run('customer', 'status', 'C1', '--as-of', '2026-03-10')).stdout;
    assert.match(text, /^C1 — Client Un as of 2026-03-10: OK, may take new orders$/m);
    assert.match(text, /OVERDUE_BEYOND_TOLERANCE: F1 \(due 2026-03-01\) is 9 days overdue/);
    assert.match(text, /exposure 550\.00 EUR · limit 1000\.00 EUR/);

    const missing = run('customer', 'status', 'NOPE', '--json');
    assert.equal(missing.code, 4);
    assert.deepEqual(JSON.parse(missing.stderr).error.problems, [
      { field: 'customer', value: 'NOPE', expected: 'the code of an imported customer' },
    ]);
    const badDate = run('customer', 'status', 'C1', '--as-of', '2026-02-30');
    assert.equal(badDate.code, 2);
    assert.match(badDate.stderr, /got "2026-02-30", expected a valid date written YYYY-MM-DD/);
  });

  it('plan approve: only actions awaiting approval; unknown ids are named (exit 3)', () => {
    ok(run('run', '--as-of', '2026-03-10'));
    const { actions } = json<{ actions: Action[] }>(run('plan', 'list', '--json'));
    assert.deepEqual(
      actions.map((a) => `${a.customer} ${a.step} ${a.state}`),
      ['C1 notice awaiting_approval', 'C2 reminder planned'],
    );
    const [notice, reminder] = actions as [Action, Action];

    const unknown = run('plan', 'approve', String(notice.id), '999999');
    assert.equal(unknown.code, 3);
    assert.match(unknown.stderr, /nothing approved: action\(s\) 999999 cannot be approved/);
    assert.match(unknown.stderr, /id: got "999999", expected the id of a dunning action/);
    const planned = run('plan', 'approve', String(reminder.id));
    assert.equal(planned.code, 3);
    assert.match(planned.stderr, new RegExp(`#${reminder.id} is planned`));
    assert.equal(run('plan', 'approve').code, 3);
    assert.equal(run('plan', 'approve', '--all', '--as-of', '2026-13-01').code, 2);
    // Nothing was approved by the refused calls.
    assert.deepEqual(
      json<{ actions: Action[] }>(run('plan', 'list', '--state', 'approved', '--json')).actions,
      [],
    );

    const approved = json<{ approved: Action[] }>(
      run('plan', 'approve', String(notice.id), '--json'),
    );
    assert.deepEqual(
      approved.approved.map((a) => `${a.id} ${a.state}`),
      [`${notice.id} approved`],
    );
    assert.equal(run('plan', 'approve', String(notice.id)).code, 3);

    // The next run applies the approved notice's hold: no new orders.
    ok(run('run', '--as-of', '2026-03-11'));
    const held = json<Status>(run('customer', 'status', 'C1', '--as-of', '2026-03-11', '--json'));
    assert.equal(held.customer.status, 'on_hold');
    assert.equal(held.status, 'on_hold');
    assert.equal(held.mayTakeOrders, false);
    assert.deepEqual(held.reason, {
      ...held.reason,
      code: 'ACCOUNT_ON_HOLD',
      step: 'notice',
      actionId: notice.id,
    });
  });

  it('dispute open and resolve; usage 2, refused 3, unknown 4', () => {
    const opened = json(run('dispute', 'open', 'F1', '--reason', 'short delivery', '--json'));
    assert.deepEqual(opened, {
      customer: 'C1',
      item: 'F1',
      currency: 'EUR',
      openMinor: 30000,
      disputed: true,
      disputeReason: 'short delivery',
    });
    const again = run('dispute', 'open', 'F1', '--reason', 'again');
    assert.equal(again.code, 3);
    assert.match(again.stderr, /F1 is already disputed: short delivery/);
    const settled = run('dispute', 'open', 'F2', '--reason', 'x');
    assert.equal(settled.code, 3);
    assert.match(settled.stderr, /item: got "F2", expected an open invoice \(F2 is settled\)/);
    assert.equal(run('dispute', 'open', 'NOPE', '--reason', 'x').code, 4);
    assert.equal(run('dispute', 'open', 'F3').code, 2); // --reason is required
    assert.match(ok(run('dispute', 'resolve', 'F1')).stdout, /dispute on F1 \(C1\) resolved/);
    assert.equal(run('dispute', 'resolve', 'F1').code, 3);
  });

  it('hold --until --reason and hold release; bad input names the field and value (exit 3)', () => {
    const past = run('hold', 'C2', '--until', '2000-01-01', '--json');
    assert.equal(past.code, 3);
    assert.deepEqual(
      (JSON.parse(past.stderr).error.problems as { field: string; value: string }[]).map(
        (p) => `${p.field}: ${p.value}`,
      ),
      ['until: 2000-01-01', 'reason: '],
    );
    const badDate = run('hold', 'C2', '--until', '2026-02-30', '--reason', 'x');
    assert.equal(badDate.code, 3);
    assert.match(
      badDate.stderr,
      /until: got "2026-02-30", expected a valid date written YYYY-MM-DD/,
    );
    assert.equal(run('hold', 'C2', '--customer', '--item', '--until', '2099-12-31').code, 3);
    assert.equal(run('hold', 'NOPE', '--until', '2099-12-31', '--reason', 'x').code, 4);
    // Nothing was paused by the refused calls.
    assert.equal(run('hold', 'release', 'C2').code, 3);

    const paused = json(
      run('hold', 'C2', '--until', '2099-12-31', '--reason', 'awaiting the PO', '--json'),
    );
    assert.deepEqual(paused, {
      target: 'customer',
      customer: 'C2',
      item: null,
      holdUntil: '2099-12-31',
      holdReason: 'awaiting the PO',
    });
    const item = ok(run('hold', 'G1', '--item', '--until', '2099-01-31', '--reason', 'copy sent'));
    assert.match(item.stdout, /item G1 of C2: paused until 2099-01-31: copy sent/);
    assert.match(ok(run('hold', 'release', 'C2')).stdout, /customer C2: pause released/);
    assert.equal(run('hold', 'release', 'C2').code, 3);
  });

  it('customer exclude and include: only the credit limit applies while excluded', () => {
    assert.match(
      ok(run('customer', 'exclude', 'C2', '--reason', 'key account')).stdout,
      /customer C2: active → excluded/,
    );
    const s = json<Status>(run('customer', 'status', 'C2', '--as-of', '2026-03-10', '--json'));
    assert.equal(s.status, 'excluded');
    assert.equal(s.mayTakeOrders, true);
    assert.deepEqual(
      s.reasons.map((r) => r.code),
      ['EXCLUDED'],
    );
    assert.equal(run('customer', 'exclude', 'C2').code, 3);
    assert.deepEqual(json(run('customer', 'include', 'C2', '--json')), {
      customer: 'C2',
      status: 'active',
      previousStatus: 'excluded',
    });
    assert.equal(run('customer', 'include', 'C2').code, 3);
  });
});
