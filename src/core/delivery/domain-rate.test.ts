import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createDomainLimiter, recipientDomains } from './domain-rate.ts';

describe('per-domain send limit', () => {
  it('lets perMinute messages to a domain go, then says how long to wait', () => {
    const limiter = createDomainLimiter(2);
    assert.equal(limiter.take(['a.com'], 0), 0);
    assert.equal(limiter.take(['a.com'], 10_000), 0);
    assert.equal(limiter.take(['a.com'], 20_000), 40_000);
    // Another domain is not held back.
    assert.equal(limiter.take(['b.com'], 20_000), 0);
    // The first slot frees one minute after it was taken.
    assert.equal(limiter.take(['a.com'], 60_000), 0);
    assert.equal(limiter.take(['a.com'], 60_001), 9_999);
  });

  it('takes a slot in every domain of a message, or in none', () => {
    const limiter = createDomainLimiter(1);
    assert.equal(limiter.take(['b.com'], 0), 0);
    // a.com is free but b.com is full: nothing is taken in a.com.
    assert.equal(limiter.take(['a.com', 'b.com'], 1_000), 59_000);
    assert.equal(limiter.take(['a.com'], 1_000), 0);
  });

  it('compares domains case-insensitively and ignores repeats within one message', () => {
    const limiter = createDomainLimiter(2);
    assert.equal(limiter.take(['A.com', 'a.COM'], 0), 0);
    assert.equal(limiter.take(['a.com'], 0), 0);
    assert.ok(limiter.take(['a.com'], 0) > 0);
  });

  it('has no limit at 0', () => {
    const limiter = createDomainLimiter(0);
    for (let i = 0; i < 1000; i += 1) assert.equal(limiter.take(['a.com'], 0), 0);
  });

  it('reads the domains of a recipient list', () => {
    assert.deepEqual(recipientDomains('ap@Acme.fr, boss@acme.fr,, x'), ['acme.fr', 'acme.fr']);
  });
});
