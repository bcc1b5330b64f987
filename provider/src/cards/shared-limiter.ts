// The unknown-card limit of every instance together. Each instance counts in memory, so that the
// instance a terminal hammers stops it at once, and adds each count to the shared throttle
// table; every second it reads which terminals the counts of all instances have stopped. A
// terminal spread over N instances behind a load balancer is then stopped at the same cap, at
// most a second late, instead of getting N times the cap. The keys name terminals and what they
// tried (`check:<client id>`), never a card.
import type { ThrottleRepo } from '../../../db/repos/throttle-repo.ts';
import type { Limiter } from './unknown-card-limiter.ts';

const PREFIX = 'c:';

/** `record` also returns when its count is in the table (the routes do not wait for it). */
export type SharedLimiter = Limiter & { record(key: string): Promise<void>; refresh(): Promise<void>; close(): void };

export function createSharedLimiter(
  local: Limiter,
  repo: ThrottleRepo,
  {
    max,
    windowMs,
    everyMs = 1000,
    now = Date.now,
    onError,
  }: { max: number; windowMs: number; everyMs?: number; now?: () => number; onError: (err: unknown) => void },
): SharedLimiter {
  let blockedEverywhere = new Map<string, number>();

  async function refresh() {
    const rows = await repo.blockedWithPrefix(PREFIX, now());
    blockedEverywhere = new Map(rows.map((row) => [row.key.slice(PREFIX.length), row.blockedUntil]));
  }
  const timer = setInterval(() => void refresh().catch(onError), everyMs);
  timer.unref();

  return {
    blocked(key) {
      const until = blockedEverywhere.get(key) ?? 0;
      const shared = until > now() ? Math.ceil((until - now()) / 1000) : 0;
      return Math.max(local.blocked(key), shared);
    },
    record(key) {
      local.record(key);
      return repo.countInWindow(`${PREFIX}${key}`, now(), { max, windowMs }).catch(onError);
    },
    refresh,
    close: () => clearInterval(timer),
  };
}
