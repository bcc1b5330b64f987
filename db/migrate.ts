import type { Knex } from 'knex';
import { migrations, type MigrationModule } from './migrations/index.ts';

type Spec = readonly [name: string, module: MigrationModule];

const source: Knex.MigrationSource<Spec> = {
  getMigrations: async () => [...migrations],
  getMigrationName: ([name]) => name,
  getMigration: async ([, module]) => module,
};

const config = { migrationSource: source, tableName: 'knex_migrations' };

/**
 * Applies every pending migration; safe at each start and from several instances at once:
 * when another instance holds the migration lock, wait for it rather than fail.
 */
export async function migrateToLatest(db: Knex, { waitMs = 60_000 } = {}): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await db.migrate.latest(config);
      return;
    } catch (err) {
      const locked = /already locked/i.test((err as Error).message ?? '');
      if (!locked || Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export async function rollbackAll(db: Knex): Promise<void> {
  await db.migrate.rollback(config, true);
}
