// Daily activity counters of terminals.
import type { Knex } from 'knex';

export type TerminalDay = { day: string; checks: number; unrecognised: number; pairings: number; lastSeenAt: number };

export type TerminalActivityRepo = ReturnType<typeof createTerminalActivityRepo>;

export function createTerminalActivityRepo(db: Knex) {
  return {
    async add(
      clientId: string,
      day: string,
      delta: { checks: number; unrecognised: number; pairings: number },
      lastSeenAt: number,
    ) {
      await db('terminal_activity')
        .insert({ client_id: clientId, day, ...delta, last_seen_at: lastSeenAt })
        .onConflict(['client_id', 'day'])
        .merge({
          checks: db.raw('terminal_activity.checks + ?', [delta.checks]),
          unrecognised: db.raw('terminal_activity.unrecognised + ?', [delta.unrecognised]),
          pairings: db.raw('terminal_activity.pairings + ?', [delta.pairings]),
          last_seen_at: lastSeenAt,
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
