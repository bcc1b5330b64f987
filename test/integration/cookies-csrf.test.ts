import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from '../helpers/provider-server.ts';
import { addApp, startFlow, type RelyingParty } from '../helpers/relying-party.ts';
import { createBrowserAgent, interactionUrl } from '../helpers/browser-agent.ts';

type Raw = { status: number; setCookies: string[]; location?: string; body: string; headers: http.IncomingHttpHeaders };

function get(url: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            setCookies: res.headers['set-cookie'] ?? [],
            location: res.headers.location,
            body,
            headers: res.headers,
          }),
        );
      })
      .on('error', reject);
  });
}

describe('cookies and CSRF', () => {
  let provider: RunningProvider;
  let rp: RelyingParty;

  beforeAll(async () => {
    provider = await startProvider('sqlite');
    rp = await addApp(provider, { name: 'App', redirectUri: 'http://localhost:9/cb', scopes: ['email'] });
  });
  afterAll(async () => {
    await provider?.close();
  });

  it('refuses a form posted without the CSRF token, with a readable page', async () => {
    const browser = createBrowserAgent();
    const flow = await startFlow(rp, { scope: 'openid email' });
    const login = await browser.navigate(flow.url);
    const res = await browser.navigate(interactionUrl(login, 'login'), {
      method: 'POST',
      body: new URLSearchParams({ email: 'x@example.fr', password: 'whatever it is' }).toString(),
    });
    expect(res.status).toBe(403);
    expect(res.html).toContain('Votre formulaire a expiré');
    const forged = await browser.navigate(interactionUrl(login, 'login'), {
      method: 'POST',
      body: new URLSearchParams({ csrf: 'forged-token', email: 'x@example.fr', password: 'whatever' }).toString(),
    });
    expect(forged.status).toBe(403);
  });

  it('answers an unknown address with a French page, or problem+json to a client that asks for JSON', async () => {
    const page = await get(`${provider.issuer}/nulle-part`, { accept: 'text/html' });
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<html lang="fr">');
    expect(page.body).toContain('Cette page n’existe pas.');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const json = await get(`${provider.issuer}/nulle-part`, { accept: 'application/json' });
    expect(json.status).toBe(404);
    expect(json.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(json.body)).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('sets HttpOnly SameSite cookies, and CSP and anti-framing headers on its pages', async () => {
    const flow = await startFlow(rp, { scope: 'openid email' });
    // The login page comes with the authorization response itself, with the interaction's cookies.
    const auth = await get(flow.url, {});
    expect(auth.status).toBe(200);
    const interaction = auth.setCookies.find((c) => c.startsWith('kms_interaction='));
    expect(interaction).toMatch(/httponly/i);
    expect(interaction).toMatch(/samesite=lax/i);
    for (const page of [auth, await interactionPage(auth)]) {
      expect(page.status).toBe(200);
      expect(page.body).toContain('<h1>Se connecter</h1>');
      expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
      expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.headers['cache-control']).toBe('no-store');
    }
    const csrf = auth.setCookies.find((c) => c.startsWith('kms_csrf='));
    expect(csrf).toMatch(/samesite=strict/i);
    expect(csrf).toMatch(/httponly/i);
  });

  /** The same page again at /interaction/:uid, as a reload of it asks for it. */
  function interactionPage(auth: Awaited<ReturnType<typeof get>>) {
    const uid = /action="\/auth\/([\w-]+)\/login"/.exec(auth.body)![1];
    return get(`${provider.issuer}/interaction/${uid}`, {
      cookie: auth.setCookies.map((c) => c.split(';')[0]).join('; '),
    });
  }
});

describe('cookies under an https issuer', () => {
  let provider: RunningProvider;
  let clientId: string;

  beforeAll(async () => {
    provider = await startProvider('sqlite', {}, { https: true });
    const client = await provider.app.services.clients.addRelyingParty({
      name: 'App',
      organisationSiren: '243500139',
      redirectUris: ['https://app.example/cb'],
      scopes: ['email'],
    });
    clientId = client.client_id;
  });
  afterAll(async () => {
    await provider?.close();
  });

  const authorizationQuery = () =>
    new URLSearchParams({
      client_id: clientId,
      response_type: 'code',
      scope: 'openid email',
      redirect_uri: 'https://app.example/cb',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });

  it('uses __Host- and __Secure- prefixed Secure cookies behind a TLS proxy', async () => {
    // Behind the reverse proxy that terminates TLS: the provider trusts X-Forwarded-Proto.
    const port = new URL(provider.issuer).port;
    const auth = await get(`http://localhost:${port}/auth?${authorizationQuery()}`, { 'x-forwarded-proto': 'https' });
    expect(auth.status).toBe(200);
    const interaction = auth.setCookies.find((c) => c.startsWith('__Secure-kms_interaction='));
    expect(interaction).toMatch(/;\s*secure/i);
    expect(interaction).toMatch(/httponly/i);
    const page = auth;
    const csrf = page.setCookies.find((c) => c.startsWith('__Host-kms_csrf='));
    expect(csrf).toMatch(/;\s*secure/i);
    expect(csrf).toMatch(/path=\//i);
    expect(csrf).not.toMatch(/domain=/i);
  });

  it('sends a request that bypassed the TLS proxy to the https address, and still answers health probes', async () => {
    const port = new URL(provider.issuer).port;
    const plain = await get(`http://localhost:${port}/password/forgot?x=1`, {});
    expect(plain.status).toBe(308);
    expect(plain.location).toBe(`${provider.issuer}/password/forgot?x=1`);
    expect(plain.setCookies).toEqual([]);
    expect((await get(`http://localhost:${port}/healthz`, {})).status).toBe(200);
  });

  it('counts login failures against the address the proxy saw, not one the client wrote in X-Forwarded-For', async () => {
    await provider.app.services.accounts.register({
      email: 'cible@example.fr',
      password: 'une phrase de passe assez longue',
      emailVerified: true,
    });
    const port = new URL(provider.issuer).port;
    let lastStatus = 0;
    for (let i = 0; i < 8; i++) {
      // Each attempt claims another client address; the proxy appends the one it really saw.
      const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-for': `10.9.${i}.1, 203.0.113.7` };
      const page = await get(`http://localhost:${port}/auth?${authorizationQuery()}`, headers);
      const cookies = page.setCookies.map((c) => c.split(';')[0]).join('; ');
      const action = /action="(\/auth\/[\w-]+\/login)"/.exec(page.body)![1]!;
      const token = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const res = await fetch(`http://localhost:${port}${action}`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          ...headers,
          cookie: cookies,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ csrf: token, email: 'cible@example.fr', password: `mauvais mot de passe ${i}` }),
      });
      lastStatus = res.status;
    }
    // 5 free failures per (email, address): the address is 203.0.113.7 every time.
    expect(lastStatus).toBe(429);
  });

  it('marks the citizen’s browser after a login with a __Host- cookie that carries its own keyed hash', async () => {
    const email = 'appareil@example.fr';
    const password = 'une phrase de passe assez longue';
    await provider.app.services.accounts.register({ email, password, emailVerified: true });
    const port = new URL(provider.issuer).port;
    const headers = { 'x-forwarded-proto': 'https' };
    const page = await get(`http://localhost:${port}/auth?${authorizationQuery()}`, headers);
    const res = await fetch(`http://localhost:${port}${/action="(\/auth\/[\w-]+\/login)"/.exec(page.body)![1]!}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        ...headers,
        cookie: page.setCookies.map((c) => c.split(';')[0]).join('; '),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ csrf: /name="csrf" value="([^"]+)"/.exec(page.body)![1]!, email, password }),
    });
    expect(res.status).toBe(303);
    const set = res.headers.getSetCookie();
    const device = set.find((c) => c.startsWith('__Host-kms_device='));
    expect(device).toMatch(/^__Host-kms_device=[0-9a-z]+\.[\w-]{32};/);
    expect(device).toMatch(/;\s*secure/i);
    expect(device).toMatch(/;\s*path=\//i);
    expect(device).toMatch(/httponly/i);
    expect(device).not.toMatch(/domain=/i);
    // The token is its own proof (login-throttle.ts): no separate signature cookie.
    expect(set.some((c) => /^(__Host-)?kms_device\.sig=/.test(c))).toBe(false);
  });
});

describe('CORS', () => {
  let provider: RunningProvider;
  beforeAll(async () => {
    provider = await startProvider('sqlite');
    await provider.app.services.clients.addRelyingParty({
      name: 'SPA',
      organisationSiren: '243500139',
      redirectUris: ['https://spa.example.fr/callback'],
      scopes: ['email'],
      isPublic: true,
    });
  });
  afterAll(async () => {
    await provider?.close();
  });

  it('gives no CORS access to the account pages or the terminals’ API from another origin', async () => {
    for (const path of ['/api/cards/check', '/account', '/api/admin/organisations']) {
      const res = await fetch(`${provider.issuer}${path}`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(res.headers.get('access-control-allow-origin'), path).toBeNull();
    }
  });
});
