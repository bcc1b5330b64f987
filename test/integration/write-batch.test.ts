import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hotWriteAll } from '../../db/hot-queries.ts';
import { createAuditRepo } from '../../db/repos/audit-repo.ts';
import { createOidcPayloadsRepo, type OidcPayloadsRepo } from '../../db/repos/oidc-payloads-repo.ts';
import { batchWrites } from '../../db/write-batch.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.ts';

// A request's writes, batched: read back within the request, written together at its end, or
// not at all if it fails (db/write-batch.ts), on both engines.
describe.each(databaseKinds())('writes batched per request on %s', (kind) => {
  let database: TestDatabase;
  let repo: OidcPayloadsRepo;
  let clock = Date.now();
  const stored = (model: string, id: string) => database.db('oidc_payloads').where({ model, id }).first();

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    repo = createOidcPayloadsRepo(database.db, () => clock);
    await database.db('accounts').insert({
      id: 'acc-batch',
      email: 'batch@example.bzh',
      password_hash: 'x',
      created_at: clock,
      updated_at: clock,
    });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('answers reads from the pending writes, and writes them when the work is done', async () => {
    await repo.upsert('Session', 'old', { uid: 'u-old', accountId: 'acc-batch' }, 60);
    await batchWrites(database.db, async () => {
      await repo.upsert('Session', 'new', { uid: 'u-new', accountId: 'acc-batch' }, 60);
      await repo.destroy('Session', 'old');
      await repo.upsert('Interaction', 'i1', { uid: 'i1', step: 1 }, 60);
      await repo.upsert('Interaction', 'i1', { uid: 'i1', step: 2 }, 60);
      // Nothing is in the database yet…
      expect(await stored('Session', 'new')).toBeUndefined();
      expect(await stored('Session', 'old')).toBeDefined();
      // …but the request reads its own writes, by id and by uid.
      expect(await repo.find('Session', 'new')).toEqual({ uid: 'u-new', accountId: 'acc-batch' });
      expect(await repo.findByUid('Session', 'u-new')).toEqual({ uid: 'u-new', accountId: 'acc-batch' });
      expect(await repo.find('Session', 'old')).toBeUndefined();
      expect(await repo.findByUid('Session', 'u-old')).toBeUndefined();
      expect(await repo.find('Interaction', 'i1')).toEqual({ uid: 'i1', step: 2 });
      await repo.destroy('Interaction', 'i1');
      expect(await repo.find('Interaction', 'i1')).toBeUndefined();
    });
    expect(JSON.parse((await stored('Session', 'new')).payload)).toEqual({ uid: 'u-new', accountId: 'acc-batch' });
    expect(await stored('Session', 'old')).toBeUndefined();
    expect(await stored('Interaction', 'i1')).toBeUndefined();
  });

  it('writes nothing of a request that fails', async () => {
    const audit = createAuditRepo(database.db, () => clock);
    const failing = batchWrites(database.db, async () => {
      await repo.upsert('Grant', 'g-failed', { accountId: 'acc-batch' }, 60);
      await audit.append({ accountId: 'acc-batch', type: 'login' });
      throw new Error('the request failed');
    });
    await expect(failing).rejects.toThrow('the request failed');
    expect(await stored('Grant', 'g-failed')).toBeUndefined();
    expect(await audit.listForAccount('acc-batch')).toEqual([]);
  });

  it('writes the pending ones first for what must see them or must not wait', async () => {
    const audit = createAuditRepo(database.db, () => clock);
    await batchWrites(database.db, async () => {
      await audit.append({ accountId: 'acc-batch', type: 'login', clientId: 'app' });
      expect((await audit.listForAccount('acc-batch')).map((e) => e.type)).toEqual(['login']);
      await repo.upsert('AuthorizationCode', 'c1', { grantId: 'g1', accountId: 'acc-batch' }, 60);
      // Consuming is seen at once by every other request, and the code it consumes with it.
      await repo.consume('AuthorizationCode', 'c1');
      expect((await stored('AuthorizationCode', 'c1')).consumed_at).not.toBeNull();
      await repo.upsert('AccessToken', 't1', { grantId: 'g1', accountId: 'acc-batch' }, 60);
      await repo.revokeByGrantId('AccessToken', 'g1');
      expect(await stored('AccessToken', 't1')).toBeUndefined();
    });
    expect(await repo.find('AuthorizationCode', 'c1')).toMatchObject({ consumed: Math.floor(clock / 1000) });
  });

  it('writes at once what runs after the request has ended', async () => {
    let later: Promise<void> | undefined;
    await batchWrites(database.db, async () => {
      later = new Promise((resolve) => setTimeout(resolve, 20)).then(() =>
        repo.upsert('Session', 'late', { uid: 'u-late' }, 60),
      );
    });
    await later;
    expect(await stored('Session', 'late')).toBeDefined();
  });

  it('does not find a pending artefact once it has expired', async () => {
    await batchWrites(database.db, async () => {
      await repo.upsert('Interaction', 'short', { uid: 'short' }, 1);
      clock += 1500;
      expect(await repo.find('Interaction', 'short')).toBeUndefined();
    });
  });

  it('runs a batch in one transaction: a failing write leaves none of the others', async () => {
    const insert = 'insert into audit_events (account_id, type, client_id, detail, created_at) values (?, ?, ?, ?, ?)';
    const writes = [
      { sql: insert, bindings: ['acc-batch', 'first', null, '{}', clock] },
      // No such account: the foreign key refuses it.
      { sql: insert, bindings: ['no-such-account', 'second', null, '{}', clock] },
    ];
    await expect(hotWriteAll(database.db, writes)).rejects.toThrow();
    expect(await database.db('audit_events').where({ type: 'first' })).toEqual([]);
    // The connection is usable afterwards, outside any transaction.
    await hotWriteAll(database.db, [
      writes[0]!,
      { ...writes[0]!, bindings: ['acc-batch', 'third', null, '{}', clock] },
    ]);
    expect((await database.db('audit_events').whereIn('type', ['first', 'third'])).length).toBe(2);
  });
});
