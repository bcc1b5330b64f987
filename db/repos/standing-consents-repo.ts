// Rows of standing_consents: per (account, app), what the citizen agrees to share and what they
// declined, replaced whole at each consent and removed when they revoke the app.
import type { Knex } from 'knex';

export type StandingConsent = {
  accountId: string;
  clientId: string;
  scopes: string[];
  claims: string[];
  rejectedScopes: string[];
  rejectedClaims: string[];
  /** When the citizen first agreed (kept across later additions). */
  grantedAt: number;
  updatedAt: number;
};

type Row = {
  account_id: string;
  client_id: string;
  scopes: string;
  claims: string;
  rejected_scopes: string;
  rejected_claims: string;
  granted_at: string | number;
  updated_at: string | number;
};

const words = (text: string) => text.split(' ').filter(Boolean);

function fromRow(row: Row): StandingConsent {
  return {
    accountId: row.account_id,
    clientId: row.client_id,
    scopes: words(row.scopes),
    claims: JSON.parse(row.claims) as string[],
    rejectedScopes: words(row.rejected_scopes),
    rejectedClaims: JSON.parse(row.rejected_claims) as string[],
    grantedAt: Number(row.granted_at),
    updatedAt: Number(row.updated_at),
  };
}

export type StandingConsentsRepo = ReturnType<typeof createStandingConsentsRepo>;

export function createStandingConsentsRepo(db: Knex, now: () => number = Date.now) {
  const table = () => db<Row>('standing_consents');
  return {
    async find(accountId: string, clientId: string): Promise<StandingConsent | undefined> {
      const row = await table().where({ account_id: accountId, client_id: clientId }).first();
      return row ? fromRow(row) : undefined;
    },

    async listForAccount(accountId: string): Promise<StandingConsent[]> {
      return (await table().where({ account_id: accountId })).map(fromRow);
    },

    /** Replaces what the citizen shares with the app; the first agreement's date is kept. */
    async save(consent: Omit<StandingConsent, 'grantedAt' | 'updatedAt'>): Promise<void> {
      const at = now();
      await table()
        .insert({
          account_id: consent.accountId,
          client_id: consent.clientId,
          scopes: consent.scopes.join(' '),
          claims: JSON.stringify(consent.claims),
          rejected_scopes: consent.rejectedScopes.join(' '),
          rejected_claims: JSON.stringify(consent.rejectedClaims),
          granted_at: at,
          updated_at: at,
        })
        .onConflict(['account_id', 'client_id'])
        .merge(['scopes', 'claims', 'rejected_scopes', 'rejected_claims', 'updated_at']);
    },

    async remove(accountId: string, clientId: string): Promise<boolean> {
      return (await table().where({ account_id: accountId, client_id: clientId }).delete()) > 0;
    },
  };
}
