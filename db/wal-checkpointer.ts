// Worker thread: moves the pages of SQLite's write-ahead log back into the database file
// every second, off the main thread. Left to SQLite, the commit that crosses 1,000 pages of
// log does it itself, with two fsyncs, on the event loop (node:sqlite is synchronous): a
// pause of several milliseconds for whatever request made that commit. PASSIVE never waits
// for the server's readers or writers; frames still in use are copied at a later pass.
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

const { filename, everyMs } = workerData as { filename: string; everyMs: number };
const db = new DatabaseSync(filename, { timeout: 0 });

const timer = setInterval(() => {
  try {
    db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch {
    // Busy (a backup, another checkpoint): the next pass will do it.
  }
}, everyMs);

parentPort!.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort!.close();
});
