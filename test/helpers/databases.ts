// Real, migrated databases for tests: a temporary SQLite file, and a fresh PostgreSQL schema
// when a server answers. `forEachDatabase` runs a suite once per database.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { createDb, type Db } from '../../db/create-db.ts';
import { migrateToLatest } from '../../db/migrate.ts';

export type DatabaseKind = 'sqlite' | 'postgres';

export type TestDatabase = {
  kind: DatabaseKind;
  db: Db;
  /** A DATABASE_URL for a child process that should see the same data. */
  url: string;
  /** PostgreSQL schema, for child processes (set PGOPTIONS=-c search_path=…). */
  schema?: string;
  drop(): Promise<void>;
};

export function databaseKinds(): DatabaseKind[] {
  return inject('postgresUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

export async function createTestDatabase(kind: DatabaseKind, { migrate = true } = {}): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-test-db-'));
    const url = `sqlite:${path.join(dir, 'test.sqlite')}`;
    const db = await createDb(url);
    if (migrate) await migrateToLatest(db);
    return {
      kind,
      db,
      url,
      async drop() {
        await db.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base = inject('postgresUrl');
  if (!base) throw new Error('PostgreSQL is not available');
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = await createDb(base);
  await admin.raw(`create schema ${schema}`);
  await admin.destroy();
  const url = withSearchPath(base, schema);
  const db = await createDb(url);
  if (migrate) await migrateToLatest(db);
  return {
    kind,
    db,
    url,
    schema,
    async drop() {
      await db.destroy();
      const cleaner = await createDb(base);
      await cleaner.raw(`drop schema ${schema} cascade`);
      await cleaner.destroy();
    },
  };
}

/** pg reads `options` from the URL: every connection then uses the test's schema. */
function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}
