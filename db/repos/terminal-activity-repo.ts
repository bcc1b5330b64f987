// Daily activity counters of terminals.
import type { Knex } from 'knex';

export type TerminalDay = { day: string; checks: number; unrecognised: number; pairings: number; lastSeenAt: number };

export type TerminalActivityRepo = ReturnType<typeof createTerminalActivityRepo>;

export function createTerminalActivityRepo(db: Knex) {
  return {
    /**
     * Adds the counts of several terminals for one day in one statement: one commit for the
     * whole batch, however many terminals were active.
     */
    async add(
      day: string,
      entries: {
        clientId: string;
        delta: { checks: number; unrecognised: number; pairings: number };
        lastSeenAt: number;
      }[],
    ) {
      if (entries.length === 0) return;
      await db('terminal_activity')
        .insert(entries.map((e) => ({ client_id: e.clientId, day, ...e.delta, last_seen_at: e.lastSeenAt })))
        .onConflict(['client_id', 'day'])
        .merge({
          checks: db.raw('terminal_activity.checks + excluded.checks'),
          unrecognised: db.raw('terminal_activity.unrecognised + excluded.unrecognised'),
          pairings: db.raw('terminal_activity.pairings + excluded.pairings'),
          last_seen_at: db.raw('excluded.last_seen_at'),
        });
    },
    async recent(clientId: string, days = 7): Promise<TerminalDay[]> {
      const rows = await db('terminal_activity').where({ client_id: clientId }).orderBy('day', 'desc').limit(days);
      return rows.map((r) => ({
        day: r.day,
        checks: r.checks,
        unrecognised: r.unrecognised,
        pairings: r.pairings,
        lastSeenAt: Number(r.last_seen_at),
      }));
    },
  };
}
