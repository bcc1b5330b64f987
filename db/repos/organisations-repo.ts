// Public bodies of Brittany, identified by SIREN.
import type { Knex } from 'knex';

export type OrganisationLevel = 'region' | 'departement' | 'epci' | 'commune';
export type Organisation = { siren: string; name: string; level: OrganisationLevel; code: string };

export type OrganisationsRepo = ReturnType<typeof createOrganisationsRepo>;

export function createOrganisationsRepo(db: Knex) {
  return {
    async count(): Promise<number> {
      const [row] = await db('organisations').count<{ n: number | string }[]>({ n: '*' });
      return Number(row?.n ?? 0);
    },

    /** Inserts or refreshes organisations in batches (the official list changes yearly). */
    async upsertMany(organisations: Organisation[]): Promise<void> {
      await db.transaction(async (trx) => {
        for (let i = 0; i < organisations.length; i += 200) {
          await trx('organisations')
            .insert(organisations.slice(i, i + 200))
            .onConflict('siren')
            .merge(['name', 'level', 'code']);
        }
      });
    },

    async findBySiren(siren: string): Promise<Organisation | undefined> {
      return db<Organisation>('organisations').where({ siren }).first();
    },

    async list(filter: { level?: OrganisationLevel } = {}): Promise<Organisation[]> {
      const query = db<Organisation>('organisations').orderBy(['level', 'name']);
      if (filter.level) query.where({ level: filter.level });
      return query;
    },
  };
}
