import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChangeFeed, ChangeHandlers } from '../../store/change-signal.ts';
import { ResponseCache } from './response-cache.ts';
import { cacheKey } from './cached-reply.ts';

/** A feed the test drives: `handlers` are the cache's, `onSync` runs inside each sync(). */
function fakeFeed() {
  const state: {
    handlers?: ChangeHandlers;
    onSync: () => Promise<void> | void;
    syncs: number;
    closed: boolean;
  } = { onSync: () => {}, syncs: 0, closed: false };
  const watch = async (handlers: ChangeHandlers): Promise<ChangeFeed> => {
    state.handlers = handlers;
    handlers.listening(true);
    return {
      sync: async () => {
        state.syncs += 1;
        await state.onSync();
      },
      close: async () => {
        state.closed = true;
      },
    };
  };
  return { state, watch };
}

/** A computation that counts its calls and answers `value()`. */
function counter(value: () => string = () => 'v') {
  const c = { calls: 0, fn: async () => ((c.calls += 1), value()) };
  return c;
}

async function attached(options = {}) {
  const feed = fakeFeed();
  const cache = new ResponseCache<string>(options);
  await cache.attach(feed.watch);
  return { cache, feed };
}

describe('ResponseCache', () => {
  it('computes every time until a change feed listens', async () => {
    const cache = new ResponseCache<string>();
    const c = counter();
    await cache.get('k', c.fn);
    await cache.get('k', c.fn);
    assert.equal(c.calls, 2);
    await cache.attach(undefined);
    await cache.get('k', c.fn);
    assert.equal(c.calls, 3);
    assert.equal(cache.active, false);
  });

  it('answers from memory until a change is reported, syncing before each lookup', async () => {
    const { cache, feed } = await attached();
    let n = 0;
    const c = counter(() => `v${n}`);
    assert.equal(await cache.get('k', c.fn), 'v0');
    n = 1;
    assert.equal(await cache.get('k', c.fn), 'v0');
    assert.equal(c.calls, 1);
    assert.equal(feed.state.syncs, 2);
    feed.state.handlers!.changed();
    assert.equal(await cache.get('k', c.fn), 'v1');
    assert.deepEqual(
      { hits: cache.stats.hits, misses: cache.stats.misses },
      { hits: 1, misses: 2 },
    );
  });

  it('drops the cache when sync() reports a change committed before the request', async () => {
    const { cache, feed } = await attached();
    const c = counter();
    await cache.get('k', c.fn);
    // The commit happened before this request; its notification arrives during the round trip.
    feed.state.onSync = () => feed.state.handlers!.changed();
    await cache.get('k', c.fn);
    assert.equal(c.calls, 2);
  });

  it('does not keep an answer computed while a change was reported (its snapshot may be older)', async () => {
    const { cache, feed } = await attached();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const slow = async () => {
      calls += 1;
      if (calls === 1) await gate;
      return `v${calls}`;
    };
    const first = cache.get('k', slow);
    await new Promise((r) => setImmediate(r));
    feed.state.handlers!.changed(); // a commit reported while the first answer is computed
    release();
    assert.equal(await first, 'v1'); // that request still gets its answer…
    assert.equal(cache.stats.refused, 1);
    assert.equal(await cache.get('k', slow), 'v2'); // …but the next one computes again
    assert.equal(await cache.get('k', slow), 'v2');
    assert.equal(calls, 2);
  });

  it('shares one computation between identical requests, not across a change', async () => {
    const { cache, feed } = await attached();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const c = counter();
    const slow = async () => {
      await gate;
      return c.fn();
    };
    const a = cache.get('k', slow);
    const b = cache.get('k', slow);
    await new Promise((r) => setImmediate(r));
    feed.state.handlers!.changed();
    const d = cache.get('k', slow); // after the change: a computation of its own
    release();
    await Promise.all([a, b, d]);
    assert.equal(c.calls, 2);
  });

  it('serves nothing and keeps nothing while the feed is not listening, or cannot sync', async () => {
    const { cache, feed } = await attached();
    const c = counter();
    await cache.get('k', c.fn);
    feed.state.handlers!.listening(false);
    await cache.get('k', c.fn);
    await cache.get('k', c.fn);
    assert.equal(c.calls, 3);
    feed.state.handlers!.listening(true);
    await cache.get('k', c.fn); // nothing from before the gap survives
    assert.equal(c.calls, 4);
    await cache.get('k', c.fn);
    assert.equal(c.calls, 4);
    feed.state.onSync = () => Promise.reject(new Error('connection lost'));
    await cache.get('k', c.fn);
    assert.equal(c.calls, 5);
    await cache.detach();
    assert.equal(feed.state.closed, true);
    assert.equal(cache.active, false);
  });

  it('does not keep a failed computation', async () => {
    const { cache } = await attached();
    let fail = true;
    const compute = async () => {
      if (fail) throw new Error('boom');
      return 'ok';
    };
    await assert.rejects(cache.get('k', compute), /boom/);
    fail = false;
    assert.equal(await cache.get('k', compute), 'ok');
  });

  it('forgets the least recently used first, by count and by size', async () => {
    const { cache } = await attached({ maxEntries: 2, maxBytes: 10 });
    const c = counter(() => 'abcd');
    await cache.get('a', c.fn);
    await cache.get('b', c.fn);
    await cache.get('a', c.fn); // a used last: b goes first
    await cache.get('c', c.fn);
    assert.equal(c.calls, 3);
    await cache.get('a', c.fn);
    assert.equal(c.calls, 3);
    await cache.get('b', c.fn);
    assert.equal(c.calls, 4);
    const big = counter(() => 'x'.repeat(11)); // larger than the whole budget: never kept
    await cache.get('big', big.fn);
    await cache.get('big', big.fn);
    assert.equal(big.calls, 2);
  });

  it('builds the same key whatever the order of the query', () => {
    assert.equal(
      cacheKey('customers', 1, { sort: 'overdue', page: 1, q: undefined }),
      cacheKey('customers', 1, { page: 1, sort: 'overdue' }),
    );
    assert.notEqual(
      cacheKey('customers', 1, { kind: 'collector', name: 'A' }),
      cacheKey('customers', 1, { kind: 'collector', name: 'B' }),
    );
  });
});
