// Failed-login counters shared by every instance, keyed by opaque strings chosen by the
// throttling service (never an email in clear).
import type { Knex } from 'knex';
import { hotRead, placeholders } from '../hot-queries.ts';

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

    async clear(keys: string[]): Promise<void> {
      await db('login_throttle').whereIn('key', keys).delete();
    },

    async purgeOlderThan(time: number): Promise<void> {
      await db('login_throttle').where('last_failure_at', '<', time).andWhere('blocked_until', '<', time).delete();
    },
  };
}
