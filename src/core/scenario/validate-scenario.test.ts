import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors.ts';
import { validateScenario } from './validate-scenario.ts';
import { TEMPLATES, action, base, edit, problemsOf } from './validate-scenario.fixture.ts';

describe('validateScenario: a valid scenario', () => {
  it('fills in the defaults', () => {
    const scenario = validateScenario(base(), TEMPLATES);
    assert.equal(scenario.catchUp, false);
    const [reminder, l1, l2, notice] = scenario.steps;
    assert.deepEqual(reminder, {
      id: 'reminder',
      name: 'Reminder',
      kind: 'reminder',
      offsetDays: 1,
      mode: 'auto',
      minDaysSincePrevious: 0,
      actions: [{ kind: 'email', template: 'reminder_email' }],
      recipients: ['accounts_payable'],
    });
    assert.equal(l1?.minDaysSincePrevious, 5);
    assert.equal(l2?.salesCheckDays, 3);
    assert.deepEqual(l2?.actions[1], {
      kind: 'notify_internal',
      template: 'notify_sales',
      role: 'sales_owner',
    });
    assert.deepEqual(notice?.actions, [
      { kind: 'letter', template: 'notice_letter', registered: true },
      { kind: 'hold_account' },
    ]);
    assert.equal(notice?.mode, 'confirm');
    assert.deepEqual(validateScenario(scenario, TEMPLATES), scenario, 'idempotent');
  });

  it('reads conditions, in minor units or as decimal text', () => {
    const scenario = validateScenario(
      edit((_, s) => {
        s[1]!.conditions = {
          minOverdue: { EUR: '50.00', JPY: 1000 },
          minOverdueMinor: { USD: 2500 },
          segments: ['smb'],
          countries: ['FR', 'BE'],
          riskClasses: [],
        };
      }),
      TEMPLATES,
    );
    assert.deepEqual(scenario.steps[1]?.conditions, {
      minOverdueMinor: { EUR: 5000, JPY: 1000, USD: 2500 },
      segments: ['smb'],
      countries: ['FR', 'BE'],
    });
  });

  it('accepts catchUp, repeatEveryDays on the last step, deadlines and modes', () => {
    const scenario = validateScenario(
      edit((sc, s) => {
        sc.catchUp = true;
        s[3]!.repeatEveryDays = 15;
        s[3]!.deadlineDays = 8;
        s[0]!.mode = 'manual';
        s[0]!.offsetDays = -5;
        s[0]!.kind = 'pre_dunning';
      }),
      TEMPLATES,
    );
    assert.equal(scenario.catchUp, true);
    assert.equal(scenario.steps[3]?.repeatEveryDays, 15);
    assert.equal(scenario.steps[0]?.mode, 'manual');
  });

  it('skips the template-code check when no set is given', () => {
    const input = edit((_, s) => (action(s, 0, 0).template = 'anything_else'));
    assert.equal(validateScenario(input, null).steps[0]?.actions[0]?.template, 'anything_else');
  });
});

describe('validateScenario: problems', () => {
  it('reports every problem at once', () => {
    const problems = problemsOf(
      edit((sc, s) => {
        sc.code = '';
        s[0]!.offsetDays = 'one';
        action(s, 1, 0).kind = 'fax';
        s[3]!.minDaysSincePrevious = -1;
      }),
    );
    assert.deepEqual(
      problems.map((p) => p.field),
      ['code', 'steps[0].offsetDays', 'steps[1].actions[0].kind', 'steps[3].minDaysSincePrevious'],
    );
  });

  it('names the value received and the scenario in the message', () => {
    const input = edit((_, s) => (s[2]!.offsetDays = 5));
    assert.throws(
      () => validateScenario(input, TEMPLATES),
      (e: unknown) =>
        e instanceof AppError &&
        e.message === 'invalid scenario test: 1 problem' &&
        e.problems[0]?.value === '5',
    );
  });
});
