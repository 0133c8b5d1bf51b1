import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planCustomer } from './plan.ts';
import type { HistoryEntry } from './plan-types.ts';
import { SCENARIO, invoice, input, step } from './plan.fixture.ts';

/** "Send a step now": a collector takes the next step ahead of its schedule. */
describe('planner: send a step now', () => {
  const F1 = invoice('F1', '2026-03-02');
  const reminderOn = (date: string): HistoryEntry => ({
    type: 'step',
    currency: 'EUR',
    stepId: 'reminder',
    stepKind: 'reminder',
    date,
    items: ['F1'],
  });

  it('takes the step still waiting for its offset, and says why', () => {
    // Three days late: level 1 (offset 8) is not due yet.
    const asOf = '2026-03-05';
    const waiting = planCustomer(input(asOf, [F1], { history: [reminderOn('2026-03-03')] }));
    assert.deepEqual(waiting.actions, []);
    assert.equal(waiting.skips[0]?.code, 'NOT_YET_DUE');
    const now = planCustomer(
      input(asOf, [F1], { history: [reminderOn('2026-03-03')], sendNow: true }),
    );
    assert.deepEqual(
      now.actions.map((a) => [a.step, a.reasons]),
      [['l1', ['SENT_NOW']]],
    );
  });

  it('takes a step due anyway with its own reason, and SENT_NOW besides', () => {
    const plan = planCustomer(input('2026-03-03', [F1], { sendNow: true }));
    assert.deepEqual(plan.actions[0]?.step, 'reminder');
    assert.ok(plan.actions[0]?.reasons.includes('SENT_NOW'));
  });

  it('starts a manual step (the collector is the one starting it)', () => {
    const scenario = { ...SCENARIO, steps: [step('call', 'reminder', 1, { mode: 'manual' })] };
    const plain = planCustomer(input('2026-03-05', [F1], { scenario }));
    assert.equal(plain.skips[0]?.code, 'MANUAL_MODE');
    const now = planCustomer(input('2026-03-05', [F1], { scenario, sendNow: true }));
    assert.equal(now.actions[0]?.mode, 'auto');
  });

  it('works on a non-business day, but keeps a confirm step waiting for approval', () => {
    const settings = {
      promiseGraceDays: 2,
      netCredits: true,
      ledgerFresh: true,
      businessDay: false,
    };
    const history = ['reminder', 'l1', 'l2'].map((id, n) => ({
      ...reminderOn(`2026-03-0${3 + n}`),
      stepId: id,
    }));
    const plan = planCustomer(input('2026-03-20', [F1], { settings, history, sendNow: true }));
    assert.deepEqual(
      plan.actions.map((a) => [a.step, a.mode]),
      [['notice', 'confirm']],
    );
  });

  it('never overrides a dispute, a promise, a pause, exclusion, litigation or a step taken today', () => {
    const cases = [
      input('2026-03-05', [invoice('F1', '2026-03-02', 100, { disputed: true })], {
        sendNow: true,
      }),
      input('2026-03-05', [F1], {
        sendNow: true,
        promises: [
          {
            id: 'P1',
            currency: 'EUR',
            promisedDate: '2026-03-09',
            amountMinor: 100,
            items: [],
            status: 'open',
          },
        ],
      }),
      input('2026-03-05', [F1], {
        sendNow: true,
        customer: { ...input('x', []).customer, holdUntil: '2026-03-09', holdReason: 'audit' },
      }),
      input('2026-03-05', [F1], {
        sendNow: true,
        customer: { ...input('x', []).customer, status: 'excluded' },
      }),
      input('2026-03-05', [F1], {
        sendNow: true,
        customer: { ...input('x', []).customer, status: 'litigation' },
      }),
      input('2026-03-05', [F1], { sendNow: true, history: [reminderOn('2026-03-05')] }),
    ];
    assert.deepEqual(
      cases.map((c) => {
        const plan = planCustomer(c);
        return [plan.actions.length, plan.skips[0]?.code];
      }),
      [
        [0, 'DISPUTED'],
        [0, 'PROMISE_PENDING'],
        [0, 'ON_HOLD_UNTIL'],
        [0, 'EXCLUDED'],
        [0, 'LITIGATION'],
        [0, 'ALREADY_DONE'],
      ],
    );
  });
});
