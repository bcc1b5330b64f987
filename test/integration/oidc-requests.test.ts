// What an independent relying party may send, and what it must get back, beyond the happy path:
// the `claims` parameter within the app's registered scopes, sensitive essential claims, role
// claims, essential `acr`, POST at the authorization and logout endpoints, introspection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { startProvider, type RunningProvider } from '../helpers/provider-server.ts';
import { createBrowserAgent, type BrowserAgent, interactionUrl } from '../helpers/browser-agent.ts';
import {
  addApp,
  consent,
  createRelyingParty,
  finishFlow,
  logIn,
  offeredAttributes,
  oidc,
  startFlow,
  type RelyingParty,
} from '../helpers/relying-party.ts';
import { basicAuth } from '../../bench/lib/virtual-browser.ts';

const PASSWORD = 'un crachin breton sur la rade de Brest';
const EMAIL = 'anne@example.fr';

describe('requests of independent relying parties', () => {
  let provider: RunningProvider;
  let emailOnly: RelyingParty;
  let health: RelyingParty;
  let other: { rp: RelyingParty; secret: string };
  let emailOnlySecret: string;

  const claims = (value: object) => JSON.stringify(value);

  beforeAll(async () => {
    provider = await startProvider('sqlite');
    const created = await provider.app.services.accounts.register({
      email: EMAIL,
      password: PASSWORD,
      emailVerified: true,
    });
    if (!created.ok) throw new Error('account not created');
    await provider.app.services.profiles.update(
      created.account.id,
      { given_name: 'Anne', birthdate: '1990-04-02', bzh_commune: '35238', bzh_disability_rate: 80 },
      [],
    );
    const emailClient = await provider.app.services.clients.addRelyingParty({
      name: 'Lettre d’information',
      organisationSiren: '243500139',
      redirectUris: ['http://localhost:9/news/callback'],
      postLogoutRedirectUris: ['http://localhost:9/news/bye'],
      scopes: ['email'],
    });
    emailOnlySecret = emailClient.client_secret!;
    emailOnly = await createRelyingParty(provider.issuer, emailClient, 'http://localhost:9/news/callback');
    health = await addApp(provider, {
      name: 'Maison de l’autonomie',
      redirectUri: 'http://localhost:9/mda/callback',
      scopes: ['profile', 'bzh_handicap'],
    });
    const otherClient = await provider.app.services.clients.addRelyingParty({
      name: 'Médiathèque de Brest',
      organisationSiren: '242900314',
      redirectUris: ['http://localhost:9/brest/callback'],
      scopes: ['email'],
    });
    other = {
      rp: await createRelyingParty(provider.issuer, otherClient, 'http://localhost:9/brest/callback'),
      secret: otherClient.client_secret!,
    };
  });
  afterAll(async () => {
    await provider?.close();
  });

  async function loggedIn(
    rp: RelyingParty,
    params: Record<string, string>,
    browser: BrowserAgent = createBrowserAgent(),
  ) {
    const flow = await startFlow(rp, params);
    const page = await logIn(browser, flow, rp, EMAIL, PASSWORD);
    return { browser, flow, page };
  }

  it('offers and releases through `claims` only what the app’s registered scopes allow', async () => {
    const { browser, flow, page } = await loggedIn(emailOnly, {
      scope: 'openid email',
      claims: claims({
        id_token: { given_name: { essential: true } },
        userinfo: { birthdate: null, bzh_commune: { essential: true }, bzh_disability_rate: { essential: true } },
      }),
    });
    expect(offeredAttributes(page.html)).toEqual(['email']);
    const done = await consent(browser, page, emailOnly, ['email']);
    const tokens = await finishFlow(emailOnly, flow, done.url);
    const idToken = tokens.claims()!;
    expect(idToken).not.toHaveProperty('given_name');
    const userinfo = await oidc.fetchUserInfo(emailOnly.config, tokens.access_token, idToken.sub);
    expect(Object.keys(userinfo).sort()).toEqual(['email', 'email_verified', 'sub']);
  });

  it('never shares a sensitive attribute the citizen did not tick, even when the app calls it essential', async () => {
    const request = {
      scope: 'openid profile',
      claims: claims({ userinfo: { bzh_disability_rate: { essential: true } } }),
    };
    const { browser, flow, page } = await loggedIn(health, request);
    // Not ticked, not locked: the citizen ticks it themselves, or refuses.
    const box = /<input type="checkbox" id="c-bzh_disability_rate"[^>]*>/.exec(page.html)![0];
    expect(box).not.toContain('checked');
    expect(box).not.toContain('disabled');
    const unticked = await consent(browser, page, health, ['given_name']);
    expect(unticked.status).toBe(400);
    // The error is tied to the box (RGAA 11.10): the summary links to it, the box says it is invalid
    // and is described by the message.
    expect(unticked.html).toMatch(/<title>Erreur – /);
    expect(unticked.html).toMatch(
      /<a href="#c-bzh_disability_rate">[^<]+ : Cochez la case pour partager cette information/,
    );
    const invalid = /<input type="checkbox" id="c-bzh_disability_rate"[^>]*>/.exec(unticked.html)![0];
    expect(invalid).toContain('aria-invalid="true"');
    expect(invalid).toMatch(/aria-describedby="[^"]*c-bzh_disability_rate-error/);
    expect(unticked.html).toContain('id="c-bzh_disability_rate-error"');
    const ticked = await consent(browser, page, health, ['given_name', 'bzh_disability_rate']);
    const tokens = await finishFlow(health, flow, ticked.url);
    const userinfo = await oidc.fetchUserInfo(health.config, tokens.access_token, tokens.claims()!.sub);
    expect(userinfo.bzh_disability_rate).toBe(80);
  });

  it('answers a claim the app may not have (a role) with nothing, not with a consent screen again and again', async () => {
    const { browser, flow, page } = await loggedIn(emailOnly, {
      scope: 'openid',
      claims: claims({ userinfo: { bzh_admin_organisations: null } }),
      prompt: 'consent',
    });
    const done = await consent(browser, page, emailOnly, []);
    expect(done.url.startsWith(emailOnly.redirectUri)).toBe(true);
    const tokens = await finishFlow(emailOnly, flow, done.url);
    const userinfo = await oidc.fetchUserInfo(emailOnly.config, tokens.access_token, tokens.claims()!.sub);
    expect(userinfo).not.toHaveProperty('bzh_admin_organisations');
  });

  it('says unmet_authentication_requirements when an essential acr cannot be met, and meets eidas1', async () => {
    const browser = createBrowserAgent();
    const strict = await startFlow(emailOnly, {
      scope: 'openid email',
      claims: claims({ id_token: { acr: { essential: true, values: ['eidas2', 'eidas3'] } } }),
    });
    const refused = await browser.navigate(strict.url, {}, emailOnly.redirectUri);
    const params = new URL(refused.url).searchParams;
    expect(params.get('error')).toBe('unmet_authentication_requirements');
    expect(params.get('state')).toBe(strict.state);

    const { flow, page } = await loggedIn(
      emailOnly,
      { scope: 'openid email', claims: claims({ id_token: { acr: { essential: true, value: 'eidas1' } } }) },
      browser,
    );
    const done = page.url.startsWith(emailOnly.redirectUri) ? page : await consent(browser, page, emailOnly, ['email']);
    const tokens = await finishFlow(emailOnly, flow, done.url);
    expect(tokens.claims()!.acr).toBe('eidas1');
  });

  it('accepts the authorization and logout requests as POST (OIDC Core 3.1.2.1, RP-Initiated Logout 2)', async () => {
    const browser = createBrowserAgent();
    const flow = await startFlow(emailOnly, { scope: 'openid email' });
    const url = new URL(flow.url);
    const posted = await browser.request(`${provider.issuer}/auth`, {
      method: 'POST',
      body: url.searchParams.toString(),
    });
    expect(posted.status).toBe(303);
    const login = await browser.navigate(new URL(posted.headers.location!, provider.issuer).href);
    expect(login.html).toContain('name="password"');
    const afterLogin = await browser.submit(
      login,
      interactionUrl(login, 'login'),
      { email: EMAIL, password: PASSWORD },
      emailOnly.redirectUri,
    );
    const done = afterLogin.url.startsWith(emailOnly.redirectUri)
      ? afterLogin
      : await consent(browser, afterLogin, emailOnly, ['email']);
    const tokens = await finishFlow(emailOnly, flow, done.url);

    const logout = await browser.request(`${provider.issuer}/session/end`, {
      method: 'POST',
      body: new URLSearchParams({
        id_token_hint: tokens.id_token!,
        post_logout_redirect_uri: 'http://localhost:9/news/bye',
        state: 'au-revoir',
      }).toString(),
    });
    expect(logout.status).toBe(303);
    const confirm = await browser.navigate(new URL(logout.headers.location!, provider.issuer).href);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain('/session/end/confirm');
  });

  it('introspects an app’s own tokens only: another app learns nothing, not even that the token is live', async () => {
    const { browser, flow, page } = await loggedIn(emailOnly, { scope: 'openid email' });
    const done = page.url.startsWith(emailOnly.redirectUri) ? page : await consent(browser, page, emailOnly, ['email']);
    const tokens = await finishFlow(emailOnly, flow, done.url);
    const introspect = async (id: string, secret: string) => {
      const res = await fetch(`${provider.issuer}/token/introspection`, {
        method: 'POST',
        headers: { authorization: basicAuth(id, secret), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: tokens.access_token }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as Record<string, unknown>;
    };
    expect(await introspect(emailOnly.clientId, emailOnlySecret)).toMatchObject({
      active: true,
      sub: decodeJwt(tokens.id_token!).sub,
    });
    expect(await introspect(other.rp.clientId, other.secret)).toEqual({ active: false });
    // Nor can it revoke it, and its answer is the one for a token that does not exist.
    const revoke = await fetch(`${provider.issuer}/token/revocation`, {
      method: 'POST',
      headers: {
        authorization: basicAuth(other.rp.clientId, other.secret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ token: tokens.access_token }),
    });
    expect(revoke.status).toBe(200);
    expect(await introspect(emailOnly.clientId, emailOnlySecret)).toMatchObject({ active: true });
  });

  it('requires redirect_uri in the authorization request and at the token endpoint, even with one registered', async () => {
    const browser = createBrowserAgent();
    const flow = await startFlow(emailOnly, { scope: 'openid email' });
    const withoutUri = new URL(flow.url);
    withoutUri.searchParams.delete('redirect_uri');
    const refused = await browser.navigate(withoutUri.href);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('invalid_request');

    const page = await logIn(browser, flow, emailOnly, EMAIL, PASSWORD);
    const done = page.url.startsWith(emailOnly.redirectUri) ? page : await consent(browser, page, emailOnly, ['email']);
    const res = await fetch(`${provider.issuer}/token`, {
      method: 'POST',
      headers: {
        authorization: basicAuth(emailOnly.clientId, emailOnlySecret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: new URL(done.url).searchParams.get('code')!,
        code_verifier: flow.verifier,
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('keeps a session nobody logged into for an hour, a citizen’s for 14 days', async () => {
    const before = Date.now();
    expect((await createBrowserAgent().navigate(`${provider.issuer}/session/end`)).status).toBe(200);
    await loggedIn(emailOnly, { scope: 'openid email' });
    const sessions = await provider.database
      .db('oidc_payloads')
      .where({ model: 'Session' })
      .select('account_id', 'expires_at');
    const anonymous = sessions.filter((s) => s.account_id === null);
    const citizens = sessions.filter((s) => s.account_id !== null);
    expect(anonymous.length).toBeGreaterThan(0);
    expect(citizens.length).toBeGreaterThan(0);
    for (const s of anonymous) expect(Number(s.expires_at) - before).toBeLessThanOrEqual(3600_000 + 60_000);
    for (const s of citizens) expect(Number(s.expires_at) - before).toBeGreaterThan(13 * 24 * 3600_000);
  });
});
