/**
 * A per-domain send limit: at most `perMinute` messages to the same recipient domain in any
 * sliding minute. Big receivers (and spam filters) throttle or block a sender that delivers
 * hundreds of messages to one domain at once; spreading them keeps the reputation of the
 * collection address. Pure: the caller passes the time; the state lives in the limiter.
 */
export interface DomainLimiter {
  /**
   * Takes a slot for a message to these domains at `nowMs`: 0 when it may go now (the slot
   * is taken in every domain), else the milliseconds to wait (nothing is taken).
   */
  take(domains: readonly string[], nowMs: number): number;
}

const MINUTE = 60_000;

/** A limiter; `perMinute` 0 (or less) means no limit. */
export function createDomainLimiter(perMinute: number): DomainLimiter {
  const sent = new Map<string, number[]>();
  if (perMinute <= 0) return { take: () => 0 };
  return {
    take(domains, nowMs) {
      const keys = [...new Set(domains.map((d) => d.toLowerCase()))];
      let wait = 0;
      for (const key of keys) {
        const times = sent.get(key) ?? [];
        // Forget what left the window.
        while (times.length > 0 && times[0]! <= nowMs - MINUTE) times.shift();
        sent.set(key, times);
        if (times.length >= perMinute) wait = Math.max(wait, times[0]! + MINUTE - nowMs);
      }
      if (wait > 0) return wait;
      for (const key of keys) sent.get(key)!.push(nowMs);
      return 0;
    },
  };
}

/** The domains of a comma-separated list of addresses ('' entries ignored). */
export function recipientDomains(recipients: string): string[] {
  return recipients
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a.includes('@'))
    .map((a) => a.slice(a.lastIndexOf('@') + 1).toLowerCase());
}
