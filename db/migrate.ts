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
      if (!anotherInstanceIsMigrating(err) || Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * knex's lock, or the race to create its two tables on a new database: knex checks that a table
 * is missing, then creates it, so the instance that loses sees "already exists" (PostgreSQL
 * may also report the duplicate of the table's row type). Its next attempt finds the tables.
 */
function anotherInstanceIsMigrating(err: unknown): boolean {
  const message = (err as Error | undefined)?.message ?? '';
  if (/already locked/i.test(message)) return true;
  return message.includes('knex_migrations') && /already exists|duplicate key/i.test(message);
}

export async function rollbackAll(db: Knex): Promise<void> {
  await db.migrate.rollback(config, true);
}
