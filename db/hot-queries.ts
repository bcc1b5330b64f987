// Queries on the hottest paths (a card check, every step of a login) as plain SQL, without
// knex's query builder: building and compiling a query cost more than running it (on the
// benchmark machine ~45 µs to build, ~45 µs in knex's runner and pool, ~25 µs in SQLite for
// the card check's query). On SQLite they run at once on the connection knex uses when no
// transaction holds it (reads otherwise on a read-only connection); on PostgreSQL as named
// prepared statements; inside transactions, through knex.raw on the transaction. Write the SQL
// once, as a constant, with `?` placeholders and nothing engine-specific; everything else goes
// through knex.
import type { Knex } from 'knex';
import { isPostgres } from './create-db.ts';
import { NodeSqliteClient } from './node-sqlite-client.ts';
import { runPrepared, runPreparedTogether } from './postgres-prepared.ts';

export type Row = Record<string, unknown>;
export type Write = { sql: string; bindings: readonly unknown[] };

export async function hotRead<T extends Row = Row>(db: Knex, sql: string, bindings: readonly unknown[]): Promise<T[]> {
  // Inside a transaction the read must see the transaction's own writes: its connection.
  const inTransaction = (db as Knex.Transaction).isTransaction;
  if (db.client instanceof NodeSqliteClient && !inTransaction) {
    const rows = db.client.read(sql, bindings);
    if (rows) return rows as T[];
  }
  if (isPostgres(db) && !inTransaction) return (await runPrepared(db, sql, bindings)).rows as T[];
  const result = await db.raw(sql, bindings as Knex.RawBinding[]);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Runs an INSERT, UPDATE or DELETE; returns how many rows it changed. */
export async function hotWrite(db: Knex, sql: string, bindings: readonly unknown[]): Promise<number> {
  const inTransaction = (db as Knex.Transaction).isTransaction;
  if (db.client instanceof NodeSqliteClient && !inTransaction) {
    const changes = db.client.write(sql, bindings);
    if (changes !== undefined) return changes;
  }
  if (isPostgres(db) && !inTransaction) return (await runPrepared(db, sql, bindings)).rowCount ?? 0;
  const result = await db.raw(sql, bindings as Knex.RawBinding[]);
  // knex reports SQLite's run() result as the response, pg's as a result with rowCount.
  return Number(
    (result as { changes?: number; rowCount?: number }).changes ?? (result as { rowCount?: number }).rowCount ?? 0,
  );
}

/** Runs INSERT, UPDATE and DELETE statements in order, in one transaction (db/write-batch.ts). */
export async function hotWriteAll(db: Knex, writes: readonly Write[]): Promise<void> {
  if (writes.length === 0) return;
  if (writes.length === 1) {
    await hotWrite(db, writes[0]!.sql, writes[0]!.bindings);
    return;
  }
  const inTransaction = (db as Knex.Transaction).isTransaction;
  if (db.client instanceof NodeSqliteClient && !inTransaction && db.client.writeAll(writes)) return;
  if (isPostgres(db) && !inTransaction) return runPreparedTogether(db, writes);
  const run = async (trx: Knex) => {
    for (const { sql, bindings } of writes) await trx.raw(sql, bindings as Knex.RawBinding[]);
  };
  await (inTransaction ? run(db) : db.transaction(run));
}

/** `?, ?, ?` for a list of n values. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}
