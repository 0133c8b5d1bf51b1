import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { RELANCE_BIN, relance, type CliResult } from '../../test/helpers/cli.ts';
import { tempDir } from '../../test/helpers/files.ts';

const dir = tempDir('relance-users-cli-');
const env = { RELANCE_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
const PASSWORD = 'a long enough secret';

/** The real command with `input` piped to its stdin. */
function withStdin(input: string, ...args: string[]): CliResult {
  const r = spawnSync(process.execPath, [RELANCE_BIN, ...args], {
    env: { ...process.env, ...env },
    input,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('relance user and relance token (embedded database)', () => {
  it('user add reads the password from stdin; it appears nowhere', () => {
    const r = withStdin(
      `${PASSWORD}\n`,
      'user',
      'add',
      'Anna@Example.com',
      '--role',
      'collector',
      '--password-stdin',
      '--name',
      'Anna Becker',
      '--collector',
      'Anna Becker',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /user #1 added: anna@example\.com collector "Anna Becker" \(portfolio: Anna Becker\)/,
    );
    assert.ok(!r.stdout.includes(PASSWORD) && !r.stderr.includes(PASSWORD));
    const list = relance(['user', 'list', '--json'], env);
    assert.equal(list.code, 0, list.stderr);
    const users = JSON.parse(list.stdout) as { email: string; role: string }[];
    assert.deepEqual(
      users.map((u) => [u.email, u.role]),
      [['anna@example.com', 'collector']],
    );
    assert.ok(!list.stdout.includes('scrypt'));
    const again = withStdin(
      PASSWORD,
      'user',
      'add',
      'ANNA@example.com',
      '--role',
      'viewer',
      '--password-stdin',
    );
    assert.equal(again.code, 5, 'conflict');
    assert.match(again.stderr, /a user with e-mail anna@example\.com exists already/);
  });

  it('a bad role is a usage error naming the choices; bad fields are listed with their values', () => {
    const role = withStdin(
      PASSWORD,
      'user',
      'add',
      'b@example.com',
      '--role',
      'boss',
      '--password-stdin',
    );
    assert.equal(role.code, 2);
    assert.match(role.stderr, /boss/);
    assert.match(role.stderr, /admin, credit_manager, collector, sales, viewer/);
    const bad = withStdin(
      'short',
      'user',
      'add',
      'not-an-email',
      '--role',
      'sales',
      '--password-stdin',
      '--json',
    );
    assert.equal(bad.code, 3);
    const error = JSON.parse(bad.stderr) as {
      error: { code: string; problems: { field: string; value?: string }[] };
    };
    assert.equal(error.error.code, 'INVALID_INPUT');
    assert.deepEqual(
      error.error.problems.map((p) => [p.field, p.value]),
      [
        ['email', 'not-an-email'],
        ['password', undefined],
        ['collector', ''],
      ],
    );
    assert.ok(!bad.stderr.includes('"short"'));
    const empty = withStdin(
      '',
      'user',
      'add',
      'c@example.com',
      '--role',
      'admin',
      '--password-stdin',
    );
    assert.equal(empty.code, 3);
    assert.match(empty.stderr, /no password on stdin/);
    const noFlag = withStdin(PASSWORD, 'user', 'add', 'c@example.com', '--role', 'admin');
    assert.equal(noFlag.code, 2);
    assert.match(noFlag.stderr, /--password-stdin/);
  });

  it('token create prints the token once; list shows only its prefix; revoke; user disable', () => {
    const created = relance(['token', 'create', 'ERP sync', '--role', 'credit_manager'], env);
    assert.equal(created.code, 0, created.stderr);
    const token = /(rl_([0-9a-f]{8})_[A-Za-z0-9_-]{43})/.exec(created.stdout);
    assert.ok(token, created.stdout);
    const list = relance(['token', 'list'], env);
    assert.match(
      list.stdout,
      new RegExp(`#1 rl_${token[2]}_… "ERP sync" credit_manager — never used`),
    );
    assert.ok(!list.stdout.includes(token[1]!));
    const revoked = relance(['token', 'revoke', '1'], env);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stdout, /revoked: #1 .* — revoked /);
    assert.equal(relance(['token', 'revoke', '42'], env).code, 4);
    assert.equal(relance(['token', 'create', 'x', '--role', 'root'], env).code, 2);
    const disabled = relance(['user', 'disable', 'anna@example.com'], env);
    assert.equal(disabled.code, 0, disabled.stderr);
    assert.match(disabled.stdout, /disabled: anna@example\.com .* — disabled /);
    assert.equal(relance(['user', 'disable', 'who@example.com'], env).code, 4);
  });
});
