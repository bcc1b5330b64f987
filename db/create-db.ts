// Opens the platform's database: embedded SQLite for a single machine, PostgreSQL for scale.
// Both run the same migrations and the same repository code.
import fs from 'node:fs';
import path from 'node:path';
import knexFactory from 'knex';
import type { Knex } from 'knex';
import { NodeSqliteClient } from './node-sqlite-client.ts';

export type Db = Knex;

export type DbOptions = {
  /** PostgreSQL schema to use (tests isolate themselves this way). */
  schema?: string;
  /** Maximum pool size for PostgreSQL. */
  poolMax?: number;
};

export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

export function isPostgres(db: Db): boolean {
  return db.client.config.client === 'pg';
}

/** Creates a knex instance for `sqlite:<file>` or `postgres://…` and checks that it answers. */
export async function createDb(url: string, options: DbOptions = {}): Promise<Db> {
  const db = url.startsWith('sqlite:') ? openSqlite(url) : openPostgres(url, options);
  try {
    await db.raw('select 1');
  } catch (cause) {
    await db.destroy().catch(() => undefined);
    throw new DatabaseUnavailableError(`cannot open the database ${redact(url)}: ${describe(cause)}`, { cause });
  }
  return db;
}

function openSqlite(url: string): Db {
  const filename = sqliteFilename(url);
  if (filename !== ':memory:') {
    try {
      fs.mkdirSync(path.dirname(filename), { recursive: true });
    } catch (cause) {
      throw new DatabaseUnavailableError(`cannot create the folder of the database ${filename}: ${describe(cause)}`, {
        cause,
      });
    }
  }
  return knexFactory({
    client: NodeSqliteClient as unknown as typeof Knex.Client,
    connection: { filename },
    useNullAsDefault: true,
    // One connection: SQLite serialises writers anyway, and a single connection never meets
    // SQLITE_BUSY between its own requests. WAL lets backups and the CLI read meanwhile.
    pool: { min: 1, max: 1 },
  });
}

/** `sqlite:data/kms.sqlite` (relative to the working directory), `sqlite:/abs/path`, `sqlite::memory:`. */
export function sqliteFilename(url: string): string {
  let rest = url.slice('sqlite:'.length);
  if (rest === ':memory:') return rest;
  if (rest.startsWith('//')) rest = rest.slice(2);
  return path.resolve(rest);
}

function openPostgres(url: string, options: DbOptions): Db {
  return knexFactory({
    client: 'pg',
    connection: url,
    searchPath: options.schema ? [options.schema] : undefined,
    pool: { min: 0, max: options.poolMax ?? 10 },
    acquireConnectionTimeout: 10_000,
  });
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

function describe(cause: unknown): string {
  if (cause instanceof AggregateError && cause.errors.length > 0) return describe(cause.errors[0]);
  if (cause instanceof Error) return cause.message || cause.name;
  return String(cause);
}
