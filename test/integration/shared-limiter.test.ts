import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../db/create-db.ts';
import { createThrottleRepo } from '../../db/repos/throttle-repo.ts';
import { createSharedLimiter, type SharedLimiter } from '../../provider/src/cards/shared-limiter.ts';
import { createWindowLimiter } from '../../provider/src/cards/unknown-card-limiter.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.ts';

const LIMIT = { max: 20, windowMs: 60_000 };

describe.each(databaseKinds())('the unknown-card limit across instances, on %s', (kind) => {
  let database: TestDatabase;
  let other: Db;
  const limiters: SharedLimiter[] = [];
  let clock = 1_800_000_000_000;
  const errors: unknown[] = [];

  /** Two instances of mon-compte: each its own connections to the same database, its own memory. */
  async function twoInstances() {
    database = await createTestDatabase(kind);
    other = await createDb(database.url);
    const instance = (db: Db) => {
      const limiter = createSharedLimiter(createWindowLimiter({ ...LIMIT, now: () => clock }), createThrottleRepo(db), {
        ...LIMIT,
        everyMs: 3_600_000, // refreshed by hand below
        now: () => clock,
        onError: (err) => errors.push(err),
      });
      limiters.push(limiter);
      return limiter;
    };
    return [instance(database.db), instance(other)] as const;
  }

  afterEach(async () => {
    limiters.splice(0).forEach((limiter) => limiter.close());
    await other?.destroy();
    await database?.drop();
    expect(errors).toEqual([]);
  });

  it('stops a terminal whose unknown cards, spread over two instances, reach the cap together', async () => {
    const [a, b] = await twoInstances();
    for (let i = 0; i < LIMIT.max / 2; i++) {
      await a.record('check:borne-1');
      await b.record('check:borne-1');
    }
    // Neither instance alone has seen enough…
    expect(instancesStopping(a, b)).toBe(0);
    // …but once each has read the shared counts, both stop it, and only it.
    await Promise.all([a.refresh(), b.refresh()]);
    expect(a.blocked('check:borne-1')).toBeGreaterThan(0);
    expect(b.blocked('check:borne-1')).toBeGreaterThan(0);
    expect(a.blocked('check:borne-2')).toBe(0);
    expect(b.blocked('pair:borne-1')).toBe(0);

    // The window ends a minute after its first unknown card; the terminal may go on.
    clock += LIMIT.windowMs + 1;
    await Promise.all([a.refresh(), b.refresh()]);
    expect(a.blocked('check:borne-1')).toBe(0);
    expect(b.blocked('check:borne-1')).toBe(0);
  });

  it('loses no count when both instances record at the same moment', async () => {
    const [a, b] = await twoInstances();
    await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).record('check:borne-3')));
    const [row] = await createThrottleRepo(database.db).find(['c:check:borne-3']);
    expect(row?.failures).toBe(30);
    expect(row?.blockedUntil).toBe(row!.lastFailureAt + LIMIT.windowMs);
  });

  /** How many of the two instances' own (in-memory) counts stop the terminal. */
  function instancesStopping(...instances: SharedLimiter[]) {
    return instances.filter((limiter) => limiter.blocked('check:borne-1') > 0).length;
  }
});
