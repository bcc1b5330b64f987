// Counters shared by every instance (failed logins, account creations, unknown cards), keyed by
// opaque strings chosen by their services (never an email or an address in clear).
import type { Knex } from 'knex';
import { hotRead, hotWrite, placeholders } from '../hot-queries.ts';

// One event in a fixed window that starts with the window's first event (kept in
// last_failure_at); the count reaching the cap blocks the key until the window ends. A single
// statement, so that instances counting at once lose no event. SET expressions read the row
// as it was before the statement, on both engines.
const COUNT_IN_WINDOW = `insert into login_throttle ("key", failures, last_failure_at, blocked_until) values (?, 1, ?, ?)
  on conflict ("key") do update set
    failures = case when login_throttle.last_failure_at > ? then login_throttle.failures + 1 else 1 end,
    blocked_until = case when login_throttle.last_failure_at > ? and login_throttle.failures + 1 >= ?
      then login_throttle.last_failure_at + ? else login_throttle.blocked_until end,
    last_failure_at = case when login_throttle.last_failure_at > ? then login_throttle.last_failure_at
      else excluded.last_failure_at end`;

export type ThrottleState = { key: string; failures: number; lastFailureAt: number; blockedUntil: number };

export type ThrottleRepo = ReturnType<typeof createThrottleRepo>;

export function createThrottleRepo(db: Knex) {
  return {
    async find(keys: string[]): Promise<ThrottleState[]> {
      if (keys.length === 0) return [];
      const sql = `select * from login_throttle where "key" in (${placeholders(keys.length)})`;
      const rows = await hotRead(db, sql, keys);
      return rows.map((row) => ({
        key: row.key as string,
        failures: Number(row.failures),
        lastFailureAt: Number(row.last_failure_at),
        blockedUntil: Number(row.blocked_until),
      }));
    },

    async save(state: ThrottleState): Promise<void> {
      await db('login_throttle')
        .insert({
          key: state.key,
          failures: state.failures,
          last_failure_at: state.lastFailureAt,
          blocked_until: state.blockedUntil,
        })
        .onConflict('key')
        .merge();
    },

    /** Counts an event for `key` at `at`: at `max` events in `windowMs`, blocked until the window ends. */
    async countInWindow(key: string, at: number, { max, windowMs }: { max: number; windowMs: number }): Promise<void> {
      const windowsStartedAfter = at - windowMs;
      await hotWrite(db, COUNT_IN_WINDOW, [
        key,
        at,
        max <= 1 ? at + windowMs : 0,
        windowsStartedAfter,
        windowsStartedAfter,
        max,
        windowMs,
        windowsStartedAfter,
      ]);
    },

    /** The keys starting with `prefix` that are blocked after `at`, and until when. */
    async blockedWithPrefix(prefix: string, at: number): Promise<{ key: string; blockedUntil: number }[]> {
      const rows = await hotRead(
        db,
        'select "key", blocked_until from login_throttle where "key" like ? and blocked_until > ?',
        [`${prefix}%`, at],
      );
      return rows.map((row) => ({ key: row.key as string, blockedUntil: Number(row.blocked_until) }));
    },

    async clear(keys: string[]): Promise<void> {
      await db('login_throttle').whereIn('key', keys).delete();
    },

    async purgeOlderThan(time: number): Promise<void> {
      await db('login_throttle').where('last_failure_at', '<', time).andWhere('blocked_until', '<', time).delete();
    },
  };
}
