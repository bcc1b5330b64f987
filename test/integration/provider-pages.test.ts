// What mon-compte's pages say when something is missing or wrong: each message names the
// problem, is tied to its field, and the page's title says so (RGAA 8.6, 11.10; WCAG 3.3.1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from '../helpers/provider-server.ts';
import { createBrowserAgent, interactionUrl, onLoginPage } from '../helpers/browser-agent.ts';
import { addApp, startFlow, type RelyingParty } from '../helpers/relying-party.ts';

const PASSWORD = 'les hortensias de Roscoff sont en fleur';

describe('mon-compte pages in error states', () => {
  let provider: RunningProvider;
  let rp: RelyingParty;

  beforeAll(async () => {
    provider = await startProvider('sqlite');
    rp = await addApp(provider, {
      name: 'Portail famille',
      redirectUri: 'http://localhost:9/famille/cb',
      scopes: ['email'],
    });
    await provider.app.services.accounts.register({
      email: 'erwan@example.fr',
      password: PASSWORD,
      emailVerified: true,
    });
  });
  afterAll(async () => {
    await provider?.close();
  });

  const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];

  it('asks for what is missing on an empty login form, without counting a failed attempt', async () => {
    const browser = createBrowserAgent();
    const login = await browser.navigate((await startFlow(rp, { scope: 'openid email' })).url);
    const empty = await browser.submit(login, interactionUrl(login, 'login'), { email: '', password: '' });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('Indiquez votre adresse électronique et votre mot de passe.');
    expect(titleOf(empty.html)).toBe('Erreur – Se connecter – mon-compte.bzh');
    // The summary takes the focus, no field does; every field is said to be required.
    expect(empty.html).toMatch(/class="error-summary"[^>]*autofocus/);
    expect(empty.html).not.toMatch(/<input[^>]*autofocus/);
    expect(empty.html).toContain('Tous les champs sont obligatoires.');
    expect(await provider.database.db('login_throttle').count({ n: '*' }).first()).toMatchObject({ n: 0 });
  });

  it('keeps hints out of labels, so that a screen reader says them once', async () => {
    const browser = createBrowserAgent();
    const login = await browser.navigate((await startFlow(rp, { scope: 'openid email' })).url);
    const registration = await browser.navigate(interactionUrl(login, 'register'));
    expect(registration.html).toMatch(
      /<label for="f-password">Mot de passe<\/label>\s*<p class="hint" id="f-password-hint">/,
    );
    expect(registration.html).toMatch(/id="f-password"[^>]*aria-describedby="f-password-hint"/);
  });

  it('says that a login step expired, and what to do', async () => {
    const page = await createBrowserAgent().navigate(`${provider.issuer}/interaction/n-existe-pas`);
    expect(page.status).toBe(400);
    expect(page.html).toContain('Cette étape de connexion a expiré ou a été ouverte dans un autre navigateur.');
    expect(titleOf(page.html)).toBe('Demande invalide – mon-compte.bzh');
  });

  it('names the account centre on its own login page, not "Application inconnue"', async () => {
    const page = await createBrowserAgent().navigate(`${provider.issuer}/account`);
    expect(onLoginPage(page)).toBe(true);
    expect(page.html).toContain('pour accéder à <strong>votre espace mon-compte.bzh</strong>');
    expect(page.html).not.toContain('Application inconnue');
  });

  it('refuses to delete an account without the confirmation box, and says why', async () => {
    const browser = createBrowserAgent();
    const login = await browser.navigate(`${provider.issuer}/account`);
    await browser.submit(login, interactionUrl(login, 'login'), {
      email: 'erwan@example.fr',
      password: PASSWORD,
    });
    const data = await browser.navigate(`${provider.issuer}/account/data`);
    const refused = await browser.submit(data, '/account/delete', {});
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Cochez la case pour confirmer la suppression définitive de votre compte.');
    expect(refused.html).toMatch(/id="f-confirm"[^>]*aria-invalid="true" aria-describedby="f-confirm-error"/);
    expect(titleOf(refused.html)).toBe('Erreur – Mes données – mon-compte.bzh');
    expect(await provider.database.db('accounts').where({ email: 'erwan@example.fr' }).first()).toBeDefined();
  });

  it('offers the account, the accessibility statement, the legal notice and the site map from every page', async () => {
    const home = await createBrowserAgent().navigate(`${provider.issuer}/`);
    expect(home.html).toContain('href="/account"');
    for (const href of ['/accessibilite', '/mentions-legales', '/plan-du-site']) {
      expect(home.html).toContain(`href="${href}"`);
      const page = await createBrowserAgent().navigate(`${provider.issuer}${href}`);
      expect(page.status).toBe(200);
    }
    expect(home.html).toContain('Accessibilité : non conforme');
  });
});
