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
import { Worker } from 'node:worker_threads';
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
  destroy(callback?: (err?: unknown) => void): Promise<void>;
};

// knex ships no types for its dialect classes, nor an export map that would forbid the path.
// The better-sqlite3 dialect is knex's synchronous SQLite client; `node:sqlite` has the same shape
// (prepare, all, run → { changes, lastInsertRowid }), so only the driver calls differ.
const BetterSqlite3Client = createRequire(import.meta.url)(
  'knex/lib/dialects/better-sqlite3/index.js',
) as BetterSqlite3ClientClass;

/**
 * Pages of write-ahead log at which a commit checkpoints on the main thread after all: only if
 * the checkpointer thread (wal-checkpointer.ts) has fallen far behind. 10,000 pages = 40 MiB.
 */
const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;
const CHECKPOINT_EVERY_MS = 1000;

/**
 * How much of the database file reads map into memory instead of copying it, page by page,
 * through SQLite's own 2 MiB cache. Once the data outgrows that cache, a lookup reads most of its
 * B-tree pages from the file with a system call each: on 100,000 citizens (a 100 MiB file) the
 * KorriGo check's query took 28–29 µs that way, 20 µs mapped (25 µs with a 64 MiB page cache
 * instead, which would be the process's own memory rather than the kernel's shared page cache).
 * Pages still in the write-ahead log are read as before. SQLite caps it at 2 GiB.
 */
const MMAP_BYTES = 1024 * 1024 * 1024;

/** Enough for every query shape the repositories build; the least recently used goes first. */
const STATEMENT_CACHE_SIZE = 300;

/** SQLite's primary result codes that callers test (see `isUniqueViolation`), by number. */
const RESULT_CODES: Record<number, string> = {
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  19: 'SQLITE_CONSTRAINT',
};

const SELECT = /^\s*select\b/i;

type Cached = { statement: StatementSync; returnsRows: boolean };
type Connection = { db: DatabaseSync; statements: StatementCache };

/** Prepared statements by SQL text, the least recently used dropped first. */
class StatementCache {
  private readonly entries = new Map<string, Cached>();
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  get(sql: string): Cached {
    let entry = this.entries.get(sql);
    if (entry) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(sql);
    } else {
      let statement: StatementSync;
      try {
        statement = this.db.prepare(sql);
      } catch (err) {
        throw withResultCode(err);
      }
      // A statement that yields columns (SELECT, … RETURNING) returns rows; others report
      // changes. Asked once: columns() builds its description anew at each call.
      entry = { statement, returnsRows: statement.columns().length > 0 };
      if (this.entries.size >= STATEMENT_CACHE_SIZE) this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(sql, entry);
    return entry;
  }

  clear() {
    this.entries.clear();
  }
}

export class NodeSqliteClient extends BetterSqlite3Client {
  /** The pool's one connection, which hot writes share (see `write`). */
  private writer: Connection | undefined;
  /** Checkpoints the write-ahead log off the main thread (file databases only). */
  private checkpointer: Worker | undefined;
  /** Hot reads' read-only connection while a transaction holds the other (see `read`). */
  private reader: StatementCache | undefined;
  private readerDb: DatabaseSync | undefined;

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
    // Erasure: a deleted row's bytes are zeroed in the pages a commit writes anyway (FAST adds no
    // I/O), so a deleted account's email and profile do not linger in the database file.
    db.exec('PRAGMA secure_delete = FAST');
    db.exec(`PRAGMA wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    db.exec(`PRAGMA mmap_size = ${MMAP_BYTES}`);
    this.startCheckpointer();
    this.writer = { db, statements: new StatementCache(db) };
    return this.writer;
  }

  async destroyRawConnection(connection: Connection): Promise<void> {
    if (this.writer === connection) this.writer = undefined;
    connection.statements.clear();
    connection.db.close();
  }

  async _query(connection: Connection, obj: QueryObject): Promise<QueryObject> {
    const sql = obj.sql;
    if (!sql) throw new Error('The query is empty');
    const { statement, returnsRows } = connection.statements.get(sql);
    const bindings = this._formatBindings(obj.bindings) as Parameters<StatementSync['all']>;
    try {
      if (returnsRows) {
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

  /**
   * Runs a read-only statement at once, without the query builder or the pool. Outside a
   * transaction it runs on the connection the writes use: that connection's page cache stays
   * valid across its own commits, whereas another connection drops its whole cache at the
   * first read after any commit (WAL mode), and reads its pages again from the file. While a
   * transaction holds that connection, it runs on a second, read-only connection, which sees
   * the last committed state, as a query through knex outside the transaction would. Undefined
   * then for an in-memory database, which a second connection would not share.
   */
  read(sql: string, bindings: readonly unknown[]): Record<string, unknown>[] | undefined {
    // The connection can write: a write sent as a read is refused here, before it runs.
    if (!SELECT.test(sql)) throw new Error(`hot reads run SELECT statements only (readonly): ${sql.slice(0, 60)}`);
    const writer = this.writer;
    const statements = writer && !writer.db.isTransaction ? writer.statements : this.readOnlyStatements();
    if (!statements) return undefined;
    const { statement } = statements.get(sql);
    try {
      return statement.all(...(this._formatBindings([...bindings]) as Parameters<StatementSync['all']>));
    } catch (err) {
      throw withResultCode(err);
    }
  }

  /** The read-only connection's statements, the connection opened on first use. */
  private readOnlyStatements(): StatementCache | undefined {
    const filename = this.connectionSettings.filename;
    if (filename === ':memory:') return undefined;
    if (!this.reader) {
      this.readerDb = new DatabaseSync(filename, { readOnly: true, timeout: 5000 });
      this.readerDb.exec(`PRAGMA mmap_size = ${MMAP_BYTES}`);
      this.reader = new StatementCache(this.readerDb);
    }
    return this.reader;
  }

  /**
   * Runs a write at once on the connection knex's queries use, and returns the rows changed.
   * Undefined while a transaction is open on it (the write must not join it: knex then queues
   * it behind the transaction), or before the connection exists. A knex query never holds the
   * connection across an await otherwise: the driver is synchronous.
   */
  write(sql: string, bindings: readonly unknown[]): number | undefined {
    const writer = this.writer;
    if (!writer || writer.db.isTransaction) return undefined;
    const { statement } = writer.statements.get(sql);
    try {
      return Number(
        statement.run(...(this._formatBindings([...bindings]) as Parameters<StatementSync['run']>)).changes,
      );
    } catch (err) {
      throw withResultCode(err);
    }
  }

  /**
   * Runs writes in one transaction at once on the connection knex's queries use: one commit
   * (one WAL append, one round of locks) for all of them. False, and nothing run, when `write`
   * could not run them either.
   */
  writeAll(writes: readonly { sql: string; bindings: readonly unknown[] }[]): boolean {
    const writer = this.writer;
    if (!writer || writer.db.isTransaction) return false;
    try {
      // IMMEDIATE: the write lock is taken at once, so that a busy database fails here, before
      // any of the writes, rather than at the first one.
      writer.db.exec('BEGIN IMMEDIATE');
      for (const { sql, bindings } of writes) {
        const { statement } = writer.statements.get(sql);
        statement.run(...(this._formatBindings([...bindings]) as Parameters<StatementSync['run']>));
      }
      writer.db.exec('COMMIT');
      return true;
    } catch (err) {
      if (writer.db.isTransaction) writer.db.exec('ROLLBACK');
      throw withResultCode(err);
    }
  }

  private startCheckpointer() {
    const filename = this.connectionSettings.filename;
    if (this.checkpointer || filename === ':memory:') return;
    this.checkpointer = new Worker(new URL('./wal-checkpointer.ts', import.meta.url), {
      workerData: { filename, everyMs: CHECKPOINT_EVERY_MS },
    });
    // It must not keep a process alive that has nothing else to do (the CLI, tests).
    this.checkpointer.unref();
    // Without it, commits checkpoint on the main thread past FALLBACK_AUTOCHECKPOINT_PAGES.
    this.checkpointer.once('error', () => (this.checkpointer = undefined));
  }

  override async destroy(callback?: (err?: unknown) => void): Promise<void> {
    if (this.checkpointer) {
      const stopped = new Promise((resolve) => this.checkpointer!.once('exit', resolve));
      this.checkpointer.postMessage('stop');
      await stopped;
      this.checkpointer = undefined;
    }
    this.reader?.clear();
    this.readerDb?.close();
    this.reader = this.readerDb = undefined;
    return super.destroy(callback);
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
