import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SESSION_POLICY, sessionEndsAt, sessionExpired, shouldTouch } from './session-policy.ts';

const H = 3_600_000;
const t0 = new Date('2026-03-10T08:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const session = (lastSeenMs: number) => ({
  createdAt: t0,
  lastSeenAt: at(lastSeenMs),
  expiresAt: at(SESSION_POLICY.absoluteMs),
});

describe('session policy', () => {
  it('ends after 12 hours idle', () => {
    assert.ok(!sessionExpired(session(0), at(12 * H - 1)));
    assert.ok(sessionExpired(session(0), at(12 * H)));
    assert.equal(sessionEndsAt(session(0)).toISOString(), at(12 * H).toISOString());
  });

  it('ends 7 days after sign-in even when used all along', () => {
    const busy = session(7 * 24 * H - H);
    assert.ok(!sessionExpired(busy, at(7 * 24 * H - 1)));
    assert.ok(sessionExpired(busy, at(7 * 24 * H)));
    assert.equal(sessionEndsAt(busy).toISOString(), at(7 * 24 * H).toISOString());
  });

  it('writes last seen at most once a minute', () => {
    assert.ok(!shouldTouch(session(0), at(59_999)));
    assert.ok(shouldTouch(session(0), at(60_000)));
  });
});
