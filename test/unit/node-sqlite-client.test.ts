import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../db/create-db.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { hotRead, hotWrite, placeholders } from '../../db/hot-queries.ts';

describe('SQLite through node:sqlite (knex dialect)', () => {
  let dir: string;
  let db: Db;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-sqlite-'));
    db = await createDb(`sqlite:${path.join(dir, 'db.sqlite')}`);
    await db.schema.createTable('people', (t) => {
      t.increments('id');
      t.string('email').notNullable().unique();
      t.boolean('verified').notNullable().defaultTo(false);
      t.bigInteger('seen_at');
    });
  });

  afterEach(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens the file in WAL mode with foreign keys enforced, reading it through a memory map', async () => {
    expect((await db.raw('PRAGMA journal_mode'))[0].journal_mode).toBe('wal');
    expect((await db.raw('PRAGMA foreign_keys'))[0].foreign_keys).toBe(1);
    expect((await db.raw('PRAGMA mmap_size'))[0].mmap_size).toBe(1024 * 1024 * 1024);
  });

  it('inserts, returns ids and counts changes as knex reports them', async () => {
    const [first] = await db('people').insert({ email: 'a@x.bzh', verified: true, seen_at: 1_700_000_000_000 });
    expect(first).toBe(1);
    expect(await db('people').insert({ email: 'b@x.bzh' }).returning('id')).toEqual([{ id: 2 }]);
    expect(await db('people').where({ verified: false }).update({ verified: true })).toBe(1);
    expect(await db('people').orderBy('id').select('email', 'verified', 'seen_at')).toEqual([
      { email: 'a@x.bzh', verified: 1, seen_at: 1_700_000_000_000 },
      { email: 'b@x.bzh', verified: 1, seen_at: null },
    ]);
    expect(await db('people').where({ email: 'a@x.bzh' }).delete()).toBe(1);
  });

  it('names a unique violation as SQLite does, and the connection goes on working', async () => {
    await db('people').insert({ email: 'a@x.bzh' });
    const err = await db('people')
      .insert({ email: 'a@x.bzh' })
      .catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    expect((err as { code: string }).code).toBe('SQLITE_CONSTRAINT');
    await expect(db.raw('select * from nowhere')).rejects.toThrow(/no such table/);
    expect(await db('people').count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('rolls a failed transaction back', async () => {
    await expect(
      db.transaction(async (trx) => {
        await trx('people').insert({ email: 'a@x.bzh' });
        await trx('people').insert({ email: 'a@x.bzh' });
      }),
    ).rejects.toSatisfy(isUniqueViolation);
    expect(await db('people').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('keeps answering correctly past the statement cache size, and after the schema changes', async () => {
    // 400 distinct statements: older cached ones are dropped and prepared again when they return.
    for (let i = 0; i < 400; i++) await db('people').insert({ email: `p${i}@x.bzh` });
    for (let i = 0; i < 400; i += 7) {
      expect(
        await db('people')
          .where({ email: `p${i}@x.bzh` })
          .select(db.raw(`id + ${i} as shifted`)),
      ).toEqual([{ shifted: i + 1 + i }]);
    }
    const byEmail = () => db('people').where({ email: 'p1@x.bzh' }).first();
    await byEmail();
    await db.schema.alterTable('people', (t) => t.string('commune'));
    expect(await byEmail()).toMatchObject({ email: 'p1@x.bzh', commune: null });
  });

  it('hot reads see every committed write at once, and a transaction its own writes', async () => {
    const byEmails = (emails: string[], on: Db = db) =>
      hotRead(on, `select email from people where email in (${placeholders(emails.length)}) order by email`, emails);
    await db('people').insert({ email: 'a@x.bzh' });
    expect(await byEmails(['a@x.bzh', 'b@x.bzh'])).toEqual([{ email: 'a@x.bzh' }]);
    await db.transaction(async (trx) => {
      await trx('people').insert({ email: 'b@x.bzh' });
      expect(await byEmails(['a@x.bzh', 'b@x.bzh'], trx)).toHaveLength(2);
      // Outside the transaction, nothing uncommitted shows.
      expect(await byEmails(['b@x.bzh'])).toEqual([]);
    });
    expect(await byEmails(['b@x.bzh'])).toEqual([{ email: 'b@x.bzh' }]);
    await db('people').where({ email: 'a@x.bzh' }).delete();
    expect(await byEmails(['a@x.bzh'])).toEqual([]);
  });

  it('hot reads refuse to write, and work on an in-memory database too', async () => {
    await expect(hotRead(db, "insert into people (email) values ('x@x.bzh')", [])).rejects.toThrow(/readonly/);
    expect(await db('people').count({ n: '*' })).toEqual([{ n: 0 }]);
    const memory = await createDb('sqlite::memory:');
    try {
      expect(await hotRead(memory, 'select ? + 1 as n', [41])).toEqual([{ n: 42 }]);
    } finally {
      await memory.destroy();
    }
  });

  it('hot writes apply at once, and never join a transaction that is open meanwhile', async () => {
    expect(await hotWrite(db, 'insert into people (email) values (?)', ['a@x.bzh'])).toBe(1);
    expect(await db('people').pluck('email')).toEqual(['a@x.bzh']);
    let outside: Promise<number> | undefined;
    await expect(
      db.transaction(async (trx) => {
        await trx('people').insert({ email: 'in-tx@x.bzh' });
        // Waits for the connection until the transaction is over, and is not undone with it.
        outside = hotWrite(db, 'update people set verified = ? where email = ?', [true, 'a@x.bzh']);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await outside).toBe(1);
    expect(await db('people').select('email', 'verified')).toEqual([{ email: 'a@x.bzh', verified: 1 }]);
    const err = await hotWrite(db, 'insert into people (email) values (?)', ['a@x.bzh']).catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
  });

  it('moves the write-ahead log into the database file off the main thread, within seconds', async () => {
    const file = path.join(dir, 'db.sqlite');
    // SQLite's header says how many pages the database file itself holds (offset 28).
    const pagesInFile = () => fs.readFileSync(file).readUInt32BE(28);
    const before = pagesInFile();
    for (let i = 0; i < 300; i++) await db('people').insert({ email: `${'x'.repeat(2000)}${i}@x.bzh` });
    // Far below the main connection's own threshold (10,000 pages): only the worker copies them.
    const deadline = Date.now() + 5000;
    while (pagesInFile() < before + 100 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(pagesInFile()).toBeGreaterThanOrEqual(before + 100);
  });
});
