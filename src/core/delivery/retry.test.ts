import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifyFailure, decideRetry, retryDelayMs, type RetryPolicy } from './retry.ts';

const POLICY: RetryPolicy = { baseMs: 60_000, maxMs: 3_600_000, maxAttempts: 5 };

describe('classifyFailure', () => {
  const cases: [string, { code?: string; responseCode?: number }, string][] = [
    ['451 greylisting', { code: 'EENVELOPE', responseCode: 451 }, 'temporary'],
    ['421 service not available', { code: 'EPROTOCOL', responseCode: 421 }, 'temporary'],
    ['452 mailbox full', { responseCode: 452 }, 'temporary'],
    ['550 no such user', { code: 'EENVELOPE', responseCode: 550 }, 'permanent'],
    ['554 rejected', { code: 'EMESSAGE', responseCode: 554 }, 'permanent'],
    ['552 too big', { responseCode: 552 }, 'permanent'],
    ['535 bad credentials: our settings', { code: 'EAUTH', responseCode: 535 }, 'temporary'],
    ['530 authentication required', { responseCode: 530 }, 'temporary'],
    ['connection refused', { code: 'ECONNECTION' }, 'temporary'],
    ['reset', { code: 'ECONNRESET' }, 'temporary'],
    ['timeout', { code: 'ETIMEDOUT' }, 'temporary'],
    ['socket', { code: 'ESOCKET' }, 'temporary'],
    ['dns', { code: 'EDNS' }, 'temporary'],
    ['no recipients', { code: 'EENVELOPE' }, 'permanent'],
    ['unknown error', {}, 'temporary'],
  ];
  for (const [name, failure, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(classifyFailure(failure), expected));
  }
});

describe('retryDelayMs: exponential backoff with equal jitter', () => {
  it('doubles from the base, half fixed and half random, up to the cap', () => {
    const low = (n: number) => retryDelayMs(n, POLICY, () => 0);
    const high = (n: number) => retryDelayMs(n, POLICY, () => 1);
    assert.deepEqual([1, 2, 3, 4].map(low), [30_000, 60_000, 120_000, 240_000]);
    assert.deepEqual([1, 2, 3].map(high), [60_000, 120_000, 240_000]);
    assert.equal(low(20), 1_800_000);
    assert.equal(high(20), 3_600_000);
    assert.equal(high(10_000), 3_600_000);
  });
  it('never waits less than half the step, whatever the random source returns', () => {
    assert.equal(
      retryDelayMs(1, POLICY, () => -5),
      30_000,
    );
    assert.equal(
      retryDelayMs(1, POLICY, () => 7),
      60_000,
    );
    assert.equal(
      retryDelayMs(0, POLICY, () => 0.5),
      45_000,
    );
  });
});

describe('decideRetry', () => {
  it('retries temporary failures until the attempts run out; never permanent ones', () => {
    assert.deepEqual(
      decideRetry('temporary', 1, POLICY, () => 0.5),
      { retry: true, delayMs: 45_000 },
    );
    assert.deepEqual(
      decideRetry('temporary', 5, POLICY, () => 0.5),
      {
        retry: false,
        reason: 'attempts_exhausted',
      },
    );
    assert.deepEqual(
      decideRetry('permanent', 1, POLICY, () => 0.5),
      { retry: false, reason: 'permanent' },
    );
  });
});
