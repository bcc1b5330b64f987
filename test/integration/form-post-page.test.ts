import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from '../helpers/provider-server.ts';
import { createBrowserAgent, type Page, interactionUrl } from '../helpers/browser-agent.ts';
import { addApp, consent, logIn, oidc, startFlow, type RelyingParty } from '../helpers/relying-party.ts';

const PASSWORD = 'les goélands tournent au-dessus du port';

/** The form of a page: where it posts, and its hidden fields. */
function formOf(page: Page) {
  const action = /<form method="post" action="([^"]+)"/.exec(page.html)?.[1]?.replaceAll('&amp;', '&');
  const fields = Object.fromEntries(
    [...page.html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map(([, n, v]) => [
      n!,
      v!.replaceAll('&amp;', '&'),
    ]),
  );
  return { action, fields };
}

describe('pages that post a form on their own (response_mode=form_post, logout) are French pages of the site', () => {
  let provider: RunningProvider;
  let rp: RelyingParty;

  beforeAll(async () => {
    provider = await startProvider();
    rp = await addApp(provider, {
      name: 'Portail famille de Rennes',
      redirectUri: 'http://localhost:9/form-post/callback',
      scopes: ['email'],
    });
    await provider.app.services.accounts.register({
      email: 'yann@example.fr',
      password: PASSWORD,
      emailVerified: true,
    });
  });
  afterAll(async () => {
    await provider?.close();
  });

  it('answers a form_post authorization with a French page whose form gives the app a working code', async () => {
    const browser = createBrowserAgent();
    const flow = await startFlow(rp, { scope: 'openid email', response_mode: 'form_post' });
    const consentPage = await logIn(browser, flow, rp, 'yann@example.fr', PASSWORD);
    const answer = await consent(browser, consentPage, rp, ['email']);

    expect(answer.status).toBe(200);
    expect(answer.html).toContain('<html lang="fr">');
    expect(answer.html).toContain('Retour vers Portail famille de Rennes');
    expect(answer.html).toMatch(/<button type="submit">Continuer<\/button>/);
    expect(answer.html).not.toContain('Submitting Callback');
    expect(answer.html).not.toContain('Your browser');
    const { action, fields } = formOf(answer);
    expect(action).toBe(rp.redirectUri);
    expect(Object.keys(fields).sort()).toEqual(['code', 'iss', 'state']);
    expect(fields.state).toBe(flow.state);

    // The relying party receives the form as the browser posts it, and redeems the code.
    const callback = new Request(rp.redirectUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    const tokens = await oidc.authorizationCodeGrant(rp.config, callback, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
    });
    const sub = tokens.claims()!.sub;
    expect((await oidc.fetchUserInfo(rp.config, tokens.access_token, sub)).email).toBe('yann@example.fr');
  });

  it('posts a refusal the same way: a French page whose form carries access_denied', async () => {
    const browser = createBrowserAgent();
    const flow = await startFlow(rp, { scope: 'openid email', response_mode: 'form_post', prompt: 'consent' });
    const consentPage = await logIn(browser, flow, rp, 'yann@example.fr', PASSWORD);
    const answer = await browser.submit(
      consentPage,
      interactionUrl(consentPage, 'consent'),
      { decision: 'refuse' },
      rp.redirectUri,
    );
    expect(answer.html).toContain('<html lang="fr">');
    const { action, fields } = formOf(answer);
    expect(action).toBe(rp.redirectUri);
    expect(fields.error).toBe('access_denied');
    expect(fields.state).toBe(flow.state);
  });

  it('shows a French page for a logout without a signed-in account, whose form ends the logout', async () => {
    const browser = createBrowserAgent();
    const confirm = await browser.navigate(`${provider.issuer}/session/end`);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain('<html lang="fr">');
    expect(confirm.html).toContain('Déconnexion en cours');
    expect(confirm.html).not.toContain('Submitting Callback');
    const { action, fields } = formOf(confirm);
    expect(action).toBe(`${provider.issuer}/session/end/confirm`);
    expect(fields.logout).toBe('yes');

    const done = await browser.navigate(action!, { method: 'POST', body: new URLSearchParams(fields).toString() });
    expect(done.status).toBe(200);
    expect(done.html).toContain('Vous êtes déconnecté');
  });
});
