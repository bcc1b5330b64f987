// The writes of one request, committed together. A login's last request writes five rows (it
// deletes the interaction and the old session, stores the new session and the code, logs the
// login): five commits, each a WAL append with its locks on SQLite and a flush to disk on
// PostgreSQL, where one would do. Inside `batchWrites`, the repositories that opt in (the OIDC
// artefacts, the audit log) record their writes in the batch, and read their own pending
// writes back; the batch runs them in one transaction once the request's work has succeeded,
// before its answer leaves. If the work fails, none of them is written: the request is all or
// nothing. See docs/decisions/one-commit-per-request.md.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Knex } from 'knex';
import { hotWriteAll, type Write } from './hot-queries.ts';

export class WriteBatch {
  /** The write that decides each row, by key; a later write of the same row replaces it. */
  private readonly writes = new Map<string, { write: Write; state: unknown }>();
  private unkeyed = 0;
  private open = true;

  /** Whether writes still go in this batch (not once it has run or been dropped). */
  get isOpen(): boolean {
    return this.open;
  }

  /**
   * Records a write. `key` names the row it decides (a later write with the same key replaces
   * it), `state` what the repository needs to answer reads of that row meanwhile. Without a
   * key the write is simply appended (an insert into a log).
   */
  put(key: string | undefined, write: Write, state?: unknown): void {
    const at = key ?? `\0${this.unkeyed++}`;
    // Moved to the end: the writes run in the order of each row's last write.
    this.writes.delete(at);
    this.writes.set(at, { write, state });
  }

  /** The state recorded with the pending write of a row, if any. */
  pending<T>(key: string): T | undefined {
    return this.writes.get(key)?.state as T | undefined;
  }

  /** The states of every pending keyed write whose key starts with `prefix`. */
  *pendingUnder<T>(prefix: string): Generator<[string, T]> {
    for (const [key, { state }] of this.writes) if (key.startsWith(prefix)) yield [key, state as T];
  }

  /** Hands over the pending writes, in the order they were recorded; the batch stays open. */
  drain(): Write[] {
    const writes = [...this.writes.values()].map(({ write }) => write);
    this.writes.clear();
    return writes;
  }

  /** Hands over the pending writes and closes the batch. */
  close(): Write[] {
    this.open = false;
    return this.drain();
  }
}

const current = new AsyncLocalStorage<WriteBatch>();

/** The batch the running request records its writes in, while it is open. */
export function openBatch(): WriteBatch | undefined {
  const batch = current.getStore();
  return batch?.isOpen ? batch : undefined;
}

/**
 * Runs `work` with a batch, then its writes in one transaction. Work it started and left
 * running (a fire-and-forget task) finds the batch closed afterwards, and writes at once.
 */
export async function batchWrites<T>(db: Knex, work: () => Promise<T>): Promise<T> {
  const batch = new WriteBatch();
  let result: T;
  try {
    result = await current.run(batch, work);
  } catch (err) {
    batch.close(); // dropped: the request failed
    throw err;
  }
  await hotWriteAll(db, batch.close());
  return result;
}

/**
 * Writes the running request's pending writes now, its later ones going on in the batch: for a
 * query that must see them (a search by something other than the key), or a write that must
 * not wait (consuming a code).
 */
export async function writePendingNow(db: Knex): Promise<void> {
  const writes = openBatch()?.drain();
  if (writes?.length) await hotWriteAll(db, writes);
}
