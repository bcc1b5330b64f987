// knex's SQLite dialect over Node's built-in `node:sqlite`, with each connection's prepared
// statements kept for reuse.
//
// Why not the `sqlite3` package: it sends every query to libuv's thread pool and back (prepare,
// run, finalize), and the single connection stays taken for the whole round trip. On the
// benchmark machine a card check's query cost ~90 µs on the main thread plus ~80 µs in the pool,
// and every request waited for the connection behind the others; the pool is also where argon2
// hashes run, so logins and queries competed for its threads. `DatabaseSync` runs the same
// query on the main thread in ~25 µs, with nothing to wait for. SQLite's answers for the
// platform's queries are tens of microseconds, so running them synchronously is cheaper than
// handing them to another thread (docs/decisions/sqlite-through-node-sqlite.md).
import { createRequire } from 'node:module';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { Knex } from 'knex';

type QueryObject = {
  sql?: string;
  bindings?: unknown[];
  response?: unknown;
  context?: { lastID: number | bigint; changes: number | bigint };
};

type BetterSqlite3ClientClass = new (config: Knex.Config) => {
  connectionSettings: { filename: string };
  _formatBindings(bindings: unknown[] | undefined): unknown[];
};

// knex ships no types for its dialect classes, nor an export map that would forbid the path.
// The better-sqlite3 dialect is knex's synchronous SQLite client; `node:sqlite` has the same shape
// (prepare, all, run → { changes, lastInsertRowid }), so only the driver calls differ.
const BetterSqlite3Client = createRequire(import.meta.url)(
  'knex/lib/dialects/better-sqlite3/index.js',
) as BetterSqlite3ClientClass;

/** Enough for every query shape the repositories build; the least recently used goes first. */
const STATEMENT_CACHE_SIZE = 300;

/** SQLite's primary result codes that callers test (see `isUniqueViolation`), by number. */
const RESULT_CODES: Record<number, string> = {
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  19: 'SQLITE_CONSTRAINT',
};

type Connection = { db: DatabaseSync; statements: Map<string, StatementSync> };

export class NodeSqliteClient extends BetterSqlite3Client {
  _driver() {
    return { DatabaseSync };
  }

  async acquireRawConnection(): Promise<Connection> {
    const db = new DatabaseSync(this.connectionSettings.filename, {
      // Five seconds to wait for another process's write (a backup, the CLI) before SQLITE_BUSY.
      timeout: 5000,
    });
    db.exec('PRAGMA journal_mode = WAL');
    // WAL + NORMAL: a committed transaction survives a crash of the process (tested by
    // test/integration/crash-safety); only a power loss may lose the last ones.
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
    return { db, statements: new Map() };
  }

  async destroyRawConnection(connection: Connection): Promise<void> {
    connection.statements.clear();
    connection.db.close();
  }

  async _query(connection: Connection, obj: QueryObject): Promise<QueryObject> {
    const sql = obj.sql;
    if (!sql) throw new Error('The query is empty');
    const statement = this.prepared(connection, sql);
    const bindings = this._formatBindings(obj.bindings) as Parameters<StatementSync['all']>;
    try {
      // A statement that yields columns (SELECT, … RETURNING) returns rows; others report changes.
      if (statement.columns().length > 0) {
        obj.response = statement.all(...bindings);
      } else {
        const result = statement.run(...bindings);
        obj.response = result;
        obj.context = { lastID: result.lastInsertRowid, changes: result.changes };
      }
    } catch (err) {
      throw withResultCode(err);
    }
    return obj;
  }

  private prepared(connection: Connection, sql: string): StatementSync {
    const { statements } = connection;
    let statement = statements.get(sql);
    if (statement) {
      // Most recently used last: Map keeps insertion order.
      statements.delete(sql);
    } else {
      try {
        statement = connection.db.prepare(sql);
      } catch (err) {
        throw withResultCode(err);
      }
      if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
    }
    statements.set(sql, statement);
    return statement;
  }
}

/**
 * node:sqlite reports every failure as ERR_SQLITE_ERROR with the extended result code in
 * `errcode`; callers test SQLite's code names (SQLITE_CONSTRAINT…), so the name goes in `code`.
 */
function withResultCode(err: unknown): unknown {
  if (err instanceof Error && typeof (err as { errcode?: unknown }).errcode === 'number') {
    const name = RESULT_CODES[(err as unknown as { errcode: number }).errcode & 0xff];
    if (name) Object.defineProperty(err, 'code', { value: name, configurable: true, writable: true });
  }
  return err;
}
