// The append-only record of consent decisions: who, which app, which claims, when, and
// whether it was granted, refused or revoked. Rows are only ever inserted.
import type { Knex } from 'knex';

export type ConsentDecision = 'granted' | 'refused' | 'revoked';

export type ConsentRecord = {
  id: number;
  accountId: string;
  clientId: string;
  decision: ConsentDecision;
  scopes: string[];
  claims: string[];
  createdAt: number;
};

export type ConsentsRepo = ReturnType<typeof createConsentsRepo>;

export function createConsentsRepo(db: Knex, now: () => number = Date.now) {
  return {
    async append(record: Omit<ConsentRecord, 'id' | 'createdAt'>): Promise<void> {
      await db('consent_records').insert({
        account_id: record.accountId,
        client_id: record.clientId,
        decision: record.decision,
        scopes: record.scopes.join(' '),
        claims: JSON.stringify(record.claims),
        created_at: now(),
      });
    },

    async listForAccount(accountId: string): Promise<ConsentRecord[]> {
      const rows = await db('consent_records').where({ account_id: accountId }).orderBy('id', 'asc');
      return rows.map((row) => ({
        id: Number(row.id),
        accountId: row.account_id,
        clientId: row.client_id,
        decision: row.decision as ConsentDecision,
        scopes: row.scopes ? String(row.scopes).split(' ') : [],
        claims: JSON.parse(row.claims) as string[],
        createdAt: Number(row.created_at),
      }));
    },
  };
}
