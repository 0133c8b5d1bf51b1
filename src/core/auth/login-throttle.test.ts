import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LOGIN_THROTTLE, retryAfterMs, throttleKey, withFailure } from './login-throttle.ts';

const MIN = 60_000;

describe('login throttle', () => {
  it('allows four failures, refuses the sixth attempt for the rest of the 15 minutes', () => {
    let failures: number[] = [];
    for (let i = 0; i < 4; i++) failures = withFailure(failures, i * MIN, LOGIN_THROTTLE);
    assert.equal(retryAfterMs(failures, 4 * MIN, LOGIN_THROTTLE), 0);
    failures = withFailure(failures, 4 * MIN, LOGIN_THROTTLE);
    assert.equal(retryAfterMs(failures, 5 * MIN, LOGIN_THROTTLE), 10 * MIN);
    assert.equal(retryAfterMs(failures, 15 * MIN - 1, LOGIN_THROTTLE), 1);
    assert.equal(retryAfterMs(failures, 15 * MIN, LOGIN_THROTTLE), 0);
  });

  it('forgets failures older than the window and keeps at most five', () => {
    let failures: number[] = [];
    for (let i = 0; i < 9; i++) failures = withFailure(failures, i * MIN, LOGIN_THROTTLE);
    assert.deepEqual(
      failures,
      [4, 5, 6, 7, 8].map((m) => m * MIN),
    );
    assert.deepEqual(withFailure(failures, 30 * MIN, LOGIN_THROTTLE), [30 * MIN]);
  });

  it('keys on the normalised e-mail and the address', () => {
    assert.equal(throttleKey(' Ann@X.example', '1.2.3.4'), throttleKey('ann@x.example', '1.2.3.4'));
    assert.notEqual(throttleKey('ann@x.example', '1.2.3.4'), throttleKey('ann@x.example', '::1'));
  });
});
