import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { recheckAction, type PendingAction } from './recheck.ts';
import type { DunningItem } from './plan-types.ts';

const item = (number: string, due: string, open: number, extra: Partial<DunningItem> = {}) => ({
  number,
  type: 'invoice' as const,
  issueDate: '2026-02-01',
  dueDate: due,
  currency: 'EUR',
  amountMinor: 10_000,
  openMinor: open,
  disputed: false,
  ...extra,
});

// A reminder planned on 2026-03-10 about F1 (overdue) and F2 (not yet due: two-in-one).
const reminder: PendingAction = {
  stepKind: 'reminder',
  type: 'step',
  asOf: '2026-03-10',
  items: ['F1', 'F2'],
};
const preDunning: PendingAction = { ...reminder, stepKind: 'pre_dunning', items: ['F2'] };
const active = { status: 'active' as const };

describe('recheckAction: re-checking a planned action before it goes out (2026-03-12)', () => {
  const cases: [string, PendingAction, object, DunningItem[], string | null][] = [
    [
      'nothing changed',
      reminder,
      active,
      [item('F1', '2026-03-01', 10_000), item('F2', '2026-03-20', 10_000)],
      null,
    ],
    ['partially paid: still stands', reminder, active, [item('F1', '2026-03-01', 4_000)], null],
    [
      'overdue item paid, only the not-yet-due one left',
      reminder,
      active,
      [item('F2', '2026-03-20', 10_000)],
      'PAID',
    ],
    ['everything paid', reminder, active, [], 'PAID'],
    [
      'the overdue item disputed since',
      reminder,
      active,
      [item('F1', '2026-03-01', 10_000, { disputed: true })],
      'DISPUTED',
    ],
    [
      'the overdue item paused since',
      reminder,
      active,
      [item('F1', '2026-03-01', 10_000, { holdUntil: '2026-03-31' })],
      'ON_HOLD_UNTIL',
    ],
    [
      'a pause that ended',
      reminder,
      active,
      [item('F1', '2026-03-01', 10_000, { holdUntil: '2026-03-11' })],
      null,
    ],
    [
      'customer paused',
      reminder,
      { status: 'active', holdUntil: '2026-03-12', holdReason: 'audit' },
      [item('F1', '2026-03-01', 10_000)],
      'ON_HOLD_UNTIL',
    ],
    [
      'customer excluded',
      reminder,
      { status: 'excluded' },
      [item('F1', '2026-03-01', 10_000)],
      'EXCLUDED',
    ],
    [
      'customer in litigation',
      reminder,
      { status: 'litigation' },
      [item('F1', '2026-03-01', 10_000)],
      'CLOSED',
    ],
    [
      'pre-dunning about an item not yet due',
      preDunning,
      active,
      [item('F2', '2026-03-20', 10_000)],
      null,
    ],
    ['pre-dunning, item paid early', preDunning, active, [], 'PAID'],
    [
      'a credit note left does not keep it alive',
      reminder,
      active,
      [{ ...item('F1', '2026-03-01', -500), type: 'credit_note' }],
      'PAID',
    ],
  ];
  for (const [name, action, customer, items, expected] of cases) {
    it(name, () => {
      const verdict = recheckAction(action, customer as never, items, '2026-03-12');
      assert.equal(verdict?.reason ?? null, expected, verdict?.detail);
    });
  }
});
