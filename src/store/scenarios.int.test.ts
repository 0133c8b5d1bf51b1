import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { AppError } from '../core/errors.ts';
import type { Scenario } from '../core/scenario/types.ts';
import { DEFAULT_SCENARIOS } from '../core/scenario/default-scenarios.ts';
import type { Database } from './database.ts';
import { DEFAULT_COMPANY, ensureCompany } from './companies.ts';
import {
  canonicalJson,
  ensureDefaultScenarios,
  findScenario,
  getAssignmentRules,
  getScenario,
  listScenarios,
  saveScenario,
  setAssignmentRules,
} from './scenarios.ts';

const DEFAULT = DEFAULT_SCENARIOS[0]!;

function custom(code: string, reminderOffset = 1): Scenario {
  return {
    code,
    name: `Scenario ${code}`,
    catchUp: false,
    steps: [
      {
        id: 'reminder',
        name: 'Reminder',
        kind: 'reminder',
        offsetDays: reminderOffset,
        mode: 'auto',
        minDaysSincePrevious: 0,
        actions: [{ kind: 'email', template: 'reminder_email' }],
        recipients: ['accounts_payable'],
      },
    ],
  };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => assert.fail('should have been refused'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof AppError, String(error));
  return error;
}

for (const backend of BACKENDS) {
  describe(`scenario store (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let company: number;
    let other: number;

    before(async () => {
      database = await backend.open();
      company = (await ensureCompany(database.db, DEFAULT_COMPANY)).id;
      other = (await ensureCompany(database.db, { ...DEFAULT_COMPANY, code: 'OTHER' })).id;
    });
    after(async () => database?.close());

    it('saves a version only when the definition changes', async () => {
      const db = database.db;
      assert.deepEqual(await saveScenario(db, company, custom('s1')), {
        code: 's1',
        version: 1,
        created: true,
      });
      assert.deepEqual(await saveScenario(db, company, custom('s1')), {
        code: 's1',
        version: 1,
        created: false,
      });
      // The same definition with fields in another order is the same definition.
      const reordered = JSON.parse(
        canonicalJson({ ...custom('s1'), steps: custom('s1').steps.map((s) => ({ ...s })) }),
      ) as Scenario;
      assert.equal((await saveScenario(db, company, reordered)).created, false);
      assert.deepEqual(await saveScenario(db, company, custom('s1', 2)), {
        code: 's1',
        version: 2,
        created: true,
      });
      const versions = await sql<{
        n: number;
      }>`select count(*)::int as n from scenario_versions`.execute(db);
      assert.equal(versions.rows[0]?.n, 2);
    });

    it('gets the latest version or the one asked for', async () => {
      const db = database.db;
      const latest = await getScenario(db, company, 's1');
      assert.equal(latest.version, 2);
      assert.equal(latest.steps[0]?.offsetDays, 2);
      assert.ok(latest.savedAt instanceof Date);
      const first = await getScenario(db, company, 's1', 1);
      assert.equal(first.version, 1);
      const { version: _v, savedAt: _s, ...definition } = first;
      assert.deepEqual(definition, custom('s1'));
      assert.equal(JSON.stringify(definition), JSON.stringify(custom('s1')), 'field order kept');
      assert.equal(await findScenario(db, company, 's1', 3), undefined);
      assert.equal(await findScenario(db, other, 's1'), undefined, 'companies are apart');
    });

    it('a missing scenario or version is NOT_FOUND, naming what exists', async () => {
      const db = database.db;
      const noVersion = await refusal(getScenario(db, company, 's1', 7));
      assert.equal(noVersion.code, 'NOT_FOUND');
      assert.deepEqual(noVersion.problems[0], {
        field: 'version',
        value: '7',
        expected: 'a version from 1 to 2',
      });
      const noScenario = await refusal(getScenario(db, company, 's2'));
      assert.equal(noScenario.code, 'NOT_FOUND');
      assert.match(noScenario.problems[0]?.expected ?? '', /did you mean "s1"\?\): s1/);
      const none = await refusal(getScenario(db, other, 'default'));
      assert.match(none.problems[0]?.expected ?? '', /relance scenario defaults/);
    });

    it('stores the definition as a JSON object', async () => {
      const row = await sql<{ id: string; offset: number }>`
        select definition->'steps'->0->>'id' as id, (definition->'steps'->0->>'offsetDays')::int as offset
        from scenario_versions v join scenarios s on s.id = v.scenario_id
        where s.code = 's1' and v.version = 2`.execute(database.db);
      assert.deepEqual(row.rows[0], { id: 'reminder', offset: 2 });
    });

    it('refuses an invalid definition, writing nothing', async () => {
      const bad = { ...custom('bad'), steps: [] } as Scenario;
      const error = await refusal(saveScenario(database.db, company, bad));
      assert.equal(error.code, 'INVALID_INPUT');
      assert.equal(await findScenario(database.db, company, 'bad'), undefined);
    });

    it('seeds the defaults once and never overwrites a company’s own edits', async () => {
      const db = database.db;
      const seeded = await ensureDefaultScenarios(db, company);
      assert.deepEqual(
        seeded.map((r) => [r.code, r.version, r.created]),
        [
          ['default', 1, true],
          ['key_accounts', 1, true],
          ['no_pre_dunning', 1, true],
        ],
      );
      await saveScenario(db, company, { ...DEFAULT, catchUp: true });
      const again = await ensureDefaultScenarios(db, company);
      assert.deepEqual(
        again.map((r) => [r.code, r.version, r.created]),
        [
          ['default', 2, false],
          ['key_accounts', 1, false],
          ['no_pre_dunning', 1, false],
        ],
      );
      assert.equal((await getScenario(db, company, 'default')).catchUp, true);
      const list = await listScenarios(db, company);
      assert.deepEqual(
        list.map((s) => [s.code, s.version, s.steps.length]),
        [
          ['default', 2, 6],
          ['key_accounts', 1, 7],
          ['no_pre_dunning', 1, 5],
          ['s1', 2, 1],
        ],
      );
      assert.deepEqual(await listScenarios(db, other), []);
    });

    it('serialises concurrent saves of one scenario', async () => {
      const db = database.db;
      const results = await Promise.all([
        saveScenario(db, other, custom('race', 1)),
        saveScenario(db, other, custom('race', 3)),
        saveScenario(db, other, custom('race', 5)),
      ]);
      assert.deepEqual(results.map((r) => r.version).sort(), [1, 2, 3]);
    });

    it('stores assignment rules in order and checks their scenarios', async () => {
      const db = database.db;
      assert.deepEqual(await getAssignmentRules(db, company), []);
      const rules = [
        { scenario: 'key_accounts', segments: ['key'] },
        { scenario: 'key_accounts', minExposureMinor: { EUR: 5_000_000 } },
        { scenario: 'no_pre_dunning', countries: ['DE', 'AT'] },
      ];
      await setAssignmentRules(db, company, rules);
      assert.deepEqual(await getAssignmentRules(db, company), rules);
      assert.deepEqual(await getAssignmentRules(db, other), []);
      const error = await refusal(setAssignmentRules(db, company, [{ scenario: 'key_account' }]));
      assert.equal(error.code, 'INVALID_INPUT');
      assert.match(error.problems[0]?.expected ?? '', /did you mean "key_accounts"/);
      assert.deepEqual(await getAssignmentRules(db, company), rules, 'unchanged after a refusal');
      await setAssignmentRules(db, company, []);
      assert.deepEqual(await getAssignmentRules(db, company), []);
    });
  });
}
