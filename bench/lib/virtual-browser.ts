// A citizen's browser going through the real HTML forms, as in the integration tests (same
// helpers, on a leaner HTTP client): authorization request with PKCE, login page, login form
// with its CSRF token, redirects back to the relying party with a code.
import crypto from 'node:crypto';
import { createLeanBrowserAgent } from './lean-browser-agent.ts';
import { consent, logIn, oidc, startFlow, type Flow, type RelyingParty } from '../../test/helpers/relying-party.ts';
import type { HttpClient } from './load.ts';
import { PASSWORD } from './setup.ts';

export type Login = { code: string; flow: Flow };

export function createVirtualBrowser(rp: RelyingParty, email: string) {
  const browser = createLeanBrowserAgent(rp.config.serverMetadata().issuer);

  const codeOf = (url: string, flow: Flow, step: string): Login => {
    const params = url.startsWith(rp.redirectUri) ? new URL(url).searchParams : undefined;
    const code = params?.get('code');
    if (!code || params!.get('state') !== flow.state) throw new Error(`${step}: ended at ${url}, not at a code`);
    return { code, flow };
  };

  return {
    email,
    /** First login: consents to the email once, so that later logins of this session skip consent. */
    async warmUp(): Promise<Login> {
      const flow = await startFlow(rp, { scope: 'openid email' });
      const page = await logIn(browser, flow, rp, email, PASSWORD);
      if (page.url.startsWith(rp.redirectUri)) return codeOf(page.url, flow, 'warm-up');
      const done = await consent(browser, page, rp, ['email']);
      return codeOf(done.url, flow, 'warm-up consent');
    },

    /**
     * One full login: prompt=login makes the provider ask for the password again although
     * the browser has a session; the grant of that session spares the consent screen.
     */
    async logIn(): Promise<Login> {
      const flow = startFlowAtOnce(rp, { scope: 'openid email', prompt: 'login' });
      const page = await logIn(browser, flow, rp, email, PASSWORD);
      return codeOf(page.url, flow, `login (HTTP ${page.status})`);
    },

    /** Closes its connection to the provider. */
    close: () => browser.close(),
  };
}

export type VirtualBrowser = ReturnType<typeof createVirtualBrowser>;

/**
 * startFlow's authorization request, with the PKCE challenge (BASE64URL(SHA-256(verifier)),
 * RFC 7636) computed at once: openid-client computes it with WebCrypto, whose digest goes to
 * libuv's pool and back, a hop and a wake-up per login on the cores the provider needs.
 */
function startFlowAtOnce(rp: RelyingParty, params: Record<string, string>): Flow {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(rp.config, {
    redirect_uri: rp.redirectUri,
    code_challenge: crypto.hash('sha256', verifier, 'base64url'),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...params,
  });
  return { url: url.href, verifier, state, nonce };
}

/** The relying party's back channel: the code for tokens at POST /token (client_secret_basic). */
export async function exchangeCode(
  client: HttpClient,
  rp: { client_id: string; client_secret?: string; redirectUri: string },
  login: Login,
): Promise<void> {
  const res = await client.request(
    'POST',
    '/token',
    {
      authorization: basicAuth(rp.client_id, rp.client_secret ?? ''),
      'content-type': 'application/x-www-form-urlencoded',
    },
    new URLSearchParams({
      grant_type: 'authorization_code',
      code: login.code,
      redirect_uri: rp.redirectUri,
      code_verifier: login.flow.verifier,
    }).toString(),
  );
  if (res.status !== 200 || !res.body.includes('"id_token"')) {
    throw new Error(`code exchange: HTTP ${res.status} ${res.body.slice(0, 200)}`);
  }
}

export function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}
