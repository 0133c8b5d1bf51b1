import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_SCENARIOS,
  DEFAULT_TEMPLATE_CODES,
  FALLBACK_SCENARIO,
} from './default-scenarios.ts';
import { validateScenario } from './validate-scenario.ts';
import type { Scenario } from './types.ts';

const byCode = (code: string): Scenario => {
  const found = DEFAULT_SCENARIOS.find((s) => s.code === code);
  assert.ok(found, code);
  return found;
};

describe('default scenarios', () => {
  it('are default, key_accounts and no_pre_dunning, the fallback among them', () => {
    assert.deepEqual(
      DEFAULT_SCENARIOS.map((s) => s.code),
      ['default', 'key_accounts', 'no_pre_dunning'],
    );
    assert.ok(DEFAULT_SCENARIOS.some((s) => s.code === FALLBACK_SCENARIO));
  });

  for (const scenario of DEFAULT_SCENARIOS) {
    it(`${scenario.code} passes validation unchanged (every default written out)`, () => {
      const checked = validateScenario(structuredClone(scenario), DEFAULT_TEMPLATE_CODES);
      assert.deepEqual(checked, scenario);
      assert.equal(JSON.stringify(checked), JSON.stringify(scenario), 'same field order');
    });
  }

  it('DEFAULT_TEMPLATE_CODES are exactly the templates the defaults use', () => {
    const used = new Set(
      DEFAULT_SCENARIOS.flatMap((s) => s.steps.flatMap((st) => st.actions.map((a) => a.template))),
    );
    used.delete(undefined);
    assert.deepEqual([...used].sort(), [...DEFAULT_TEMPLATE_CODES].sort());
  });

  it('default follows practice: −5, +1, +8, +15, +30, +50', () => {
    const s = byCode('default');
    assert.deepEqual(
      s.steps.map((st) => [st.kind, st.offsetDays, st.mode]),
      [
        ['pre_dunning', -5, 'auto'],
        ['reminder', 1, 'auto'],
        ['level_1', 8, 'auto'],
        ['level_2', 15, 'auto'],
        ['formal_notice', 30, 'confirm'],
        ['handover', 50, 'confirm'],
      ],
    );
    const [, , l1, l2, notice, handover] = s.steps;
    assert.deepEqual(
      l1?.actions.map((a) => a.kind),
      ['email', 'call_task'],
    );
    assert.deepEqual(
      l2?.actions.map((a) => a.kind),
      ['letter', 'call_task', 'notify_internal'],
    );
    assert.equal(l2?.actions[2]?.role, 'sales_owner');
    assert.equal(l2?.salesCheckDays, 3);
    assert.deepEqual(notice?.actions, [
      { kind: 'letter', template: 'formal_notice_letter', registered: true },
      { kind: 'hold_account' },
    ]);
    assert.deepEqual(notice?.recipients, ['accounts_payable', 'cfo']);
    assert.equal(handover?.actions[0]?.kind, 'handover');
    for (const st of s.steps.slice(2)) assert.ok(st.minDaysSincePrevious >= 5, st.id);
  });

  it('key_accounts is softer: later, a call before any letter, no automatic hold, letters confirmed', () => {
    const soft = byCode('key_accounts');
    const standard = byCode('default');
    for (const kind of ['reminder', 'level_1', 'level_2', 'formal_notice', 'handover'] as const) {
      const first = (s: Scenario) => s.steps.find((st) => st.kind === kind)?.offsetDays ?? NaN;
      assert.ok(first(soft) > first(standard), kind);
    }
    const kinds = soft.steps.flatMap((st) => st.actions.map((a) => a.kind));
    assert.ok(kinds.indexOf('call_task') < kinds.indexOf('letter'));
    assert.ok(!kinds.includes('hold_account'));
    for (const st of soft.steps) {
      if (st.actions.some((a) => a.kind === 'letter')) assert.notEqual(st.mode, 'auto', st.id);
    }
  });

  it('no_pre_dunning is the default without its pre-dunning step', () => {
    const s = byCode('no_pre_dunning');
    assert.deepEqual(s.steps, byCode('default').steps.slice(1));
  });
});
