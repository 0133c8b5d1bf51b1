import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { closest, didYouMean, levenshtein } from './closest.ts';

describe('levenshtein', () => {
  const cases: [string, string, number][] = [
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['email', 'email', 0],
    ['emial', 'email', 2],
    ['leter', 'letter', 1],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['call_tsk', 'call_task', 1],
  ];
  for (const [a, b, expected] of cases) {
    it(`"${a}" → "${b}" is ${expected}`, () => {
      assert.equal(levenshtein(a, b), expected);
      assert.equal(levenshtein(b, a), expected);
    });
  }
});

describe('closest', () => {
  const actions = ['email', 'letter', 'call_task', 'sms', 'notify_internal'];

  it('finds the nearest candidate', () => {
    assert.equal(closest('emial', actions), 'email');
    assert.equal(closest('leter', actions), 'letter');
    assert.equal(closest('call', actions), 'call_task');
    assert.equal(closest('ca', actions), undefined);
    assert.equal(closest('calltask', actions), 'call_task');
    assert.equal(closest('notify', actions), 'notify_internal');
    assert.equal(closest('notify_internl', actions), 'notify_internal');
  });

  it('ignores case and prefers the earlier candidate on a tie', () => {
    assert.equal(closest('EMAIL', actions), 'email');
    assert.equal(closest('ab', ['ax', 'ay']), 'ax');
  });

  it('returns nothing when every candidate is too far, or there are none', () => {
    assert.equal(closest('zzzzzz', actions), undefined);
    assert.equal(closest('email', []), undefined);
    assert.equal(closest('smss', actions, 0), undefined);
    assert.equal(closest('smss', actions, 1), 'sms');
  });

  it('phrases a suggestion', () => {
    assert.equal(didYouMean('leter', actions), ' (did you mean "letter"?)');
    assert.equal(didYouMean('zzzzzz', actions), '');
  });
});
