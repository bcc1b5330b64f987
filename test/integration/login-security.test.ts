import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from '../helpers/provider-server.ts';
import { createBrowserAgent, type Page, interactionUrl } from '../helpers/browser-agent.ts';
import { addApp, consent, finishFlow, logIn, oidc, startFlow, type RelyingParty } from '../helpers/relying-party.ts';
import { THROTTLE_POLICIES } from '../../provider/src/accounts/login-throttle.ts';
import { REGISTRATION_LIMIT } from '../../provider/src/accounts/window-caps.ts';
import { createPasswordHasher } from '../../provider/src/accounts/password-hasher.ts';

const PASSWORD = 'un phare au bout de la pointe du Raz';

describe('login and token endpoint hold against misuse', () => {
  let provider: RunningProvider;
  let rp: RelyingParty;

  beforeAll(async () => {
    provider = await startProvider();
    rp = await addApp(provider, {
      name: 'Portail famille',
      redirectUri: 'http://localhost:9/app/callback',
      scopes: ['email'],
    });
    for (const email of ['marie@example.fr', 'cible@example.fr', 'code@example.fr', 'rafale@example.fr']) {
      const created = await provider.app.services.accounts.register({ email, password: PASSWORD, emailVerified: true });
      expect(created.ok).toBe(true);
    }
  });
  afterAll(async () => {
    await provider?.close();
  });

  async function authorise(email: string) {
    const browser = createBrowserAgent();
    const flow = await startFlow(rp, { scope: 'openid email' });
    const page = await logIn(browser, flow, rp, email, PASSWORD);
    const callback = page.url.startsWith(rp.redirectUri) ? page : await consent(browser, page, rp, ['email']);
    return { browser, flow, callback };
  }

  it('refuses a reused authorization code and revokes the tokens issued from it', async () => {
    const { flow, callback } = await authorise('code@example.fr');
    const tokens = await finishFlow(rp, flow, callback.url);
    const sub = tokens.claims()!.sub;
    expect(await oidc.fetchUserInfo(rp.config, tokens.access_token, sub)).toMatchObject({ sub });

    await expect(finishFlow(rp, flow, callback.url)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(oidc.fetchUserInfo(rp.config, tokens.access_token, sub)).rejects.toMatchObject({ status: 401 });
  });

  it('refuses an unregistered redirect_uri with a readable error page, not a redirect or a 500', async () => {
    const flow = await startFlow({ ...rp, redirectUri: 'http://localhost:9/app/callback/evil' }, { scope: 'openid' });
    const res = await fetch(flow.url, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('redirect_uri');
  });

  it('refuses an authorization request without PKCE, returning the OAuth error to the app', async () => {
    const url = oidc.buildAuthorizationUrl(rp.config, { redirect_uri: rp.redirectUri, scope: 'openid', state: 's1' });
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location')!);
    expect(location.href.startsWith(rp.redirectUri)).toBe(true);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('refuses a token request without the PKCE verifier', async () => {
    const { flow, callback } = await authorise('marie@example.fr');
    const code = new URL(callback.url).searchParams.get('code')!;
    const res = await fetch(rp.config.serverMetadata().token_endpoint!, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${rp.clientId}:${clientSecretOf(rp)}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: rp.redirectUri }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
    expect(flow.verifier).toBeTruthy();
    // RFC 6749 5.1: no cache keeps a token response, HTTP/1.0 ones included.
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('pragma')).toBe('no-cache');
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const attempt = async (email: string, password: string) => {
      const browser = createBrowserAgent({ localAddress: '127.0.0.3' });
      const flow = await startFlow(rp, { scope: 'openid email' });
      const page = await logIn(browser, flow, rp, email, password);
      return { status: page.status, html: normalise(page, email) };
    };
    const unknown = await attempt('personne@example.fr', PASSWORD);
    const wrong = await attempt('marie@example.fr', 'pas le bon mot de passe du tout');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(unknown.status);
    expect(wrong.html).toBe(unknown.html);
    expect(unknown.html).toContain('Adresse électronique ou mot de passe incorrect.');
  });

  it('throttles repeated failures, and the real citizen still logs in from another address', async () => {
    const attacker = createBrowserAgent({ localAddress: '127.0.0.4' });
    const statuses: number[] = [];
    for (let i = 0; i <= THROTTLE_POLICIES.pair.free; i++) {
      const flow = await startFlow(rp, { scope: 'openid email' });
      statuses.push((await logIn(attacker, flow, rp, 'cible@example.fr', `mauvais mot de passe ${i}`)).status);
    }
    expect(statuses.slice(0, THROTTLE_POLICIES.pair.free)).toEqual(Array(THROTTLE_POLICIES.pair.free).fill(401));
    expect(statuses.at(-1)).toBe(429);

    // Even the right password is not tried from the throttled address…
    const blocked = await logIn(
      attacker,
      await startFlow(rp, { scope: 'openid email' }),
      rp,
      'cible@example.fr',
      PASSWORD,
    );
    expect(blocked.status).toBe(429);
    expect(blocked.html).toContain('Trop de tentatives');

    // …an unknown email is throttled the same way, so throttling reveals nothing…
    for (let i = 0; i <= THROTTLE_POLICIES.pair.free; i++) {
      await logIn(attacker, await startFlow(rp, { scope: 'openid email' }), rp, 'inconnu@example.fr', `x ${i}`);
    }
    const unknown = await logIn(
      attacker,
      await startFlow(rp, { scope: 'openid email' }),
      rp,
      'inconnu@example.fr',
      'x',
    );
    expect(unknown.status).toBe(429);

    // …while the citizen, from their own address, gets in.
    const citizen = createBrowserAgent({ localAddress: '127.0.0.5' });
    const flow = await startFlow(rp, { scope: 'openid email' });
    const page = await logIn(citizen, flow, rp, 'cible@example.fr', PASSWORD);
    expect(page.status, page.html).not.toBe(429);
    const callback = page.url.startsWith(rp.redirectUri) ? page : await consent(citizen, page, rp, ['email']);
    const tokens = await finishFlow(rp, flow, callback.url);
    expect(tokens.access_token).toBeTruthy();
  });

  it('checks no more passwords than the throttle allows when the attempts come all at once', async () => {
    // One login page, many wrong passwords posted in parallel: a failure is recorded only once
    // its hash is verified, so the attempts still being verified must count as failures too.
    const attacker = createBrowserAgent({ localAddress: '127.0.0.6' });
    const flow = await startFlow(rp, { scope: 'openid email' });
    const login = await attacker.navigate(flow.url);
    const action = interactionUrl(login, 'login');
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        attacker.submit(login, action, { email: 'rafale@example.fr', password: `essai numéro ${i}` }, rp.redirectUri),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(THROTTLE_POLICIES.pair.free);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15 - THROTTLE_POLICIES.pair.free);
  });

  it('spares the citizen’s own browser the per-email counter, for a year and until the password changes', async () => {
    const email = 'voyageur@example.fr';
    const { account } = (await provider.app.services.accounts.register({ email, password: PASSWORD })) as {
      account: { id: string; passwordHash: string };
    };
    const own = await authorise(email).then((done) => done.browser);
    const { accounts } = provider.app.services;
    // An attack spread over many addresses, past the per-email allowance. A success clears the
    // counter again, hence one attack before each success below.
    const attackFromEverywhere = async () => {
      for (let i = 0; i < THROTTLE_POLICIES.email.free; i++) {
        const ip = `198.51.100.${i}`;
        expect((await accounts.authenticate({ email, password: `essai ${i}`, ip })).status).toBe('invalid');
      }
    };

    await attackFromEverywhere();
    const stranger = createBrowserAgent({ localAddress: '127.0.0.9' });
    const blocked = await logIn(stranger, await startFlow(rp, { scope: 'openid email' }), rp, email, PASSWORD);
    expect(blocked.status).toBe(429);
    // The browser that logged in before still gets in: its cookie marks it as the citizen's.
    // (prompt=login: its session would otherwise spare it the password.)
    const again = await startFlow(rp, { scope: 'openid email', prompt: 'login' });
    const page = await logIn(own, again, rp, email, PASSWORD);
    expect(page.status, page.html).not.toBe(429);
    expect(page.url.startsWith(rp.redirectUri)).toBe(true);

    await attackFromEverywhere();
    const fromAnywhere = (deviceToken: string, password = PASSWORD) =>
      accounts.authenticate({ email, password, ip: '203.0.113.1', deviceToken });
    const day = 24 * 60 * 60 * 1000;
    // A year after the browser's last login, or forged, the token no longer counts.
    expect((await fromAnywhere(accounts.deviceToken(account, Date.now() - 366 * day))).status).toBe('throttled');
    expect((await fromAnywhere(accounts.deviceToken({ ...account, id: 'autre' }))).status).toBe('throttled');
    expect((await fromAnywhere('0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe('throttled');
    expect((await fromAnywhere(accounts.deviceToken(account, Date.now() - 364 * day))).status).toBe('ok');

    // A new password takes the exemption back from every browser that had it.
    await attackFromEverywhere();
    const before = accounts.deviceToken(account);
    const newPassword = 'une toute nouvelle phrase de passe';
    const passwordHash = await createPasswordHasher().hash(newPassword);
    await provider.app.services.repos.accounts.updatePasswordHash(account.id, passwordHash);
    expect((await fromAnywhere(before, newPassword)).status).toBe('throttled');
    const after = accounts.deviceToken({ id: account.id, passwordHash });
    expect((await fromAnywhere(after, newPassword)).status).toBe('ok');
  });

  async function register(localAddress: string, email: string) {
    const browser = createBrowserAgent({ localAddress });
    const login = await browser.navigate((await startFlow(rp, { scope: 'openid email' })).url);
    const form = await browser.navigate(interactionUrl(login, 'register'));
    return browser.submit(form, new URL(form.url).pathname, { email, password: PASSWORD }, rp.redirectUri);
  }

  it('caps account creations per address: past the cap a French 429 page, and another address still registers', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < REGISTRATION_LIMIT.perWindow; i++) {
      // Taken addresses count too: they cost a hash, and their answer says the address has an account.
      const email = i % 2 ? `habitant${i}@example.fr` : 'habitant0@example.fr';
      statuses.push((await register('127.0.0.6', email)).status);
    }
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    const refused = await register('127.0.0.6', 'un-de-plus@example.fr');
    expect(refused.status).toBe(429);
    expect(refused.html).toContain('Trop de comptes ont été créés depuis cette connexion. Réessayez dans 60 minutes.');
    expect(await provider.app.services.repos.accounts.findByEmail('un-de-plus@example.fr')).toBeUndefined();

    const elsewhere = await register('127.0.0.7', 'un-de-plus@example.fr');
    expect(elsewhere.status).not.toBe(429);
    expect(await provider.app.services.repos.accounts.findByEmail('un-de-plus@example.fr')).toBeDefined();
  });
});

/** Removes what legitimately differs between two renderings: tokens, ids and the typed email. */
function normalise(page: Page, email: string): string {
  return page.html
    .replace(/name="csrf" value="[^"]+"/g, 'name="csrf" value=""')
    .replace(/\/(interaction|auth)\/[A-Za-z0-9_-]+/g, '/$1/UID')
    .replaceAll(email, 'EMAIL');
}

function clientSecretOf(rp: RelyingParty): string {
  return (rp.config.clientMetadata() as { client_secret?: string }).client_secret ?? '';
}
