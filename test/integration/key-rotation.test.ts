import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { freePort, runScript, startServer } from '../helpers/processes.ts';
import { createBrowserAgent } from '../helpers/browser-agent.ts';
import { consent, createRelyingParty, finishFlow, logIn, startFlow } from '../helpers/relying-party.ts';

const CLI = 'provider/src/admin/cli.ts';
const PASSWORD = 'les korrigans dansent sous la lune';

describe('a key rotation keeps tokens verifiable', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-rotation-'));
  const env = { DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`, KEYS_DIR: path.join(dir, 'keys') };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('verifies an ID token signed before the rotation, and signs with the pre-published key after', async () => {
    const port = await freePort();
    const serverEnv = { ...env, PORT: String(port), ISSUER: `http://localhost:${port}` };
    expect(
      runScript(CLI, ['users', 'add', '--email', 'rotation@example.fr', '--password-stdin'], env, PASSWORD).status,
    ).toBe(0);
    const redirectUri = 'http://localhost:9/cb';
    const client = JSON.parse(
      runScript(CLI, ['clients', 'add', '--name', 'App', '--org', '243500139', '--redirect-uri', redirectUri], env)
        .stdout,
    );

    const idTokenFromLogin = async (url: string) => {
      const rp = await createRelyingParty(url, client, redirectUri);
      const browser = createBrowserAgent();
      const flow = await startFlow(rp, { scope: 'openid' });
      const page = await logIn(browser, flow, rp, 'rotation@example.fr', PASSWORD);
      const callback = page.url.startsWith(redirectUri) ? page : await consent(browser, page, rp, []);
      return (await finishFlow(rp, flow, callback.url)).id_token!;
    };

    const before = await startServer('provider/src/main.ts', serverEnv, { port });
    const oldToken = await idTokenFromLogin(before.url);
    const jwksBefore = (await (await fetch(`${before.url}/jwks`)).json()) as { keys: { kid: string; alg: string }[] };
    await before.stop();

    const rotation = runScript(CLI, ['keys', 'rotate'], env);
    expect(rotation.status, rotation.stderr).toBe(0);
    const rotated = JSON.parse(rotation.stdout).keys as { kid: string; alg: string; state: string }[];
    const newSigner = rotated.find((k) => k.alg === 'RS256' && k.state === 'current')!;
    // The key that now signs was already published before the rotation.
    expect(jwksBefore.keys.map((k) => k.kid)).toContain(newSigner.kid);

    const after = await startServer('provider/src/main.ts', serverEnv, { port });
    try {
      const jwks = createRemoteJWKSet(new URL(`${after.url}/jwks`));
      const { payload } = await jwtVerify(oldToken, jwks, { issuer: `http://localhost:${port}` });
      expect(payload.sub).toBeTruthy();
      expect(decodeProtectedHeader(oldToken).kid).toBe(
        rotated.find((k) => k.alg === 'RS256' && k.state === 'previous')!.kid,
      );

      const newToken = await idTokenFromLogin(after.url);
      expect(decodeProtectedHeader(newToken).kid).toBe(newSigner.kid);
    } finally {
      await after.stop();
    }
  });
});
