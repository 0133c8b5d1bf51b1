import type { ChangeFeed, ChangeHandlers } from '../../store/change-signal.ts';

export interface ResponseCacheOptions {
  /** At most this many answers (default 2,000)… */
  readonly maxEntries?: number | undefined;
  /** …and this many bytes in all (default 64 MiB); the least recently used go first. */
  readonly maxBytes?: number | undefined;
  /** The clock that decides "today" for the cached routes (tests move it). */
  readonly now?: (() => Date) | undefined;
}

export interface ResponseCacheStats {
  hits: number;
  misses: number;
  /** Answers computed while a change was reported, hence not kept. */
  refused: number;
  /** Changes reported (and listening stops and starts): each one empties the cache. */
  generation: number;
}

/**
 * Serialized JSON answers of read routes (UTF-8 bytes: sent as they are, no encoding per hit), kept until the database reports a change
 * (docs/adr/0010-response-cache.md). Rules:
 * - nothing is served or kept unless the change feed is listening;
 * - before a lookup, `sync()` makes sure every change committed before the request began has
 *   been reported (so a reader never gets an answer older than a write it has seen finish);
 * - every reported change bumps the generation and drops every entry, and an answer is kept
 *   only if the generation did not move while it was computed (its snapshot may predate a
 *   commit reported after it began);
 * - identical requests computed at the same time share one computation (same generation);
 * - bounded: least recently used first out, by count and by size.
 * The key must name everything the answer depends on besides the watched tables: route,
 * company, the caller's visibility, the normalized query, and today's date.
 */
export class ResponseCache<Value extends { readonly length: number } = Buffer> {
  readonly now: () => Date;
  readonly stats: ResponseCacheStats = { hits: 0, misses: 0, refused: 0, generation: 0 };
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly entries = new Map<string, Value>();
  private bytes = 0;
  private readonly running = new Map<string, { generation: number; value: Promise<Value> }>();
  private on = false;
  private feed: ChangeFeed | undefined;

  constructor(options: ResponseCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 2000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.now = options.now ?? (() => new Date());
  }

  /** What a change feed calls. */
  readonly handlers: ChangeHandlers = {
    changed: () => this.invalidate(),
    listening: (on) => {
      this.on = on;
      this.invalidate();
    },
  };

  /** Starts listening through `watch` (e.g. `database.watchChanges`); without it, never caches. */
  async attach(watch: ((handlers: ChangeHandlers) => Promise<ChangeFeed>) | undefined) {
    if (!watch || this.feed) return;
    this.feed = await watch(this.handlers);
  }

  async detach(): Promise<void> {
    const feed = this.feed;
    this.feed = undefined;
    this.handlers.listening(false);
    await feed?.close();
  }

  /** Whether answers are being kept (the feed is listening). */
  get active(): boolean {
    return this.on && this.feed !== undefined;
  }

  /** The cached answer for `key`, or `compute()`'s — kept when nothing changed meanwhile. */
  async get(key: string, compute: () => Promise<Value>): Promise<Value> {
    const feed = this.feed;
    if (!this.on || !feed) return compute();
    try {
      await feed.sync();
    } catch {
      return compute();
    }
    if (!this.on) return compute();
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, hit);
      this.stats.hits += 1;
      return hit;
    }
    const generation = this.stats.generation;
    const same = this.running.get(key);
    if (same && same.generation === generation) return same.value;
    this.stats.misses += 1;
    const value = compute().then((text) => {
      if (this.on && this.stats.generation === generation) this.keep(key, text);
      else this.stats.refused += 1;
      return text;
    });
    this.running.set(key, { generation, value });
    const forget = () => {
      if (this.running.get(key)?.value === value) this.running.delete(key);
    };
    value.then(forget, forget);
    return value;
  }

  /** Drops every answer; computations under way will not be kept. */
  invalidate(): void {
    this.stats.generation += 1;
    this.entries.clear();
    this.bytes = 0;
    this.running.clear();
  }

  private keep(key: string, value: Value): void {
    if (value.length > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.bytes -= old.length;
    }
    this.entries.set(key, value);
    this.bytes += value.length;
    for (const [k, v] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.length;
    }
  }
}
