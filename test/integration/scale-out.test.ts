import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.ts';
import { freePort, runScript, startServer, type RunningProcess } from '../helpers/processes.ts';
import { createBrowserAgent, interactionUrl } from '../helpers/browser-agent.ts';
import { consent, createRelyingParty, finishFlow, startFlow } from '../helpers/relying-party.ts';

const CLI = 'provider/src/admin/cli.ts';
const PASSWORD = 'deux instances, une seule base partagée';

describe.skipIf(!databaseKinds().includes('postgres'))('two mon-compte instances sharing PostgreSQL', () => {
  let database: TestDatabase;
  let a: RunningProcess;
  let b: RunningProcess;
  let env: Record<string, string>;
  let issuer: string;

  beforeAll(async () => {
    database = await createTestDatabase('postgres', { migrate: false });
    const portA = await freePort();
    const portB = await freePort();
    issuer = `http://localhost:${portA}`;
    env = {
      DATABASE_URL: database.url,
      ISSUER: issuer,
      KEYS_DIR: '/nonexistent/keys-are-in-the-database',
      KEYS_ENCRYPTION_KEY: 'a shared secret of the test deployment, 32+ chars',
      KEYS_RELOAD_SECONDS: '1',
    };
    // Started together, as a deployment does: migrations and first keys must not collide.
    [a, b] = await Promise.all([
      startServer('provider/src/main.ts', { ...env, PORT: String(portA) }, { port: portA }),
      startServer('provider/src/main.ts', { ...env, PORT: String(portB) }, { port: portB }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await database?.drop();
  });

  it('finishes on one instance a login started on the other, and each accepts the other’s tokens', async () => {
    const added = runScript(
      CLI,
      ['users', 'add', '--email', 'citoyenne@example.fr', '--password-stdin'],
      env,
      PASSWORD,
    );
    expect(added.status, added.stderr).toBe(0);
    const redirectUri = 'http://localhost:9/cb';
    const client = JSON.parse(
      runScript(
        CLI,
        ['clients', 'add', '--name', 'App', '--org', '243500139', '--redirect-uri', redirectUri, '--scope', 'email'],
        env,
      ).stdout,
    );
    const rp = await createRelyingParty(issuer, client, redirectUri);
    const browser = createBrowserAgent();
    const flow = await startFlow(rp, { scope: 'openid email' });

    const loginOnA = await browser.navigate(flow.url);
    expect(loginOnA.url.startsWith(a.url)).toBe(true);
    // The browser's next request lands on instance B (another port, same cookies).
    const onB = loginOnA.url.replace(a.url, b.url);
    const consentPage = await browser.submit(
      { ...loginOnA, url: onB },
      interactionUrl({ ...loginOnA, url: onB }, 'login'),
      { email: 'citoyenne@example.fr', password: PASSWORD },
      redirectUri,
    );
    expect(consentPage.html).toContain('App demande à accéder à vos informations');
    // Consent is given on B again, whichever instance rendered the page.
    const callback = await consent(browser, { ...consentPage, url: consentPage.url.replace(a.url, b.url) }, rp, [
      'email',
    ]);
    const tokens = await finishFlow(rp, flow, callback.url);

    for (const instance of [a, b]) {
      const res = await fetch(`${instance.url}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      expect(res.status, instance.url).toBe(200);
      expect(((await res.json()) as { email: string }).email).toBe('citoyenne@example.fr');
      await jwtVerify(tokens.id_token!, createRemoteJWKSet(new URL(`${instance.url}/jwks`)), { issuer });
    }
  });

  it('serves a rotation made by one operator from both instances, without a restart', async () => {
    const before = (await (await fetch(`${a.url}/jwks`)).json()) as { keys: { kid: string }[] };
    const rotation = runScript(CLI, ['keys', 'rotate'], env);
    expect(rotation.status, rotation.stderr).toBe(0);
    const fresh = (JSON.parse(rotation.stdout).keys as { kid: string; state: string; alg: string }[]).find(
      (k) => k.state === 'next' && k.alg === 'RS256',
    )!;
    const signer = (JSON.parse(rotation.stdout).keys as { kid: string; state: string; alg: string }[]).find(
      (k) => k.state === 'current' && k.alg === 'RS256',
    )!;
    expect(before.keys.map((k) => k.kid)).not.toContain(fresh.kid);

    for (const instance of [a, b]) {
      let kids: string[] = [];
      for (let i = 0; i < 50 && !kids.includes(fresh.kid); i++) {
        await new Promise((r) => setTimeout(r, 200));
        kids = ((await (await fetch(`${instance.url}/jwks`)).json()) as { keys: { kid: string }[] }).keys.map(
          (k) => k.kid,
        );
      }
      expect(kids, instance.url).toContain(fresh.kid);
    }

    // And B now signs with the promoted key.
    const redirectUri = 'http://localhost:9/cb2';
    const client = JSON.parse(
      runScript(CLI, ['clients', 'add', '--name', 'App 2', '--org', '243500139', '--redirect-uri', redirectUri], env)
        .stdout,
    );
    const rp = await createRelyingParty(b.url.replace(/:\d+$/, `:${new URL(issuer).port}`), client, redirectUri);
    const browser = createBrowserAgent();
    const flow = await startFlow(rp, { scope: 'openid' });
    const login = await browser.navigate(flow.url.replace(a.url, b.url));
    const next = await browser.submit(
      login,
      interactionUrl(login, 'login'),
      { email: 'citoyenne@example.fr', password: PASSWORD },
      redirectUri,
    );
    const callback = next.url.startsWith(redirectUri) ? next : await consent(browser, next, rp, []);
    const tokens = await finishFlow(rp, flow, callback.url);
    expect(decodeProtectedHeader(tokens.id_token!).kid).toBe(signer.kid);
  });
});
