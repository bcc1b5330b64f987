import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startPlatform, type RunningPlatform } from '../helpers/platform.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { completeAndConsent, signUpFromMesServices } from '../helpers/mes-services.ts';

describe('a new citizen on mes-services, in a real browser', () => {
  let platform: RunningPlatform;
  let browser: Browser;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('signs up through mon-compte, sees results from residence and birth date, then shares the household and sees an aid resolve', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    // Nothing mes-services sends fails to load (mon-compte's pages have their own tests).
    page.on('response', (res) => {
      if (res.url().startsWith(platform.directoryUrl) && res.status() >= 400)
        errors.push(`${res.status()} ${res.url()}`);
    });

    await page.goto(platform.directoryUrl);
    await expect.poll(() => page.title()).toContain('mes-services.bzh');
    await signUpFromMesServices(page, platform.directoryUrl, {
      email: 'nolwenn@example.fr',
      password: 'les embruns de la pointe du Raz',
      commune: 'Rennes',
      birthdate: '2004-05-01',
    });

    // Back on "Pour moi": answers from the commune and the age, nothing about the household.
    expect(new URL(page.url()).pathname).toBe('/pour-moi');
    await expect.poll(() => page.title()).toBe('Pour moi – mes-services.bzh');
    expect(await page.locator('main').textContent()).toContain('vous habitez Rennes');
    const eligible = page.locator('section.answers-eligible');
    expect(await eligible.getByRole('heading', { level: 3 }).count()).toBeGreaterThan(0);
    expect(await eligible.textContent()).toMatch(/Vous avez 2\d ans/);

    // An aid "à vérifier" that only the household would settle, with its "share it" button.
    const toCheck = page.locator('section.answers-unknown li').filter({
      has: page.locator('a[data-scope="bzh_foyer"]'),
      hasNot: page.locator('a[data-scope]:not([data-scope="bzh_foyer"])'),
    });
    expect(await toCheck.count()).toBeGreaterThan(0);
    const title = (await toCheck.first().getByRole('heading', { level: 3 }).textContent())!.trim();
    expect(await toCheck.first().textContent()).toContain('votre quotient familial');
    await toCheck.first().locator('a[data-scope="bzh_foyer"]').click();

    // mon-compte asks for the household alone; the citizen fills it in and consents.
    await page.waitForURL(`${platform.provider.issuer}/**`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('mes-services');
    await completeAndConsent(page, { 'Quotient familial CAF': '450', 'Nombre de personnes du foyer': '3' });

    await page.waitForURL(`${platform.directoryUrl}/pour-moi`);
    const card = page.locator('main li').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
    expect(await card.count()).toBe(1);
    expect(await card.locator('a[data-scope="bzh_foyer"]').count()).toBe(0);
    const section = await card.evaluate((li) => li.closest('section')?.className ?? '');
    expect(section).toMatch(/answers-(eligible|ineligible)/);

    // What mes-services knows now, in French, and the way out.
    await page.getByRole('link', { name: 'Ce que mes-services sait de moi' }).click();
    const facts = await page.locator('dl.facts').textContent();
    expect(facts).toContain('Rennes');
    expect(facts).toContain('1 mai 2004');
    expect(facts).toContain('450 € par mois');
    expect(facts).not.toContain('Situation');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    // mes-services forgets at once; mon-compte asks before closing its own session.
    await page.getByRole('button', { name: 'Oui, me déconnecter' }).click();
    await page.waitForURL(`${platform.directoryUrl}/`);
    expect(await page.getByRole('link', { name: 'Se connecter' }).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is logged out of mes-services at once after revoking it in the account centre of mon-compte', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(platform.directoryUrl);
    await signUpFromMesServices(page, platform.directoryUrl, {
      email: 'gwendal@example.fr',
      password: 'les mouettes de la baie de Morlaix',
      commune: 'Brest',
      birthdate: '1990-07-14',
    });
    expect(await page.locator('main').textContent()).toContain('vous habitez Brest');
    const { sub } = (await (await page.request.get(`${platform.directoryUrl}/api/me`)).json()) as { sub: string };

    await page.goto(`${platform.provider.issuer}/account/apps`);
    await page.getByRole('button', { name: 'Révoquer l’accès de mes-services.bzh' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('L’accès a été révoqué.');

    // Back on mes-services: nothing of the citizen is served any more, and no session is left.
    await page.goto(`${platform.directoryUrl}/pour-moi`);
    expect(await page.locator('main').textContent()).not.toContain('Brest');
    expect(await page.getByRole('link', { name: 'Se connecter' }).count()).toBeGreaterThan(0);
    const me = await page.request.get(`${platform.directoryUrl}/api/me`);
    expect(await me.json()).toEqual({ authenticated: false });
    expect(await platform.provider.database.db('directory_sessions').where({ sub })).toEqual([]);
    await context.close();
  });
});
