// The authorization response carries the interaction's first page (login form or consent
// screen) instead of a redirect to it: one round trip less for a citizen on a slow connection.
// The page and its forms work exactly as at /interaction/:uid, which still serves them.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startProvider, type RunningProvider } from '../helpers/provider-server.ts';
import {
  createBrowserAgent,
  formActions,
  formBody,
  interactionUrl,
  loginAction,
  type Page,
} from '../helpers/browser-agent.ts';
import { addApp, finishFlow, oidc, startFlow, type Flow, type RelyingParty } from '../helpers/relying-party.ts';

const PASSWORD = 'les goélands de Perros-Guirec';

describe('the first page of an interaction, served by the authorization endpoint', () => {
  let provider: RunningProvider;
  let rennes: RelyingParty;
  let brest: RelyingParty;

  beforeAll(async () => {
    provider = await startProvider('sqlite');
    rennes = await addApp(provider, {
      name: 'Médiathèques',
      redirectUri: 'http://localhost:9/rennes/cb',
      scopes: ['email'],
    });
    brest = await addApp(provider, {
      name: 'Piscines',
      organisationSiren: '242900314',
      redirectUri: 'http://localhost:9/brest/cb',
      scopes: ['email'],
    });
    await provider.app.services.accounts.register({
      email: 'maiwenn@example.fr',
      password: PASSWORD,
      emailVerified: true,
    });
  });
  afterAll(async () => {
    await provider?.close();
  });

  /** One request, no redirect followed: what the browser receives. */
  async function fetchOnce(browser: ReturnType<typeof createBrowserAgent>, url: string, body?: string) {
    const res = await browser.request(url, body === undefined ? {} : { method: 'POST', body });
    const page: Page = { url, status: res.status, html: await res.text() };
    return { page, location: res.headers.location };
  }

  /** Posts a page's login form (to its own action), without following the answer's redirect. */
  function postLogin(browser: ReturnType<typeof createBrowserAgent>, page: Page, email: string, password: string) {
    return fetchOnce(browser, new URL(loginAction(page)!, provider.issuer).href, formBody(page, { email, password }));
  }

  /** The app's side: the code for tokens, then the consented email from userinfo. */
  async function emailReleased(rp: RelyingParty, flow: Flow, callbackUrl: string) {
    const tokens = await finishFlow(rp, flow, callbackUrl);
    return (await oidc.fetchUserInfo(rp.config, tokens.access_token, tokens.claims()!.sub)).email;
  }

  it('answers the authorization request with the login form, whose post goes on to the next step', async () => {
    const browser = createBrowserAgent();
    const flow = await startFlow(rennes, { scope: 'openid email' });

    const { page, location } = await fetchOnce(browser, flow.url);
    expect(page.status).toBe(200);
    expect(location).toBeUndefined();
    expect(page.html).toContain('<h1>Se connecter</h1>');
    expect(page.html).toContain('<strong>Médiathèques</strong>');
    const login = loginAction(page);
    expect(login).toMatch(/^\/auth\/[\w-]+\/login$/);

    // The form posts under the resume address; the resume runs in the same request and, the
    // app being new to the citizen, begins the consent step.
    const posted = await fetchOnce(
      browser,
      new URL(login!, provider.issuer).href,
      formBody(page, { email: 'maiwenn@example.fr', password: PASSWORD }),
    );
    expect(posted.page.status).toBe(303);
    expect(posted.location).toMatch(/^\/interaction\/[\w-]+$/);
    const consentPage = await browser.navigate(new URL(posted.location!, provider.issuer).href);
    expect(consentPage.html).toContain('Médiathèques demande à accéder à vos informations');
    const done = await browser.submit(
      consentPage,
      interactionUrl(consentPage, 'consent'),
      { decision: 'accept', attr: ['email'] },
      rennes.redirectUri,
    );
    expect(await emailReleased(rennes, flow, done.url)).toBe('maiwenn@example.fr');
  });

  it('takes a known citizen from the login form straight back to the app: two requests in all', async () => {
    const browser = createBrowserAgent();
    // Rennes has the citizen's consent from the test before.
    const flow = await startFlow(rennes, { scope: 'openid email', prompt: 'login' });
    const { page } = await fetchOnce(browser, flow.url);
    const posted = await postLogin(browser, page, 'maiwenn@example.fr', PASSWORD);
    expect(posted.page.status).toBe(303);
    expect(posted.location!.startsWith(`${rennes.redirectUri}?`)).toBe(true);
    expect(await emailReleased(rennes, flow, posted.location!)).toBe('maiwenn@example.fr');
  });

  it('shows the form again on a wrong password, and still takes the older form address', async () => {
    const browser = createBrowserAgent();
    const flow = await startFlow(rennes, { scope: 'openid email', prompt: 'login' });
    const { page } = await fetchOnce(browser, flow.url);
    const wrong = await postLogin(browser, page, 'maiwenn@example.fr', 'pas le bon mot de passe');
    expect(wrong.page.status).toBe(401);
    expect(wrong.page.html).toContain('Adresse électronique ou mot de passe incorrect.');
    expect(loginAction(wrong.page)).toBe(loginAction(page));
    // Pages served before this change posted to /interaction/:uid/login: that ends with the redirect.
    const uid = /^\/auth\/([\w-]+)\/login$/.exec(loginAction(page)!)![1];
    const older = await fetchOnce(
      browser,
      `${provider.issuer}/interaction/${uid}/login`,
      formBody(wrong.page, { email: 'maiwenn@example.fr', password: PASSWORD }),
    );
    expect(older.page.status).toBe(303);
    const resumed = await fetchOnce(browser, older.location!);
    expect(await emailReleased(rennes, flow, resumed.location!)).toBe('maiwenn@example.fr');
  });

  it('answers with the consent screen when the citizen is logged in and the app is new to them', async () => {
    const browser = createBrowserAgent();
    const first = await startFlow(rennes, { scope: 'openid email' });
    const loginPage = await browser.navigate(first.url);
    const consentPage = await browser.submit(
      loginPage,
      loginAction(loginPage)!,
      { email: 'maiwenn@example.fr', password: PASSWORD },
      rennes.redirectUri,
    );
    // Rennes was consented to in the test before: this session goes straight back to it.
    expect(consentPage.url.startsWith(rennes.redirectUri)).toBe(true);

    const flow = await startFlow(brest, { scope: 'openid email' });
    const { page, location } = await fetchOnce(browser, flow.url);
    expect(page.status).toBe(200);
    expect(location).toBeUndefined();
    expect(page.html).toContain('Piscines demande à accéder à vos informations');
    const consent = formActions(page.html).find((a) => a.endsWith('/consent'))!;
    const done = await browser.submit(page, consent, { decision: 'accept', attr: ['email'] }, brest.redirectUri);
    expect(await emailReleased(brest, flow, done.url)).toBe('maiwenn@example.fr');
  });

  it('counts a login in the metrics under the login form route, not under the resume', async () => {
    const browser = createBrowserAgent();
    const flow = await startFlow(rennes, { scope: 'openid email', prompt: 'login' });
    const { page } = await fetchOnce(browser, flow.url);
    const posted = await postLogin(browser, page, 'maiwenn@example.fr', PASSWORD);
    expect(posted.page.status).toBe(303);
    const metrics = await provider.app.metrics.registry.metrics();
    expect(metrics).toMatch(
      /http_request_duration_seconds_count\{[^}]*method="POST",route="\/auth\/:uid\/login",status="303"\}/,
    );
    expect(metrics).not.toMatch(/method="POST",route="resume"/);
  });

  it('says the step expired, and records no login, when the interaction expires while the password is checked', async () => {
    await provider.app.services.accounts.register({
      email: 'lent@example.fr',
      password: PASSWORD,
      emailVerified: true,
    });
    const browser = createBrowserAgent();
    const { page } = await fetchOnce(browser, (await startFlow(rennes, { scope: 'openid email' })).url);
    const accounts = provider.app.services.accounts;
    const authenticate = accounts.authenticate;
    const start = Date.now();
    // The password check ends 31 minutes later: the interaction (30 minutes) is over.
    accounts.authenticate = async (input) => {
      const result = await authenticate(input);
      vi.spyOn(Date, 'now').mockReturnValue(start + 31 * 60_000);
      return result;
    };
    try {
      const posted = await postLogin(browser, page, 'lent@example.fr', PASSWORD);
      expect(posted.page.status).toBe(400);
      expect(posted.page.html).toContain('Cette étape de connexion a expiré');
    } finally {
      vi.restoreAllMocks();
      accounts.authenticate = authenticate;
    }
    const account = await provider.app.services.repos.accounts.findByEmail('lent@example.fr');
    expect(await provider.app.services.repos.audit.lastLogin(account!.id)).toBeUndefined();
  });

  it('still answers errors at the app, without a page: prompt=none without a session', async () => {
    const flow = await startFlow(rennes, { scope: 'openid email', prompt: 'none' });
    const { page, location } = await fetchOnce(createBrowserAgent(), flow.url);
    expect(page.status).toBe(303);
    expect(new URL(location!).searchParams.get('error')).toBe('login_required');
  });

  it('refuses the login form of one browser posted from another', async () => {
    const flow = await startFlow(rennes, { scope: 'openid email' });
    const { page } = await fetchOnce(createBrowserAgent(), flow.url);
    const login = loginAction(page)!;
    const other = createBrowserAgent();
    // The other browser has its own CSRF cookie and token, from a page of its own.
    const own = await other.navigate((await startFlow(rennes, { scope: 'openid email' })).url);
    const res = await other.submit(own, new URL(login, provider.issuer).href, {
      email: 'maiwenn@example.fr',
      password: PASSWORD,
    });
    expect(res.status).toBe(400);
    // (This agent's cookie jar ignores paths: it sends its own interaction's cookie, which a
    // browser would not, and hears that the page is not its login's; a browser hears it expired.)
    expect(res.html).toContain('Recommencez depuis l’application.');
  });
});
