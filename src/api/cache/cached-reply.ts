import type { FastifyReply } from 'fastify';
import { todayIn } from '../../store/companies.ts';
import type { ResponseCache } from './response-cache.ts';

/**
 * A cache key from its parts: JSON with object keys sorted, so that the same query written
 * in another order, or with a default spelled out, gives the same key.
 */
export function cacheKey(...parts: readonly unknown[]): string {
  return JSON.stringify(parts, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

/** Today in the company's time zone, by the cache's clock (the real one without a cache). */
export function todayFor(cache: ResponseCache | undefined, timezone: string): string {
  return todayIn(timezone, cache ? cache.now() : new Date());
}

/**
 * Sends the answer for `key`: the cached JSON text, or `compute()`'s result serialized by the
 * route's own response schema (exactly what Fastify would have sent) and offered to the
 * cache. Access checks belong before this call: the cache only knows what the key says.
 */
export async function replyCached(
  reply: FastifyReply,
  cache: ResponseCache | undefined,
  key: string,
  compute: () => Promise<unknown>,
): Promise<FastifyReply> {
  const serialized = async () => {
    const text = reply.serialize(await compute());
    if (typeof text !== 'string') throw new Error('a cached route must serialize to JSON text');
    return Buffer.from(text);
  };
  const body = cache ? await cache.get(key, serialized) : await serialized();
  return reply.type('application/json; charset=utf-8').send(body);
}
