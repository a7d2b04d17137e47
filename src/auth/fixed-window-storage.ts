import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  endsAt: number;
  hits: number;
}

/**
 * The rate limit's counters (README: one fixed window of a minute per user or address), behind @nestjs/throttler's
 * storage interface so another store (shared between instances) can replace it. O(1) per request: the library's
 * in-memory storage keeps one timestamp per hit and filters and spreads that list on every request, which at
 * thousands of requests per minute from one user was the largest item in the server's CPU profile (~9%).
 * Windows that ended are swept at most once per window length, so memory stays bounded by the active callers.
 */
export class FixedWindowStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private sweptAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, _throttlerName: string): Promise<ThrottlerStorageRecord> {
    return this.hit(key, ttl, limit);
  }

  /** `increment` without the promise: the rate-limit hook runs on every request. */
  hit(key: string, ttl: number, limit: number): ThrottlerStorageRecord {
    const now = this.now();
    if (now - this.sweptAt >= ttl) this.sweep(now);
    let w = this.windows.get(key);
    if (!w || now >= w.endsAt) {
      w = { endsAt: now + ttl, hits: 0 };
      this.windows.set(key, w);
    }
    w.hits++;
    const timeToExpire = Math.max(1, Math.ceil((w.endsAt - now) / 1000));
    const isBlocked = w.hits > limit;
    return { totalHits: w.hits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
  }

  private sweep(now: number): void {
    this.sweptAt = now;
    for (const [key, w] of this.windows) if (now >= w.endsAt) this.windows.delete(key);
  }
}
