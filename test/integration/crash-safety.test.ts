import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../db/create-db.ts';
import { freePort, runScript, startServer } from '../helpers/processes.ts';
import { createBrowserAgent, interactionUrl } from '../helpers/browser-agent.ts';
import { consent, createRelyingParty, startFlow } from '../helpers/relying-party.ts';

const CLI = 'provider/src/admin/cli.ts';

describe('a SIGKILL in the middle of writes loses nothing that was acknowledged', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-crash-'));
  const file = path.join(dir, 'db.sqlite');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds every acknowledged registration and consent after a restart, in a consistent database', async () => {
    const port = await freePort();
    const env = {
      DATABASE_URL: `sqlite:${file}`,
      KEYS_DIR: path.join(dir, 'keys'),
      PORT: String(port),
      ISSUER: `http://localhost:${port}`,
    };
    const redirectUri = 'http://localhost:9/cb';
    let server = await startServer('provider/src/main.ts', env, { port });
    const client = JSON.parse(
      runScript(
        CLI,
        ['clients', 'add', '--name', 'App', '--org', '243500139', '--redirect-uri', redirectUri, '--scope', 'email'],
        env,
      ).stdout,
    );
    const rp = await createRelyingParty(server.url, client, redirectUri);

    const registered: string[] = [];
    const consented: string[] = [];
    let stop = false;
    let sequence = 0;
    const worker = async () => {
      while (!stop) {
        const email = `crash-${sequence++}@example.fr`;
        try {
          const browser = createBrowserAgent();
          const flow = await startFlow(rp, { scope: 'openid email' });
          const login = await browser.navigate(flow.url);
          const form = await browser.navigate(interactionUrl(login, 'register'));
          const consentPage = await browser.submit(
            form,
            new URL(form.url).pathname,
            { email, password: 'une phrase de passe pour le test de panne' },
            redirectUri,
          );
          if (!consentPage.html.includes('demande à accéder')) continue;
          registered.push(email); // the server answered: the account is acknowledged
          const callback = await consent(browser, consentPage, rp, ['email']);
          if (new URL(callback.url).searchParams.get('code')) consented.push(email);
        } catch {
          // the connection died with the server: not acknowledged
        }
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    await new Promise((r) => setTimeout(r, 2500));
    await server.stop('SIGKILL');
    stop = true;
    await Promise.all(workers);
    expect(registered.length).toBeGreaterThan(3);

    server = await startServer('provider/src/main.ts', env, { port });
    try {
      const db = await createDb(`sqlite:${file}`);
      try {
        const integrity = (await db.raw('PRAGMA integrity_check')) as { integrity_check: string }[];
        expect(integrity[0]?.integrity_check).toBe('ok');
        const accounts = new Set((await db('accounts').select('email')).map((r) => r.email as string));
        for (const email of registered) expect(accounts.has(email), email).toBe(true);
        const withConsent = new Set(
          (
            await db('consent_records as c')
              .join('accounts as a', 'a.id', 'c.account_id')
              .where('c.decision', 'granted')
              .select('a.email')
          ).map((r) => r.email as string),
        );
        for (const email of consented) expect(withConsent.has(email), email).toBe(true);
      } finally {
        await db.destroy();
      }
      // And the restarted server serves.
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  }, 90_000);
});
