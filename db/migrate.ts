import type { Knex } from 'knex';
import { migrations, type MigrationModule } from './migrations/index.ts';

type Spec = readonly [name: string, module: MigrationModule];

const source: Knex.MigrationSource<Spec> = {
  getMigrations: async () => [...migrations],
  getMigrationName: ([name]) => name,
  getMigration: async ([, module]) => module,
};

const config = { migrationSource: source, tableName: 'knex_migrations' };
const lockTable = `${config.tableName}_lock`;

/**
 * Applies every pending migration; safe at each start and from several instances at once:
 * when another instance holds the migration lock, wait for it rather than fail.
 */
export async function migrateToLatest(db: Knex, { waitMs = 60_000 } = {}): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await ensureSingleLockRow(db);
      await db.migrate.latest(config);
      return;
    } catch (err) {
      if (!anotherInstanceIsMigrating(err) || Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * knex creates its lock table, then inserts the lock row if it finds none: two instances starting
 * at once on a new database can both insert one, and knex, which then updates two rows where it
 * expects one, reports "already locked" to every instance forever. The same table, created here
 * first, gets its one row under a fixed key, which a concurrent insert cannot duplicate; knex
 * then finds a row and inserts none.
 */
async function ensureSingleLockRow(db: Knex): Promise<void> {
  if (!(await db.schema.hasTable(lockTable))) {
    // knex's own definition of the table (migrate/table-creator.js).
    await db.schema.createTable(lockTable, (table) => {
      table.increments('index').primary();
      table.integer('is_locked');
    });
  }
  // Only into an empty table: a deployment whose row has another key (after `knex migrate:unlock`,
  // which deletes and re-inserts it) keeps that one row.
  await db.raw('insert into ?? (??, ??) select 1, 0 where not exists (select 1 from ??) on conflict (??) do nothing', [
    lockTable,
    'index',
    'is_locked',
    lockTable,
    'index',
  ]);
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
