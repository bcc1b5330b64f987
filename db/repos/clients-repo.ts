// OAuth clients of organisations: relying parties and terminals.
import type { Knex } from 'knex';
import { hotRead } from '../hot-queries.ts';

export type ClientKind = 'relying_party' | 'terminal';

export type StoredClient = {
  clientId: string;
  organisationSiren: string;
  kind: ClientKind;
  name: string;
  metadata: Record<string, unknown>;
  createdAt: number;
  disabledAt: number | null;
};

type Row = {
  client_id: string;
  organisation_siren: string;
  kind: string;
  name: string;
  metadata: string;
  created_at: string | number;
  disabled_at: string | number | null;
};

const toClient = (row: Row | undefined): StoredClient | undefined =>
  row && {
    clientId: row.client_id,
    organisationSiren: row.organisation_siren,
    kind: row.kind as ClientKind,
    name: row.name,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    createdAt: Number(row.created_at),
    disabledAt: row.disabled_at === null ? null : Number(row.disabled_at),
  };

export type ClientsRepo = ReturnType<typeof createClientsRepo>;

export function createClientsRepo(db: Knex, now: () => number = Date.now) {
  return {
    async create(client: Omit<StoredClient, 'createdAt' | 'disabledAt'>): Promise<StoredClient> {
      const row: Row = {
        client_id: client.clientId,
        organisation_siren: client.organisationSiren,
        kind: client.kind,
        name: client.name,
        metadata: JSON.stringify(client.metadata),
        created_at: now(),
        disabled_at: null,
      };
      await db('clients').insert(row);
      return toClient(row)!;
    },

    async upsert(client: Omit<StoredClient, 'createdAt' | 'disabledAt'>): Promise<void> {
      await db('clients')
        .insert({
          client_id: client.clientId,
          organisation_siren: client.organisationSiren,
          kind: client.kind,
          name: client.name,
          metadata: JSON.stringify(client.metadata),
          created_at: now(),
          disabled_at: null,
        })
        .onConflict('client_id')
        .merge(['organisation_siren', 'kind', 'name', 'metadata', 'disabled_at']);
    },

    async update(clientId: string, changes: { name?: string; metadata?: Record<string, unknown> }): Promise<void> {
      await db('clients')
        .where({ client_id: clientId })
        .update({
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          ...(changes.metadata !== undefined ? { metadata: JSON.stringify(changes.metadata) } : {}),
        });
    },

    async setDisabled(clientId: string, disabled: boolean): Promise<void> {
      await db('clients')
        .where({ client_id: clientId })
        .update({ disabled_at: disabled ? now() : null });
    },

    async findById(clientId: string): Promise<StoredClient | undefined> {
      return toClient((await hotRead<Row>(db, 'select * from clients where client_id = ?', [clientId]))[0]);
    },

    async listByOrganisation(siren: string): Promise<StoredClient[]> {
      const rows = await db<Row>('clients').where({ organisation_siren: siren }).orderBy('created_at');
      return rows.map((row) => toClient(row)!);
    },
  };
}
