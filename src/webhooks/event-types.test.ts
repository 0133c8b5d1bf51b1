import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Problem } from '../core/errors.ts';
import { codesOf, eventTypeOf, parseEventTypes, subscribes } from './event-types.ts';

describe('webhook event types', () => {
  it('maps the timeline codes written today to their types', () => {
    assert.equal(eventTypeOf('EMAIL_SENT'), 'action.sent');
    assert.equal(eventTypeOf('DELIVERY_FAILED'), 'action.failed');
    assert.equal(eventTypeOf('ACCOUNT_HELD'), 'account.held');
    assert.equal(eventTypeOf('ACCOUNT_BLOCKED'), 'account.held');
    assert.equal(eventTypeOf('ACCOUNT_LITIGATION'), 'account.held');
    assert.equal(eventTypeOf('PROMISE_BROKEN'), 'promise.broken');
    assert.equal(eventTypeOf('DISPUTE_RESOLVED'), 'dispute.resolved');
    assert.equal(eventTypeOf('PLANNED'), undefined);
  });

  it('lists the codes of a subscription; * is everything', () => {
    assert.deepEqual(codesOf(['account.held', 'dispute.opened']), [
      'ACCOUNT_HELD',
      'ACCOUNT_BLOCKED',
      'ACCOUNT_LITIGATION',
      'DISPUTE_OPENED',
    ]);
    assert.ok(codesOf(['*']).includes('REPLY_RECEIVED'));
    assert.equal(subscribes(['*'], 'account.held'), true);
    assert.equal(subscribes(['account.released'], 'account.held'), false);
  });

  it('parses a list, naming every unknown type with a hint', () => {
    const problems: Problem[] = [];
    assert.deepEqual(parseEventTypes(' account.held,account.held, *', problems), [
      'account.held',
      '*',
    ]);
    assert.deepEqual(problems, []);
    const wrong: Problem[] = [];
    parseEventTypes('acount.held,nope', wrong);
    assert.deepEqual(
      wrong.map((p) => `${p.field}: ${p.value}`),
      ['events: acount.held', 'events: nope'],
    );
    assert.match(wrong[0]!.expected, /did you mean "account.held"/);
    const empty: Problem[] = [];
    parseEventTypes(' , ', empty);
    assert.equal(empty.length, 1);
  });
});
