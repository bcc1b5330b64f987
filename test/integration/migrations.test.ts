import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../db/create-db.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { migrations } from '../../db/migrations/index.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.ts';

describe.each(databaseKinds())('migrations on %s', (kind) => {
  const databases: TestDatabase[] = [];
  const others: Db[] = [];
  afterEach(async () => {
    await Promise.all(others.splice(0).map((db) => db.destroy()));
    await Promise.all(databases.splice(0).map((database) => database.drop()));
  });

  // The races of a first start (knex checks for its tables and its lock row, then creates them)
  // are won or lost by timing: several new databases give each one several chances.
  it('run from several instances starting at once on a new database: all start, each migration once', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const database = await createTestDatabase(kind, { migrate: false });
      databases.push(database);
      // Instances of a deployment: each its own connections to the same database.
      const instances = [database.db];
      for (let i = 0; i < 5; i++) instances.push(await createDb(database.url));
      others.push(...instances.slice(1));
      await Promise.all(instances.map((db) => migrateToLatest(db, { waitMs: 10_000 })));

      const applied = await database.db('knex_migrations').pluck('name');
      expect(applied.sort()).toEqual(migrations.map(([name]) => name).sort());
      // One lock row, free: a second row would read as "already locked" at every later start.
      expect(await database.db('knex_migrations_lock').select('is_locked')).toEqual([{ is_locked: 0 }]);
    }
  });
});
