import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startProvider, type RunningProvider } from '../helpers/provider-server.ts';
import { expectAccessible, launchChromium } from '../helpers/chromium.ts';
import { createRelyingParty, startFlow, type RelyingParty } from '../helpers/relying-party.ts';

const PASSWORD = 'le vent se lève sur les monts d’Arrée';

describe('every page of mon-compte has zero axe-core violations (WCAG 2.1 AA), at 320 px and desktop', () => {
  let provider: RunningProvider;
  let browser: Browser;
  let rp: RelyingParty;
  const audited: string[] = [];

  beforeAll(async () => {
    provider = await startProvider();
    browser = await launchChromium();
    const client = await provider.app.services.clients.addRelyingParty({
      name: 'Médiathèques de Rennes',
      organisationSiren: '243500139',
      redirectUris: ['http://localhost:9/cb'],
      scopes: ['profile', 'email', 'birthdate', 'bzh_residence', 'bzh_foyer', 'bzh_handicap'],
    });
    rp = await createRelyingParty(provider.issuer, client, 'http://localhost:9/cb');
  });
  afterAll(async () => {
    await browser?.close();
    await provider?.close();
  });

  const focusedClass = (page: Page) => page.evaluate(() => document.activeElement?.className ?? '');

  async function audit(page: Page, name: string) {
    await expectAccessible(page, name);
    audited.push(name);
  }

  it('login, registration, profile completion, consent and the account centre', async () => {
    // Our pages carry no script: what axe sees is what a browser without JavaScript shows.
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    await page.goto(`${provider.issuer}/`);
    await audit(page, 'home');

    const flow = await startFlow(rp, { scope: 'openid profile email birthdate bzh_residence bzh_foyer bzh_handicap' });
    await page.goto(flow.url);
    await audit(page, 'login');
    await page.getByLabel('Adresse électronique').fill('nobody@example.fr');
    await page.getByLabel('Mot de passe').fill('not the right one at all');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await audit(page, 'login with error');
    // The error summary takes the focus: read first, and the keyboard starts there.
    expect(await focusedClass(page)).toContain('error-summary');

    await page.getByRole('link', { name: /Créer mon compte/ }).click();
    await audit(page, 'registration');
    await page.getByLabel('Adresse électronique').fill('a11y@example.fr');
    await page.getByLabel('Mot de passe').fill('court');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await audit(page, 'registration with errors');
    expect(await focusedClass(page)).toContain('error-summary');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await audit(page, 'consent');

    await page.getByRole('link', { name: 'Compléter mon profil' }).click();
    await audit(page, 'profile completion');
    await page.getByLabel('Commune de résidence').fill('22100');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await audit(page, 'profile completion with commune choice');
    // None of the proposed communes? The search can be refined without leaving the page.
    await expect(page.getByLabel(/Aucune de ces communes/).count()).resolves.toBe(1);
    await page.getByRole('radio', { name: /^Dinan \(/ }).check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await audit(page, 'consent with values');

    // An app that requires a sensitive attribute: left unticked, the error is tied to its box.
    const sensitive = await startFlow(rp, {
      scope: 'openid bzh_handicap',
      claims: JSON.stringify({ userinfo: { bzh_disability_rate: { essential: true } } }),
    });
    await page.goto(sensitive.url);
    await page.getByRole('button', { name: 'Autoriser' }).click();
    await audit(page, 'consent with a required sensitive attribute left unticked');
    expect(await focusedClass(page)).toContain('error-summary');
    await page.getByRole('link', { name: /Cochez la case/ }).click();
    await expect(page.getByRole('checkbox', { name: /taux d.incapacité/i }).getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );

    for (const path of [
      '/account',
      '/account/profile',
      '/account/apps',
      '/account/activity',
      '/account/security',
      '/account/data',
    ]) {
      await page.goto(`${provider.issuer}${path}`);
      expect(page.url()).toBe(`${provider.issuer}${path}`);
      await audit(page, path);
      // "Aller au contenu" skips the account menu: the menu is not part of the main content.
      expect(await page.locator('main nav, main .account-nav').count()).toBe(0);
    }
    await page.goto(`${provider.issuer}/account/card`);
    await page.getByRole('button', { name: 'Lier ma carte KorriGo' }).click();
    await audit(page, 'card pairing code');

    await page.goto(`${provider.issuer}/account/security`);
    await page.getByLabel('Mot de passe actuel').fill('wrong');
    await page.getByRole('button', { name: 'Changer de mot de passe' }).click();
    await audit(page, 'security with errors');

    await page.goto(`${provider.issuer}/password/forgot`);
    await audit(page, 'forgotten password');
    await page.getByLabel('Adresse électronique').fill('pas une adresse');
    await page.getByRole('button', { name: 'Recevoir le lien' }).click();
    await audit(page, 'forgotten password with error');
    expect(await page.title()).toMatch(/^Erreur – /);
    expect(await focusedClass(page)).toContain('error-summary');
    await page.goto(`${provider.issuer}/password/reset?token=nope`);
    await audit(page, 'invalid reset link');
    await page.goto(`${provider.issuer}/account/logout`);
    await audit(page, 'logout confirmation');
    await page.goto(`${provider.issuer}/auth?client_id=unknown`);
    await audit(page, 'error page');
    await page.goto(`${provider.issuer}/nulle-part`);
    await audit(page, 'page not found');
    expect(await page.title()).toBe('Page introuvable – mon-compte.bzh');
    for (const path of ['/accessibilite', '/mentions-legales', '/plan-du-site']) {
      await page.goto(`${provider.issuer}/`);
      await page
        .getByRole('contentinfo')
        .getByRole('link', {
          name: new RegExp(
            path === '/accessibilite'
              ? 'Accessibilité'
              : path === '/mentions-legales'
                ? 'Mentions légales'
                : 'Plan du site',
          ),
        })
        .click();
      expect(page.url()).toBe(`${provider.issuer}${path}`);
      await audit(page, path);
    }
    // The demo app shows the tokens it received: long values wrap rather than scroll sideways.
    await page.goto(`${provider.issuer}/demo`);
    await audit(page, 'demo app');
    await page.getByRole('link', { name: 'Se connecter avec mon-compte.bzh' }).click();
    await page.getByRole('button', { name: 'Autoriser' }).click();
    await page.waitForURL(/\/demo\/callback/);
    await audit(page, 'demo app result');
    await context.close();
    expect(audited.length).toBeGreaterThanOrEqual(25);
    // About 30 pages, each audited at two widths: more than one test's usual 30 s.
  }, 120_000);

  it('the page that posts an answer to the app (response_mode=form_post): posted by its script under the CSP, or by its button', async () => {
    await provider.app.services.accounts.register({
      email: 'form-post@example.fr',
      password: PASSWORD,
      emailVerified: true,
    });
    const logInWithFormPost = async (page: Page, prompt = 'login') => {
      const flow = await startFlow(rp, { scope: 'openid email', response_mode: 'form_post', prompt });
      await page.goto(flow.url);
      await page.getByLabel('Adresse électronique').fill('form-post@example.fr');
      await page.getByLabel('Mot de passe').fill(PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      return flow;
    };
    /** What the relying party receives: the form the page posts to its redirect URI. */
    const receiveAt = async (page: Page) => {
      let resolve: (body: URLSearchParams) => void;
      const received = new Promise<URLSearchParams>((r) => (resolve = r));
      await page.route(`${rp.redirectUri}**`, async (route) => {
        expect(route.request().method()).toBe('POST');
        resolve(new URLSearchParams(route.request().postData() ?? ''));
        await route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>app</title>' });
      });
      return received;
    };

    // With JavaScript, as most browsers: the page posts itself (its inline script allowed by the CSP's hash).
    const withScript = await browser.newContext();
    const page = await withScript.newPage();
    page.setDefaultTimeout(5000);
    const received = receiveAt(page);
    const flow = await logInWithFormPost(page);
    await page.getByRole('button', { name: 'Autoriser' }).click();
    expect((await received).get('state')).toBe(flow.state);
    expect((await received).get('code')).toBeTruthy();
    await withScript.close();

    // Without JavaScript: the page stays, passes the audit, and its button posts the answer. (The
    // page reaches the browser without its script, since axe-core itself needs JavaScript: the
    // consent form's answer is fetched with its redirect to the page, whose script is removed.)
    const noScript = await browser.newContext();
    const still = await noScript.newPage();
    still.setDefaultTimeout(5000);
    await still.route(`${provider.issuer}/interaction/*/consent`, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(/<script>[\s\S]*?<\/script>/g, '');
      await route.fulfill({ response, body });
    });
    const receivedByButton = receiveAt(still);
    // The citizen agreed already (consent lasts until revoked): the app asks for the screen again.
    const second = await logInWithFormPost(still, 'login consent');
    await still.getByRole('button', { name: 'Autoriser' }).click();
    expect(await still.getByRole('heading', { name: 'Retour vers Médiathèques de Rennes' }).isVisible()).toBe(true);
    await audit(still, 'form_post answer');
    await still.getByRole('button', { name: 'Continuer' }).click();
    expect((await receivedByButton).get('state')).toBe(second.state);
    await noScript.close();
  });
});
