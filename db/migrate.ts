import type { Knex } from 'knex';
import { migrations, type MigrationModule } from './migrations/index.ts';

type Spec = readonly [name: string, module: MigrationModule];

const source: Knex.MigrationSource<Spec> = {
  getMigrations: async () => [...migrations],
  getMigrationName: ([name]) => name,
  getMigration: async ([, module]) => module,
};

/** Applies every pending migration; safe to call at each start and from several instances. */
export async function migrateToLatest(db: Knex): Promise<void> {
  await db.migrate.latest({ migrationSource: source, tableName: 'knex_migrations' });
}

export async function rollbackAll(db: Knex): Promise<void> {
  await db.migrate.rollback({ migrationSource: source, tableName: 'knex_migrations' }, true);
}
