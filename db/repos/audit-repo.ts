// The citizen's activity: an append-only log of logins, consents, data releases and account
// changes. Details name scopes and claims, never their values.
import type { Knex } from 'knex';
import { hotWrite } from '../hot-queries.ts';
import { openBatch, writePendingNow } from '../write-batch.ts';

export type AuditEvent = {
  id: number;
  accountId: string;
  type: string;
  clientId: string | null;
  detail: Record<string, unknown>;
  createdAt: number;
};

export type AuditRepo = ReturnType<typeof createAuditRepo>;

const APPEND = 'insert into audit_events (account_id, type, client_id, detail, created_at) values (?, ?, ?, ?, ?)';

export function createAuditRepo(db: Knex, now: () => number = Date.now) {
  return {
    async append(event: { accountId: string; type: string; clientId?: string; detail?: Record<string, unknown> }) {
      // Every login appends one: a hot write (db/hot-queries.ts), in the request's batch if it
      // batches its writes (db/write-batch.ts), so that it is written with the login itself.
      const bindings = [event.accountId, event.type, event.clientId ?? null, JSON.stringify(event.detail ?? {}), now()];
      const batch = openBatch();
      if (batch) batch.put(undefined, { sql: APPEND, bindings });
      else await hotWrite(db, APPEND, bindings);
    },

    async listForAccount(accountId: string, limit = 1000): Promise<AuditEvent[]> {
      await writePendingNow(db);
      const rows = await db('audit_events').where({ account_id: accountId }).orderBy('id', 'desc').limit(limit);
      return rows.map((row) => ({
        id: Number(row.id),
        accountId: row.account_id,
        type: row.type,
        clientId: row.client_id,
        detail: JSON.parse(row.detail) as Record<string, unknown>,
        createdAt: Number(row.created_at),
      }));
    },

    /** When the account last logged in (its latest 'login' event), if ever. */
    async lastLogin(accountId: string): Promise<number | undefined> {
      await writePendingNow(db);
      const row = (await db('audit_events')
        .where({ account_id: accountId, type: 'login' })
        .max({ at: 'created_at' })
        .first()) as { at?: string | number | null } | undefined;
      return row?.at === null || row?.at === undefined ? undefined : Number(row.at);
    },

    /** Last time each client received data for this account. */
    async lastReleaseByClient(accountId: string): Promise<Map<string, number>> {
      await writePendingNow(db);
      const rows: { client_id: string; at: string | number }[] = await db('audit_events')
        .where({ account_id: accountId, type: 'data.released' })
        .groupBy('client_id')
        .select('client_id', db.raw('max(created_at) as at'));
      return new Map(rows.map((row) => [row.client_id, Number(row.at)]));
    },
  };
}
