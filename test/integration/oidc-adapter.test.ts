import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcPayloadsRepo } from '../../db/repos/oidc-payloads-repo.ts';
import { createAdapterFactory } from '../../provider/src/oidc/adapter.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.ts';

describe.each(databaseKinds())('oidc-provider storage adapter on %s', (kind) => {
  let database: TestDatabase;
  let clock = Date.now();
  const now = () => clock;
  let adapterFor: ReturnType<typeof createAdapterFactory>;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    adapterFor = createAdapterFactory(createOidcPayloadsRepo(database.db, now));
  });
  afterAll(async () => {
    await database.drop();
  });

  it('stores a payload and finds it again, and upsert replaces it', async () => {
    const codes = adapterFor('AuthorizationCode');
    await codes.upsert('code-1', { accountId: 'a1', grantId: 'g1', scope: 'openid' }, 60);
    expect(await codes.find('code-1')).toEqual({ accountId: 'a1', grantId: 'g1', scope: 'openid' });
    await codes.upsert('code-1', { accountId: 'a1', grantId: 'g1', scope: 'openid email' }, 60);
    expect(await codes.find('code-1')).toMatchObject({ scope: 'openid email' });
    expect(await codes.find('unknown')).toBeUndefined();
  });

  it('keeps models apart: the same id in two models is two records', async () => {
    await adapterFor('AccessToken').upsert('same', { kind: 'AccessToken' }, 60);
    await adapterFor('RefreshToken').upsert('same', { kind: 'RefreshToken' }, 60);
    expect(await adapterFor('AccessToken').find('same')).toEqual({ kind: 'AccessToken' });
    expect(await adapterFor('RefreshToken').find('same')).toEqual({ kind: 'RefreshToken' });
  });

  it('finds a session by uid and a device code by user code', async () => {
    await adapterFor('Session').upsert('s1', { uid: 'uid-1', accountId: 'a1' }, 60);
    await adapterFor('DeviceCode').upsert('d1', { userCode: 'ABCD-EFGH', grantId: 'g2' }, 60);
    expect(await adapterFor('Session').findByUid('uid-1')).toMatchObject({ accountId: 'a1' });
    expect(await adapterFor('Session').findByUid('uid-2')).toBeUndefined();
    expect(await adapterFor('DeviceCode').findByUserCode('ABCD-EFGH')).toMatchObject({ grantId: 'g2' });
    expect(await adapterFor('DeviceCode').findByUserCode('NOPE')).toBeUndefined();
  });

  it('skips a session save that only moves its expiry a little forward, and writes any change', async () => {
    const sessions = adapterFor('Session');
    const row = () => database.db('oidc_payloads').where({ model: 'Session', id: 'roll' }).first();
    const payloadOf = async () => JSON.parse((await row()).payload as string) as Record<string, unknown>;
    const ttl = 14 * 86_400;
    const exp = Math.floor(clock / 1000) + ttl;
    const session = { uid: 'u-roll', accountId: 'a1', kind: 'Session', iat: exp - ttl };
    await sessions.upsert('roll', { ...session, exp }, ttl);
    expect(await sessions.find('roll')).toMatchObject({ exp });
    const written = await row();
    // The next request, a minute later, saves the same session a minute later: nothing written.
    await sessions.upsert('roll', { ...session, iat: exp - ttl + 60, exp: exp + 60 }, ttl);
    expect(await row()).toEqual(written);
    // A change is written at once, whatever the expiry.
    await sessions.upsert('roll', { ...session, accountId: 'a2', exp: exp + 120 }, ttl);
    expect(await payloadOf()).toMatchObject({ accountId: 'a2', exp: exp + 120 });
    // An hour of expiry later, the same session is written again.
    await sessions.find('roll');
    await sessions.upsert('roll', { ...session, accountId: 'a2', exp: exp + 120 + 3600 }, ttl);
    expect(await payloadOf()).toMatchObject({ exp: exp + 3720 });
    // A session of an hour (nobody logged in) rolls within 150 s only (a 24th of its life).
    const short = { uid: 'u-short', kind: 'Session' };
    await sessions.upsert('short', { ...short, exp: 10_000 }, 3600);
    await sessions.upsert('short', { ...short, exp: 10_100 }, 3600);
    expect(await sessions.find('short')).toMatchObject({ exp: 10_000 });
    await sessions.upsert('short', { ...short, exp: 10_200 }, 3600);
    expect(await sessions.find('short')).toMatchObject({ exp: 10_200 });
  });

  it('marks a consumed artefact with the time it was consumed', async () => {
    const codes = adapterFor('AuthorizationCode');
    await codes.upsert('code-2', { grantId: 'g1' }, 60);
    expect((await codes.find('code-2'))?.consumed).toBeUndefined();
    await codes.consume('code-2');
    expect((await codes.find('code-2'))?.consumed).toBe(Math.floor(clock / 1000));
  });

  it('destroys one record', async () => {
    const tokens = adapterFor('AccessToken');
    await tokens.upsert('t-destroy', { grantId: 'g9' }, 60);
    await tokens.destroy('t-destroy');
    expect(await tokens.find('t-destroy')).toBeUndefined();
  });

  it('revokes every record of a grant and nothing else', async () => {
    const tokens = adapterFor('AccessToken');
    await tokens.upsert('t1', { grantId: 'grant-x' }, 60);
    await tokens.upsert('t2', { grantId: 'grant-x' }, 60);
    await tokens.upsert('t3', { grantId: 'grant-y' }, 60);
    await tokens.revokeByGrantId('grant-x');
    expect(await tokens.find('t1')).toBeUndefined();
    expect(await tokens.find('t2')).toBeUndefined();
    expect(await tokens.find('t3')).toEqual({ grantId: 'grant-y' });
  });

  it('never returns an expired record, and the purge removes it', async () => {
    const interactions = adapterFor('Interaction');
    await interactions.upsert('i1', { uid: 'i-uid' }, 10);
    await interactions.upsert('i2', { uid: 'i-uid-2' });
    clock += 11_000;
    expect(await interactions.find('i1')).toBeUndefined();
    expect(await interactions.findByUid('i-uid')).toBeUndefined();
    expect(await interactions.find('i2')).toEqual({ uid: 'i-uid-2' });
    const repo = createOidcPayloadsRepo(database.db, now);
    expect(await repo.purgeExpired()).toBeGreaterThanOrEqual(1);
    const left = await database.db('oidc_payloads').where({ model: 'Interaction', id: 'i1' }).first();
    expect(left).toBeUndefined();
  });
});
