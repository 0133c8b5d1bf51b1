import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planCustomer } from './plan.ts';
import { compareDates } from '../calendar/local-date.ts';
import type { HistoryEntry } from './plan-types.ts';
import { SCENARIO, invoice, input, timeline, everyDay } from './plan.fixture.ts';

describe('planner: escalation timeline', () => {
  it('runs every day: one step at a time, each at its offset', () => {
    const got = timeline(everyDay('2026-02-20', '2026-05-31'), () => [invoice('F1', '2026-03-02')]);
    assert.deepEqual(got, [
      '2026-02-25 pre',
      '2026-03-03 reminder',
      '2026-03-10 l1',
      '2026-03-17 l2',
      '2026-04-01 notice',
      '2026-04-21 handover',
    ]);
  });

  it('the same day run twice plans nothing the second time (ALREADY_DONE)', () => {
    const history: HistoryEntry[] = [
      {
        type: 'step',
        currency: 'EUR',
        stepId: 'reminder',
        stepKind: 'reminder',
        date: '2026-03-03',
        items: ['F1'],
      },
    ];
    const plan = planCustomer(input('2026-03-03', [invoice('F1', '2026-03-02')], { history }));
    assert.deepEqual(plan.actions, []);
    assert.equal(plan.skips[0]?.code, 'ALREADY_DONE');
  });

  it('a missed week catches up one step, not two', () => {
    const got = timeline(
      ['2026-03-01', '2026-03-12', '2026-03-13', '2026-03-17', '2026-03-18'],
      () => [invoice('F1', '2026-03-02')],
    );
    assert.deepEqual(got, ['2026-03-01 pre', '2026-03-12 reminder', '2026-03-17 l1']);
    const waiting = planCustomer(
      input('2026-03-13', [invoice('F1', '2026-03-02')], {
        history: [
          {
            type: 'step',
            currency: 'EUR',
            stepId: 'reminder',
            stepKind: 'reminder',
            date: '2026-03-12',
            items: ['F1'],
          },
        ],
      }),
    );
    assert.equal(waiting.skips[0]?.code, 'WAITING_INTERVAL');
  });

  it('a customer first seen 60 days late gets the first overdue step', () => {
    const plan = planCustomer(input('2026-05-01', [invoice('F1', '2026-03-02')]));
    assert.equal(plan.actions[0]?.step, 'reminder');
    assert.deepEqual(plan.actions[0]?.reasons, ['FIRST_OVERDUE_STEP', 'OFFSET_REACHED']);
  });

  it('with catch-up, it starts at the step matching its age', () => {
    const plan = planCustomer(
      input('2026-04-05', [invoice('F1', '2026-03-02')], {
        scenario: { ...SCENARIO, catchUp: true },
      }),
    );
    assert.equal(plan.actions[0]?.step, 'notice');
    assert.ok(plan.actions[0]?.reasons.includes('CATCH_UP'));
  });

  it('after the last step, nothing more unless the step repeats', () => {
    const history: HistoryEntry[] = [
      {
        type: 'step',
        currency: 'EUR',
        stepId: 'handover',
        stepKind: 'handover',
        date: '2026-04-21',
        items: ['F1'],
      },
    ];
    assert.equal(
      planCustomer(input('2026-05-30', [invoice('F1', '2026-03-02')], { history })).skips[0]?.code,
      'LAST_STEP_DONE',
    );
    const repeating = {
      ...SCENARIO,
      steps: SCENARIO.steps.map((s) => (s.id === 'handover' ? { ...s, repeatEveryDays: 30 } : s)),
    };
    const got = timeline(
      everyDay('2026-04-22', '2026-06-30'),
      () => [invoice('F1', '2026-03-02')],
      { history, scenario: repeating },
    );
    assert.deepEqual(got, ['2026-05-21 handover', '2026-06-20 handover']);
  });
});

describe('planner: payments', () => {
  it('never plans on paid items; a full payment resets, a new overdue item starts over', () => {
    const got = timeline(everyDay('2026-02-25', '2026-04-30'), (asOf) =>
      compareDates(asOf, '2026-03-12') < 0
        ? [invoice('F1', '2026-03-02')]
        : [invoice('F1', '2026-03-02', 0), invoice('F2', '2026-04-10')],
    );
    assert.deepEqual(got, [
      '2026-02-25 pre',
      '2026-03-03 reminder',
      '2026-03-10 l1',
      '2026-04-05 pre',
      '2026-04-11 reminder',
      '2026-04-18 l1',
      '2026-04-25 l2',
    ]);
  });

  it('a partial payment keeps the item in the flow at the same step', () => {
    const history: HistoryEntry[] = [
      {
        type: 'step',
        currency: 'EUR',
        stepId: 'l1',
        stepKind: 'level_1',
        date: '2026-03-10',
        items: ['F1'],
      },
    ];
    const plan = planCustomer(
      input('2026-03-17', [invoice('F1', '2026-03-02', 4000)], { history }),
    );
    assert.equal(plan.actions[0]?.step, 'l2');
    assert.equal(plan.actions[0]?.overdueMinor, 4000);
  });

  it('records a reset event when everything covered was paid', () => {
    const history: HistoryEntry[] = [
      {
        type: 'step',
        currency: 'EUR',
        stepId: 'l2',
        stepKind: 'level_2',
        date: '2026-03-17',
        items: ['F1'],
      },
    ];
    const plan = planCustomer(input('2026-04-20', [invoice('F2', '2026-04-10')], { history }));
    assert.equal(plan.events[0]?.kind, 'reset');
    assert.equal(plan.actions[0]?.step, 'reminder');
  });
});
