import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startPlatform, type RunningPlatform } from '../helpers/platform.ts';
import { expectAccessible, launchChromium } from '../helpers/chromium.ts';
import { signUpFromMesServices } from '../helpers/mes-services.ts';

describe('every page of mes-services has zero axe-core violations (WCAG 2.1 AA), at 320 px and desktop', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  const audited: string[] = [];

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  /** axe-core at both widths, with the collapsed parts closed and then open; nothing wider than a phone. */
  async function audit(page: Page, name: string) {
    await expectAccessible(page, name);
    const closed = await page.evaluate(() => {
      const details = [...document.querySelectorAll('details:not([open])')] as HTMLDetailsElement[];
      details.forEach((d) => (d.open = true));
      return details.length;
    });
    if (closed > 0) await expectAccessible(page, `${name}, opened`);
    audited.push(name);
  }

  it('home, search, results, service, "Et si…", "Pour moi", "Mes informations", the legal pages and the error page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const url = (path: string) => `${platform.directoryUrl}${path}`;

    await page.goto(url('/'));
    await audit(page, 'home');

    await page.getByLabel('Que cherchez-vous ?').fill('piscine');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(url('/recherche?q=piscine'));
    await audit(page, 'results');

    // The commune picker, open, then chosen; the filters applied by the hydrated page.
    const place = page.getByRole('combobox', { name: /Pour les habitants de/ });
    await place.fill('Quimp');
    await page.getByRole('option', { name: /^Quimper \(/ }).waitFor();
    await audit(page, 'results with the commune list open');
    await place.press('ArrowDown');
    await place.press('Enter');
    await page.getByLabel('Thématique').selectOption('sport');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(url('/recherche?q=piscine&thematique=sport&commune=29232'));
    await audit(page, 'results with filters');

    await page.goto(url('/recherche?lieu=Saint-Martin'));
    await audit(page, 'results with a place to choose');
    await page.goto(url('/recherche?lieu=Zzzzz'));
    expect(await page.getByRole('alert').count()).toBe(1);
    await audit(page, 'results with a place that matches nothing');
    await page.goto(url('/recherche'));
    await audit(page, 'every service, page 1');

    await page.goto(url('/services/quimper-bretagne-occidentale-piscines-tarif-reduit'));
    await audit(page, 'service');
    await page.goto(url('/services/nope'));
    await audit(page, 'unknown service');
    await page.goto(url('/nulle-part'));
    await audit(page, 'page not found');
    await page.goto(url('/pour-moi'));
    await audit(page, 'pour moi, not logged in');
    await page.goto(url('/mes-informations'));
    await audit(page, 'mes informations, not logged in');
    for (const [path, heading] of [
      ['/accessibilite', 'Déclaration d’accessibilité'],
      ['/plan-du-site', 'Plan du site'],
      ['/mentions-legales', 'Mentions légales'],
    ] as const) {
      await page.goto(url(path));
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(heading);
      await audit(page, heading);
    }

    await page.goto(url('/et-si'));
    await audit(page, 'et si');
    await page.getByLabel('Âge').fill('cent ans');
    await page.getByRole('button', { name: 'Voir les services pour ce profil' }).click();
    await page.getByRole('heading', { name: /erreur/ }).waitFor();
    await audit(page, 'et si, with an error');
    await page.getByLabel('Âge').fill('19');
    const commune = page.getByRole('combobox', { name: /Commune de résidence/ });
    await commune.fill('29200');
    await page.getByRole('option', { name: /^Brest \(/ }).click();
    await page.getByLabel('Situation').selectOption('etudiant');
    await page.getByRole('radio', { name: 'Oui' }).check();
    await page.getByLabel('Quotient familial CAF').fill('600');
    await page.getByRole('button', { name: 'Voir les services pour ce profil' }).click();
    await page.getByText(/^Pour ce profil :/).waitFor();
    await audit(page, 'et si, with results');

    await page.goto(url('/'));
    await signUpFromMesServices(page, platform.directoryUrl, {
      email: 'a11y-services@example.fr',
      password: 'la lande de Monteneuf au petit matin',
      commune: 'Lannion',
      birthdate: '1961-03-14',
    });
    await audit(page, 'pour moi');
    await page.goto(url('/mes-informations'));
    await audit(page, 'mes informations');
    await page.goto(url('/services/quimper-bretagne-occidentale-piscines-tarif-reduit'));
    await audit(page, 'service, logged in');
    await context.close();
    expect(audited.length).toBe(21);
    // 21 pages, each audited at two widths: far more than one test's usual 30 s on a busy machine.
  }, 150_000);
});
