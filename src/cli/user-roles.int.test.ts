import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { RELANCE_BIN, type CliResult } from '../../test/helpers/cli.ts';
import { tempDir } from '../../test/helpers/files.ts';
import { SERVER_URL } from '../../test/helpers/test-databases.ts';

const PASSWORD = 'a long enough secret';

/** The embedded database in a folder of its own, or a fresh schema on the PostgreSQL server. */
const TARGETS = [
  {
    name: 'embedded',
    skip: false as string | false,
    async open() {
      const env = {
        RELANCE_DATA_DIR: join(tempDir('relance-user-roles-'), 'data'),
        DATABASE_URL: '',
      };
      return { env, close: async () => {} };
    },
  },
  {
    name: 'server',
    skip: SERVER_URL ? false : 'RELANCE_TEST_DATABASE_URL is not set (no PostgreSQL server)',
    async open() {
      const schema = `cli_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: SERVER_URL });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      const url = new URL(SERVER_URL!);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return {
        env: { DATABASE_URL: url.toString(), RELANCE_DATA_DIR: '' },
        close: async () => {
          await admin.query(`drop schema if exists ${schema} cascade`);
          await admin.end();
        },
      };
    },
  },
];

for (const target of TARGETS) {
  describe(`relance user set / enable / disable (${target.name})`, { skip: target.skip }, () => {
    let env: Record<string, string> = {};
    let close = async () => {};
    const run = (args: string[], input = ''): CliResult => {
      const r = spawnSync(process.execPath, [RELANCE_BIN, ...args], {
        env: { ...process.env, ...env },
        input,
        encoding: 'utf8',
        timeout: 120_000,
      });
      return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
    };
    before(async () => {
      ({ env, close } = await target.open());
    });
    after(() => close());

    it('changes the role and the portfolio; refuses what is wrong, naming it', () => {
      for (const [email, role, extra] of [
        ['boss@example.com', 'admin', []],
        ['anna@example.com', 'collector', ['--collector', 'Anna Becker']],
      ] as const) {
        const r = run(
          ['user', 'add', email, '--role', role, '--password-stdin', ...extra],
          PASSWORD,
        );
        assert.equal(r.code, 0, r.stderr);
      }
      const viewer = run(['user', 'set', 'ANNA@example.com', '--role', 'viewer', '--no-collector']);
      assert.equal(viewer.code, 0, viewer.stderr);
      assert.match(viewer.stdout, /user #2 changed: anna@example\.com viewer "anna"\n$/);
      const same = run(['user', 'set', 'anna@example.com', '--role', 'viewer']);
      assert.equal(same.code, 0, same.stderr);
      assert.match(same.stdout, /unchanged/);
      const nothing = run(['user', 'set', 'anna@example.com']);
      assert.equal(nothing.code, 3);
      assert.match(nothing.stderr, /nothing to change/);
      const noPortfolio = run(['user', 'set', 'anna@example.com', '--role', 'sales', '--json']);
      assert.equal(noPortfolio.code, 3);
      const error = JSON.parse(noPortfolio.stderr) as { error: { problems: { field: string }[] } };
      assert.deepEqual(
        error.error.problems.map((p) => p.field),
        ['collector'],
      );
      const sales = run([
        'user',
        'set',
        'anna@example.com',
        '--role',
        'sales',
        '--collector',
        'Anna Becker',
        '--name',
        'Anna B.',
        '--json',
      ]);
      assert.equal(sales.code, 0, sales.stderr);
      const changed = JSON.parse(sales.stdout) as {
        role: string;
        name: string;
        portfolioName: string;
        changed: boolean;
      };
      assert.deepEqual(
        [changed.role, changed.name, changed.portfolioName, changed.changed],
        ['sales', 'Anna B.', 'Anna Becker', true],
      );
      assert.equal(run(['user', 'set', 'who@example.com', '--role', 'viewer']).code, 4);
    });

    it('never demotes or disables the last active admin', () => {
      const disable = run(['user', 'disable', 'boss@example.com']);
      assert.equal(disable.code, 5, disable.stderr);
      assert.match(disable.stderr, /last active admin/);
      const demote = run(['user', 'set', 'boss@example.com', '--role', 'viewer']);
      assert.equal(demote.code, 5, demote.stderr);
      const promote = run(['user', 'set', 'anna@example.com', '--role', 'admin']);
      assert.equal(promote.code, 0, promote.stderr);
      const now = run(['user', 'set', 'boss@example.com', '--role', 'viewer']);
      assert.equal(now.code, 0, now.stderr);
    });

    it('disables and enables a user again', () => {
      const off = run(['user', 'disable', 'boss@example.com']);
      assert.equal(off.code, 0, off.stderr);
      assert.match(off.stdout, /user #1 disabled: boss@example\.com viewer .* — disabled /);
      const on = run(['user', 'enable', 'boss@example.com']);
      assert.equal(on.code, 0, on.stderr);
      assert.match(on.stdout, /user #1 enabled: boss@example\.com viewer "boss"\n$/);
      const list = run(['user', 'list', '--json']);
      assert.equal(list.code, 0, list.stderr);
      const users = JSON.parse(list.stdout) as {
        email: string;
        role: string;
        disabledAt: string | null;
        lastSignInAt: string | null;
      }[];
      assert.deepEqual(
        users.map((u) => [u.email, u.role, u.disabledAt, u.lastSignInAt]),
        [
          ['anna@example.com', 'admin', null, null],
          ['boss@example.com', 'viewer', null, null],
        ],
      );
    });
  });
}
