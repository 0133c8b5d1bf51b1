import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { relance } from '../../test/helpers/cli.ts';
import { tempDir, writeFile } from '../../test/helpers/files.ts';

const dir = tempDir('relance-scenario-cli-');
const env = { RELANCE_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };

interface StepLike {
  id: string;
  offsetDays: number;
  [key: string]: unknown;
}

describe('relance scenario (embedded database)', () => {
  it('defaults seeds the three standard scenarios, once', () => {
    const first = relance(['scenario', 'defaults'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /default: created \(version 1\)/);
    assert.match(first.stdout, /no_pre_dunning: created \(version 1\)/);
    const again = relance(['scenario', 'defaults', '--json'], env);
    assert.equal(again.code, 0, again.stderr);
    const { scenarios } = JSON.parse(again.stdout) as { scenarios: { created: boolean }[] };
    assert.deepEqual(
      scenarios.map((s) => s.created),
      [false, false, false],
    );
    const list = relance(['scenario', 'list', '--json'], env);
    assert.deepEqual(
      (JSON.parse(list.stdout) as { code: string; version: number }[]).map((s) => [
        s.code,
        s.version,
      ]),
      [
        ['default', 1],
        ['key_accounts', 1],
        ['no_pre_dunning', 1],
      ],
    );
  });

  it('export as YAML, edit, import → version 2; the same file again changes nothing', () => {
    const out = join(dir, 'default.yaml');
    const exported = relance(['scenario', 'export', 'default', '--out', out], env);
    assert.equal(exported.code, 0, exported.stderr);
    const text = readFileSync(out, 'utf8');
    assert.match(text, /^# Relance scenario "default", version 1/);
    const scenario = parse(text) as { steps: StepLike[] };
    assert.deepEqual(
      scenario.steps.map((s) => s.offsetDays),
      [-5, 1, 8, 15, 30, 50],
    );
    scenario.steps[2]!.offsetDays = 10;
    const edited = writeFile(dir, 'edited.yml', stringify(scenario));
    const imported = relance(['scenario', 'import', edited], env);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /scenario default: version 2 saved from edited.yml/);
    const same = relance(['scenario', 'import', edited, '--json'], env);
    assert.equal(same.code, 0, same.stderr);
    assert.deepEqual(JSON.parse(same.stdout), {
      company: 'MAIN',
      file: 'edited.yml',
      code: 'default',
      version: 2,
      created: false,
    });
    const v2 = relance(['scenario', 'export', 'default', '--format', 'json'], env);
    assert.equal((JSON.parse(v2.stdout) as { steps: StepLike[] }).steps[2]?.offsetDays, 10);
    const v1 = relance(
      ['scenario', 'export', 'default', '--version', '1', '--format', 'json'],
      env,
    );
    assert.equal((JSON.parse(v1.stdout) as { steps: StepLike[] }).steps[2]?.offsetDays, 8);
    const list = relance(['scenario', 'list'], env);
    assert.match(list.stdout, /default\s+2\s+6 /);
  });

  it('an invalid scenario: exit 3, every problem on stderr, nothing saved', () => {
    const scenario = parse(readFileSync(join(dir, 'default.yaml'), 'utf8')) as {
      steps: StepLike[];
    };
    scenario.steps[3]!.offsetDays = 5; // before level_1 (+8): unsorted
    (scenario.steps[1]!.actions as { kind: string }[])[0]!.kind = 'emial';
    scenario.steps[4]!.minDaysSincePrevious = -7;
    const bad = writeFile(dir, 'bad.yaml', stringify(scenario));
    const r = relance(['scenario', 'import', bad], env);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /bad.yaml: invalid scenario default: 3 problems/);
    assert.match(
      r.stderr,
      /steps\[3\]\.offsetDays: got "5", expected an offset greater than 8, the offset of steps\[2\] "level_1"/,
    );
    assert.match(r.stderr, /steps\[1\]\.actions\[0\]\.kind: got "emial", .*did you mean "email"/);
    assert.match(r.stderr, /steps\[4\]\.minDaysSincePrevious: got "-7", .*never negative/);
    const json = relance(['scenario', 'import', bad, '--json'], env);
    assert.equal(json.code, 3);
    assert.equal(JSON.parse(json.stderr).error.problems.length, 3);
    const list = JSON.parse(relance(['scenario', 'list', '--json'], env).stdout) as {
      code: string;
      version: number;
    }[];
    assert.equal(list.find((s) => s.code === 'default')?.version, 2);
  });

  it('a file that is not valid YAML or JSON: exit 3 naming the line', () => {
    const yaml = writeFile(dir, 'broken.yaml', 'code: x\nname: y\ncode: z\n');
    const r = relance(['scenario', 'import', yaml], env);
    assert.equal(r.code, 3);
    assert.match(
      r.stderr,
      /broken.yaml is not valid YAML: line 3, column 1: Map keys must be unique/,
    );
    const json = writeFile(dir, 'broken.json', '{\n  "code": "x",\n  "name": y\n}\n');
    const j = relance(['scenario', 'import', json], env);
    assert.equal(j.code, 3);
    assert.match(j.stderr, /broken.json is not valid JSON: line 3, column 11/);
    const txt = writeFile(dir, 'scenario.txt', 'code: x');
    assert.equal(relance(['scenario', 'import', txt], env).code, 3);
  });

  it('assignment rules: set from a file, shown back, unknown scenarios refused', () => {
    const rules = writeFile(
      dir,
      'rules.yaml',
      'rules:\n  - scenario: key_accounts\n    segments: [key]\n  - scenario: no_pre_dunning\n    minExposure: { EUR: "50000.00" }\n',
    );
    const set = relance(['scenario', 'rules', '--set', rules], env);
    assert.equal(set.code, 0, set.stderr);
    assert.match(
      set.stdout,
      /1\. segment in key → key_accounts\n2\. exposure ≥ €50,000\.00 → no_pre_dunning/,
    );
    const bad = writeFile(dir, 'bad-rules.json', '[{ "scenario": "key_account" }]');
    const refused = relance(['scenario', 'rules', '--set', bad], env);
    assert.equal(refused.code, 3);
    assert.match(
      refused.stderr,
      /rules\[0\]\.scenario: got "key_account", .*did you mean "key_accounts"/,
    );
    const shown = relance(['scenario', 'rules', '--json'], env);
    assert.equal((JSON.parse(shown.stdout) as unknown[]).length, 2, 'unchanged');
  });

  it('exit codes: 4 for an unknown scenario or version, 2 for a bad option', () => {
    const unknown = relance(['scenario', 'export', 'defualt'], env);
    assert.equal(unknown.code, 4);
    assert.match(unknown.stderr, /did you mean "default"/);
    assert.equal(relance(['scenario', 'export', 'default', '--version', '9'], env).code, 4);
    assert.equal(relance(['scenario', 'export', 'default', '--version', 'zero'], env).code, 2);
    assert.equal(relance(['scenario', 'export', 'default', '--format', 'xml'], env).code, 2);
  });
});
