// The catalogue of mes-services. Services are stored whole as JSON (validated upstream);
// a few columns are copied out for filtering and ownership.
import type { Knex } from 'knex';

export type StoredService = { id: string; data: unknown; published: boolean; updatedAt: number };

export type DirectoryServicesRepo = ReturnType<typeof createDirectoryServicesRepo>;

export function createDirectoryServicesRepo(db: Knex, now: () => number = Date.now) {
  return {
    async count(): Promise<number> {
      const [row] = await db('directory_services').count<{ n: number | string }[]>({ n: '*' });
      return Number(row?.n ?? 0);
    },

    async upsertMany(
      services: {
        id: string;
        data: unknown;
        published: boolean;
        authorityLevel: string;
        authorityCode: string;
        source: string;
      }[],
    ): Promise<void> {
      await db.transaction(async (trx) => {
        for (let i = 0; i < services.length; i += 100) {
          await trx('directory_services')
            .insert(
              services.slice(i, i + 100).map((s) => ({
                id: s.id,
                data: JSON.stringify(s.data),
                published: s.published,
                authority_level: s.authorityLevel,
                authority_code: s.authorityCode,
                source: s.source,
                updated_at: now(),
              })),
            )
            .onConflict('id')
            .merge();
        }
      });
    },

    async findById(id: string): Promise<StoredService | undefined> {
      const row = await db('directory_services').where({ id }).first();
      return (
        row && {
          id: row.id,
          data: JSON.parse(row.data) as unknown,
          published: Boolean(row.published),
          updatedAt: Number(row.updated_at),
        }
      );
    },

    async audit(entry: {
      actor: string;
      organisationSiren: string | null;
      action: string;
      target: string;
    }): Promise<void> {
      await db('directory_admin_audit').insert({
        actor: entry.actor.slice(0, 254),
        organisation_siren: entry.organisationSiren,
        action: entry.action,
        target: entry.target.slice(0, 150),
        created_at: now(),
      });
    },

    async auditOf(
      sirens: string[] | '*',
    ): Promise<
      { actor: string; organisationSiren: string | null; action: string; target: string; createdAt: number }[]
    > {
      const query = db('directory_admin_audit').orderBy('id', 'desc').limit(200);
      if (sirens !== '*') query.whereIn('organisation_siren', sirens);
      return (await query).map((r) => ({
        actor: r.actor,
        organisationSiren: r.organisation_siren,
        action: r.action,
        target: r.target,
        createdAt: Number(r.created_at),
      }));
    },

    async listAll(): Promise<StoredService[]> {
      const rows = await db('directory_services').orderBy('id');
      return rows.map((row) => ({
        id: row.id,
        data: JSON.parse(row.data) as unknown,
        published: Boolean(row.published),
        updatedAt: Number(row.updated_at),
      }));
    },
  };
}
