// Hot queries on PostgreSQL as named prepared statements: parsed and planned once per
// connection, then only bound and executed. knex sends every query unnamed, so PostgreSQL
// parses and plans it each time: for the card check's query ~230 µs of server CPU against
// ~57 µs prepared, and ~157 against ~56 µs in this process (bench/RESULTS.md, "Where check
// time goes"). Behind PgBouncer in transaction mode, prepared statements need its
// max_prepared_statements setting (1.21 or later).
import crypto from 'node:crypto';
import type { Knex } from 'knex';

type Statement = { name: string; text: string };
type PgResult = { rows: Record<string, unknown>[]; rowCount: number | null };
type PgConnection = { query(config: Statement & { values: unknown[] }): Promise<PgResult> };
type PooledClient = {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<unknown>;
};

const statements = new Map<string, Statement>();

/** The statement for a `?`-placeholder SQL text: `$1, $2 …` and a name derived from the text. */
function statementFor(sql: string): Statement {
  let statement = statements.get(sql);
  if (!statement) {
    let n = 0;
    statement = {
      name: `hot_${crypto.createHash('sha256').update(sql).digest('hex').slice(0, 24)}`,
      text: sql.replace(/\?/g, () => `$${++n}`),
    };
    statements.set(sql, statement);
  }
  return statement;
}

/** Runs the SQL on a connection of knex's pool (outside any transaction) as a named statement. */
export async function runPrepared(db: Knex, sql: string, bindings: readonly unknown[]): Promise<PgResult> {
  // acquire/releaseConnection are how knex's own runner borrows a connection from its pool.
  const client = db.client as unknown as PooledClient;
  const connection = await client.acquireConnection();
  try {
    return await connection.query({ ...statementFor(sql), values: [...bindings] });
  } finally {
    await client.releaseConnection(connection);
  }
}

/** Runs writes in order in one transaction, on one connection of knex's pool, as named statements. */
export async function runPreparedTogether(
  db: Knex,
  writes: readonly { sql: string; bindings: readonly unknown[] }[],
): Promise<void> {
  const client = db.client as unknown as PooledClient;
  const connection = (await client.acquireConnection()) as PgConnection & {
    query(sql: string): Promise<PgResult>;
    __knex__disposed?: unknown;
  };
  try {
    await connection.query('BEGIN');
    try {
      for (const { sql, bindings } of writes) await connection.query({ ...statementFor(sql), values: [...bindings] });
      await connection.query('COMMIT');
    } catch (err) {
      // A connection that cannot even roll back is left to knex's pool to drop, as it drops one
      // that reported an error (its validation reads this mark).
      await connection.query('ROLLBACK').catch((rollbackError: unknown) => {
        connection.__knex__disposed = rollbackError;
      });
      throw err;
    }
  } finally {
    await client.releaseConnection(connection);
  }
}
