import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTerminalActivityRepo } from '../../db/repos/terminal-activity-repo.ts';
import { createActivityRecorder } from '../../provider/src/cards/terminal-activity.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.ts';

describe.each(databaseKinds())('terminal activity counters on %s', (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('adds what each terminal did to its day, batch after batch, for every terminal at once', async () => {
    const repo = createTerminalActivityRepo(database.db);
    const errors: unknown[] = [];
    const recorder = createActivityRecorder(repo, (err) => errors.push(err), 60_000);
    const today = new Date().toISOString().slice(0, 10);

    recorder.record('borne-1', 'check');
    recorder.record('borne-1', 'unrecognised');
    recorder.record('borne-2', 'pairing');
    await recorder.flush();
    for (let i = 0; i < 3; i++) recorder.record('borne-1', 'check');
    await recorder.flush();
    await recorder.flush(); // nothing pending: nothing written
    await recorder.close();

    expect(errors).toEqual([]);
    expect(await repo.recent('borne-1')).toEqual([
      { day: today, checks: 5, unrecognised: 1, pairings: 0, lastSeenAt: expect.any(Number) },
    ]);
    expect(await repo.recent('borne-2')).toEqual([
      { day: today, checks: 0, unrecognised: 0, pairings: 1, lastSeenAt: expect.any(Number) },
    ]);
    expect(await repo.recent('borne-3')).toEqual([]);
  });
});
