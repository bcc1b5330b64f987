// The tokens and DPoP proofs of KorriGo terminals at the card API, on one instance and on two
// sharing a database (behind a load balancer): revocation, disabled terminals, replayed proofs,
// and the comparison of `htu`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from '../helpers/provider-server.ts';
import { startSecondInstance, type SecondInstance } from '../helpers/second-instance.ts';
import { createTerminal, type Answer, type TestTerminal } from '../helpers/terminal.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { TOKEN_RECHECK_S } from '../../provider/src/oidc/terminal-auth.ts';
import { CLIENT_CACHE_MS } from '../../provider/src/oidc/adapter.ts';
import { createDpopProofsRepo } from '../../db/repos/dpop-proofs-repo.ts';

const RENNES_METROPOLE = '243500139';
// Not a card identifier: answered `invalid_card`, which the unknown-card limit does not count.
const CARD = { uid: 'pas-une-carte', service: 'piscine' };

describe.each(databaseKinds())('KorriGo terminal tokens on %s', (kind) => {
  let provider: RunningProvider;
  let second: SecondInstance;
  let terminal: TestTerminal;
  let checkUrl: string;

  beforeAll(async () => {
    provider = await startProvider(kind);
    second = await startSecondInstance(provider);
    terminal = await createTerminal(provider, RENNES_METROPOLE, ['korrigo:check']);
    checkUrl = `${provider.issuer}/api/cards/check`;
  });
  afterAll(async () => {
    await second?.close();
    await provider?.close();
  });

  const check = (who: TestTerminal, token: string, base = provider.issuer, headers: Record<string, string> = {}) =>
    who.send('/api/cards/check', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(CARD),
      token,
      base,
    });
  const dpopCheck = (token: string, proof: string, base = provider.issuer) =>
    check(terminal, token, base, { authorization: `DPoP ${token}`, dpop: proof });

  /** Checks again every 200 ms until the answer is not 200 or `withinMs` has passed. */
  async function refusedWithin(ask: () => Promise<Answer>, withinMs: number) {
    const started = Date.now();
    let answer = await ask();
    while (answer.status === 200 && Date.now() - started < withinMs) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      answer = await ask();
    }
    return answer;
  }

  it('refuses a revoked token at once on the instance that revoked it', async () => {
    const token = await terminal.token();
    expect((await check(terminal, token)).status).toBe(200);
    await terminal.revoke(token);
    expect(await terminal.introspect(token)).toEqual({ active: false });
    const after = await check(terminal, token);
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
  });

  it(`refuses a token revoked through another instance within ${TOKEN_RECHECK_S} seconds`, async () => {
    const token = await terminal.token();
    // Validated, so cached, by the second instance before the revocation.
    expect((await check(terminal, token, second.url)).status).toBe(200);
    await terminal.revoke(token);
    const after = await refusedWithin(() => check(terminal, token, second.url), TOKEN_RECHECK_S * 1000 + 1000);
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ error: 'invalid_token' });
  }, 20_000);

  it('stops the tokens of a disabled terminal on every instance within the documented bound', async () => {
    const doomed = await createTerminal(provider, RENNES_METROPOLE, ['korrigo:check']);
    const token = await doomed.token();
    expect((await check(doomed, token)).status).toBe(200);
    expect((await check(doomed, token, second.url)).status).toBe(200);
    await provider.app.services.repos.clients.setDisabled(doomed.clientId, true);
    const bound = TOKEN_RECHECK_S * 1000 + CLIENT_CACHE_MS + 1000;
    const [here, there] = await Promise.all([
      refusedWithin(() => check(doomed, token), bound),
      refusedWithin(() => check(doomed, token, second.url), bound),
    ]);
    expect([here.status, there.status]).toEqual([401, 401]);
  }, 30_000);

  it('accepts a DPoP proof once, whichever instance it is replayed to', async () => {
    const token = await terminal.dpopToken();
    const proof = await terminal.dpopProof('POST', checkUrl, token);
    expect((await dpopCheck(token, proof)).status).toBe(200);
    for (const base of [provider.issuer, second.url]) {
      const replay = await dpopCheck(token, proof, base);
      expect(replay.status, base).toBe(401);
      expect(replay.body).toMatchObject({ error: 'invalid_dpop_proof', error_description: 'DPoP proof replayed' });
    }
    // The same fresh proof sent to both instances at once: one of them only accepts it.
    const both = await terminal.dpopProof('POST', checkUrl, token);
    const statuses = (await Promise.all([dpopCheck(token, both), dpopCheck(token, both, second.url)])).map(
      (a) => a.status,
    );
    expect(statuses.sort()).toEqual([200, 401]);
  });

  it('compares htu after RFC 3986 normalisation, ignoring query and fragment', async () => {
    const token = await terminal.dpopToken();
    const { port } = new URL(provider.issuer);
    for (const htu of [
      `HTTP://LOCALHOST:${port}/api/cards/check`,
      `${checkUrl}?borne=1#entree`,
      `http://localhost:${port}/api/%63ards/check`,
    ]) {
      const answer = await dpopCheck(token, await terminal.dpopProof('POST', checkUrl, token, { htu }));
      expect(answer.status, htu).toBe(200);
    }
    for (const htu of [
      `${provider.issuer}/api/cards/pair`,
      `https://localhost:${port}/api/cards/check`,
      `http://localhost:1/api/cards/check`,
      `http://user@localhost:${port}/api/cards/check`,
      '/api/cards/check',
    ]) {
      const answer = await dpopCheck(token, await terminal.dpopProof('POST', checkUrl, token, { htu }));
      expect(answer.status, htu).toBe(401);
      expect(answer.body).toMatchObject({ error: 'invalid_dpop_proof' });
    }
  });

  it('forgets used proofs once they could no longer be accepted, and takes over an expired one', async () => {
    let clock = 1_800_000_000_000;
    const repo = createDpopProofsRepo(provider.database.db, () => clock);
    expect(await repo.firstUse('proof-a', clock + 120_000)).toBe(true);
    expect(await repo.firstUse('proof-a', clock + 120_000)).toBe(false);
    clock += 120_000;
    // Expired but not purged yet: the purge's timing does not decide.
    expect(await repo.firstUse('proof-a', clock + 120_000)).toBe(true);
    expect(await repo.firstUse('proof-b', clock + 1)).toBe(true);
    clock += 1;
    await repo.purgeExpired();
    expect(await provider.database.db('dpop_proofs').whereIn('id', ['proof-a', 'proof-b']).pluck('id')).toEqual([
      'proof-a',
    ]);
  });
});
