import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../db/create-db.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { migrations } from '../../db/migrations/index.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.ts';

describe.each(databaseKinds())('migrations on %s', (kind) => {
  let database: TestDatabase | undefined;
  const others: Db[] = [];
  afterEach(async () => {
    await Promise.all(others.splice(0).map((db) => db.destroy()));
    await database?.drop();
  });

  it('run from several instances starting at once on a new database: all start, each migration once', async () => {
    database = await createTestDatabase(kind, { migrate: false });
    // Instances of a deployment: each its own connections to the same database.
    for (let i = 0; i < 3; i++) others.push(await createDb(database.url));
    await Promise.all([database.db, ...others].map((db) => migrateToLatest(db)));

    const applied = await database.db('knex_migrations').pluck('name');
    expect(applied.sort()).toEqual(migrations.map(([name]) => name).sort());
    expect(await database.db('knex_migrations_lock').where({ is_locked: 1 })).toEqual([]);
  });
});
