import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../../db/errors.ts';
import { hotRead, hotWrite, placeholders } from '../../db/hot-queries.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.ts';

// The hot path's plain SQL must behave like knex's queries on both engines: SQLite's
// read-only connection and direct writes, PostgreSQL's named prepared statements.
describe.each(databaseKinds())('hot queries on %s', (kind) => {
  let database: TestDatabase;
  const emails = (on = database.db) =>
    hotRead<{ email: string }>(on, 'select email from hot_people order by email', []).then((rows) =>
      rows.map((r) => r.email),
    );

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await database.db.schema.createTable('hot_people', (t) => {
      t.string('email').primary();
      t.integer('visits').notNullable().defaultTo(0);
    });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('reads what was just written, counts changed rows, and binds every placeholder', async () => {
    const insert = 'insert into hot_people (email, visits) values (?, ?)';
    expect(await hotWrite(database.db, insert, ['a@x.bzh', 1])).toBe(1);
    expect(await hotWrite(database.db, insert, ['b@x.bzh', 2])).toBe(1);
    expect(await emails()).toEqual(['a@x.bzh', 'b@x.bzh']);
    expect(await hotWrite(database.db, 'update hot_people set visits = visits + ?', [10])).toBe(2);
    const both = ['a@x.bzh', 'b@x.bzh'];
    const rows = await hotRead(
      database.db,
      `select email, visits from hot_people where email in (${placeholders(2)}) order by email`,
      both,
    );
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { email: 'a@x.bzh', visits: 11 },
      { email: 'b@x.bzh', visits: 12 },
    ]);
    expect(await hotWrite(database.db, 'delete from hot_people where email = ?', ['nobody@x.bzh'])).toBe(0);
  });

  it('reports a unique violation as the repositories expect it', async () => {
    const err = await hotWrite(database.db, 'insert into hot_people (email) values (?)', ['a@x.bzh']).catch(
      (e: unknown) => e,
    );
    expect(isUniqueViolation(err)).toBe(true);
    // The connection that failed is still usable.
    expect(await emails()).toEqual(['a@x.bzh', 'b@x.bzh']);
  });

  it('inside a transaction sees its writes; outside, only what is committed, and is not undone with it', async () => {
    let outside: Promise<number> | undefined;
    await expect(
      database.db.transaction(async (trx) => {
        await hotWrite(trx, 'insert into hot_people (email) values (?)', ['c@x.bzh']);
        expect(await emails(trx)).toEqual(['a@x.bzh', 'b@x.bzh', 'c@x.bzh']);
        expect(await emails()).toEqual(['a@x.bzh', 'b@x.bzh']);
        outside = hotWrite(database.db, 'update hot_people set visits = 0 where email = ?', ['a@x.bzh']);
        if (kind === 'postgres') await outside; // another connection of the pool: it need not wait
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await outside).toBe(1);
    expect(await emails()).toEqual(['a@x.bzh', 'b@x.bzh']);
    expect(await hotRead(database.db, 'select visits from hot_people where email = ?', ['a@x.bzh'])).toEqual([
      { visits: 0 },
    ]);
  });
});
