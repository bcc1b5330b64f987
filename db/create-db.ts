// Opens the platform's database: embedded SQLite for a single machine, PostgreSQL for scale.
// Both run the same migrations and the same repository code.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import knexFactory from 'knex';
import type { Knex } from 'knex';

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
    client: Sqlite3WithStatementCache as unknown as typeof Knex.Client,
    connection: { filename },
    useNullAsDefault: true,
    // One connection: SQLite serialises writers anyway, and a single connection never meets
    // SQLITE_BUSY between its own requests. WAL lets backups and the CLI read meanwhile.
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: unknown) => void) {
        conn.serialize(() => {
          conn.run('PRAGMA journal_mode = WAL');
          conn.run('PRAGMA synchronous = NORMAL');
          conn.run('PRAGMA foreign_keys = ON');
          conn.run('PRAGMA busy_timeout = 5000', (err: Error | null) => done(err, conn));
        });
      },
    },
  });
}

type SqliteConnection = {
  serialize(fn: () => void): void;
  run(sql: string, cb?: (err: Error | null) => void): void;
  prepare(sql: string, cb: (err: Error | null) => void): SqliteStatement;
};

type SqliteCallback = (this: unknown, err: Error | null, response?: unknown) => void;
type SqliteStatement = {
  all(bindings: unknown, cb: SqliteCallback): void;
  run(bindings: unknown, cb: SqliteCallback): void;
  finalize(cb?: () => void): void;
};
type QueryObject = {
  sql?: string;
  bindings?: unknown;
  method?: string;
  returning?: unknown;
  response?: unknown;
  context?: unknown;
};
type Sqlite3ClientClass = new (config: Knex.Config) => {
  _query(connection: SqliteConnection, obj: QueryObject): Promise<QueryObject>;
  destroyRawConnection(connection: SqliteConnection): Promise<void>;
};

// knex ships no types for its dialect classes, nor an export map that would forbid the path.
const Sqlite3Client = createRequire(import.meta.url)('knex/lib/dialects/sqlite3/index.js') as Sqlite3ClientClass;

/** Enough for every query shape the repositories build; the least recently used goes first. */
const STATEMENT_CACHE_SIZE = 200;
const statementCaches = new WeakMap<SqliteConnection, Map<string, SqliteStatement>>();

/**
 * knex's SQLite client, keeping each connection's prepared statements for reuse. node-sqlite3
 * prepares, runs and finalizes a statement for every query, each step a round trip to libuv's
 * thread pool; a reused statement only runs (~50 µs of CPU instead of ~180 µs per query
 * on the benchmark machine). Statements are only reused after running to completion (`all`,
 * or `run` for writes without RETURNING, which return no row), so none holds a read snapshot
 * open; one that failed is finalized, so error paths behave as without the cache.
 */
class Sqlite3WithStatementCache extends Sqlite3Client {
  override _query(connection: SqliteConnection, obj: QueryObject): Promise<QueryObject> {
    const sql = obj.sql;
    if (!sql) throw new Error('The query is empty');
    // The method knex's own client picks: `run` reports lastID and changes, `all` returns rows.
    const returnsRows = !(
      ((obj.method === 'insert' || obj.method === 'update') && !obj.returning) ||
      obj.method === 'counter' ||
      obj.method === 'del'
    );
    let cache = statementCaches.get(connection);
    if (!cache) statementCaches.set(connection, (cache = new Map()));
    const statements = cache;
    return new Promise((resolve, reject) => {
      const execute = (statement: SqliteStatement, cached: boolean) => {
        statement[returnsRows ? 'all' : 'run'](obj.bindings, function (err, response) {
          if (err || !cached) {
            if (statements.get(sql) === statement) statements.delete(sql);
            statement.finalize();
          }
          if (err) return reject(err);
          obj.response = response;
          // The statement itself, which carries `lastID` and `changes` after `run`.
          obj.context = this;
          resolve(obj);
        });
      };
      const cached = statements.get(sql);
      if (cached) {
        statements.delete(sql);
        statements.set(sql, cached);
        return execute(cached, true);
      }
      // Nothing may be queued on a statement before it is prepared: node-sqlite3 drops the
      // queued calls of one that fails to prepare without calling them back.
      const statement = connection.prepare(sql, (err) => {
        if (err) return reject(err);
        // Two first uses of the same query at once (in a transaction): the second is not kept.
        const keep = !statements.has(sql);
        if (keep) {
          statements.set(sql, statement);
          if (statements.size > STATEMENT_CACHE_SIZE) {
            const [oldest, old] = statements.entries().next().value!;
            statements.delete(oldest);
            // Queued behind any call still running on it.
            old.finalize();
          }
        }
        execute(statement, keep);
      });
    });
  }

  // SQLite refuses to close a connection that still has statements.
  override async destroyRawConnection(connection: SqliteConnection): Promise<void> {
    const statements = statementCaches.get(connection);
    if (statements) {
      await Promise.all([...statements.values()].map((s) => new Promise<void>((resolve) => s.finalize(resolve))));
      statements.clear();
    }
    return super.destroyRawConnection(connection);
  }
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
