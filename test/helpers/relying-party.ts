// A relying party built with openid-client, exactly as a collectivity's app would be.
import * as oidc from 'openid-client';
import { formActions, type BrowserAgent, type Page, interactionUrl } from './browser-agent.ts';
import type { RunningProvider } from './provider-server.ts';

export type RelyingParty = {
  clientId: string;
  redirectUri: string;
  config: oidc.Configuration;
};

export async function createRelyingParty(
  issuer: string,
  client: { client_id: string; client_secret?: string },
  redirectUri: string,
): Promise<RelyingParty> {
  const config = await oidc.discovery(new URL(issuer), client.client_id, client.client_secret, undefined, {
    execute: [oidc.allowInsecureRequests],
  });
  return { clientId: client.client_id, redirectUri, config };
}

/**
 * Registers an app of an organisation (Rennes Métropole unless said) on a running provider, as
 * `kms clients add` would, and returns it as its relying party sees it.
 */
export async function addApp(
  provider: RunningProvider,
  app: { name: string; redirectUri: string; scopes: string[]; organisationSiren?: string },
): Promise<RelyingParty> {
  const client = await provider.app.services.clients.addRelyingParty({
    name: app.name,
    organisationSiren: app.organisationSiren ?? '243500139',
    redirectUris: [app.redirectUri],
    scopes: app.scopes,
  });
  return createRelyingParty(provider.issuer, client, app.redirectUri);
}

export type Flow = { url: string; verifier: string; state: string; nonce: string };

export async function startFlow(rp: RelyingParty, params: Record<string, string>): Promise<Flow> {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(rp.config, {
    redirect_uri: rp.redirectUri,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...params,
  });
  return { url: url.href, verifier, state, nonce };
}

export async function finishFlow(rp: RelyingParty, flow: Flow, callbackUrl: string) {
  return oidc.authorizationCodeGrant(rp.config, new URL(callbackUrl), {
    pkceCodeVerifier: flow.verifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
  });
}

/** Logs in through the forms; returns the page after login (consent) or the callback. */
export async function logIn(
  browser: Pick<BrowserAgent, 'navigate' | 'submit'>,
  flow: Flow,
  rp: RelyingParty,
  email: string,
  password: string,
) {
  const loginPage = await browser.navigate(flow.url, {}, rp.redirectUri);
  // The login form, wherever it posts (mon-compte: /auth/:uid/login; the benchmark's bare
  // oidc-provider baseline: /interaction/:uid/login).
  const action = formActions(loginPage.html).find((a) => /^\/[\w/-]+\/login$/.test(a));
  if (!action) return loginPage;
  return browser.submit(loginPage, action, { email, password }, rp.redirectUri);
}

export async function consent(browser: Pick<BrowserAgent, 'submit'>, page: Page, rp: RelyingParty, accept: string[]) {
  return browser.submit(page, interactionUrl(page, 'consent'), { decision: 'accept', attr: accept }, rp.redirectUri);
}

/** The attribute ids offered on a consent page. */
export function offeredAttributes(html: string): string[] {
  return [...html.matchAll(/name="attr" value="([^"]+)"/g)].map((m) => m[1]!);
}

export { oidc };
