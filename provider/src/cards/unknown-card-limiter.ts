// Per-terminal limit on checks of unrecognised cards (and failed pairings): a terminal that
// presents card after unknown card is enumerating, and is stopped for a while. This is one
// instance's count, in memory; shared-limiter.ts adds up the counts of all instances.
export type Limiter = { blocked(key: string): number; record(key: string): void };

export function createWindowLimiter({
  max,
  windowMs,
  now = Date.now,
}: {
  max: number;
  windowMs: number;
  now?: () => number;
}): Limiter {
  const hits = new Map<string, number[]>();
  const recent = (key: string) => {
    const since = now() - windowMs;
    const list = (hits.get(key) ?? []).filter((t) => t > since);
    hits.set(key, list);
    return list;
  };
  return {
    /** Seconds to wait, or 0 when the key may go on. */
    blocked(key) {
      const list = recent(key);
      return list.length >= max ? Math.ceil((list[0]! + windowMs - now()) / 1000) : 0;
    },
    record(key) {
      recent(key).push(now());
      if (hits.size > 50_000) hits.delete(hits.keys().next().value!);
    },
  };
}
