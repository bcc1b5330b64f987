import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startPlatform, type RunningPlatform } from '../helpers/platform.ts';
import { expectAccessible, launchChromium, allowIfAsked } from '../helpers/chromium.ts';
import { demoCatalogue } from '../../directory/src/catalogue/demo-catalogue.ts';

const RENNES = '243500139';
const PASSWORD = 'une erreur se corrige mieux quand on la trouve';

describe('the Espace collectivités of mes-services says what went wrong and what was done', () => {
  let platform: RunningPlatform;
  let browser: Browser;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    const created = await platform.provider.app.services.accounts.register({
      email: 'redaction@example.fr',
      password: PASSWORD,
      emailVerified: true,
    });
    if (!created.ok) throw new Error('account not created');
    await platform.provider.app.services.repos.admin.grant(
      created.account.id,
      { role: 'organisation', organisationSiren: RENNES },
      null,
    );
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  const audit = (page: Page, name: string) => expectAccessible(page, name);

  it('focuses the error summary, leads to the invalid field, and confirms a publication', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${platform.directoryUrl}/auth/login?scope=bzh_admin&return=/espace-collectivites`);
    await page.getByLabel('Adresse électronique').fill('redaction@example.fr');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await allowIfAsked(page, `${platform.directoryUrl}/espace-collectivites`);
    await expect.poll(() => page.url()).toBe(`${platform.directoryUrl}/espace-collectivites`);

    const base = demoCatalogue.find((s) => s.authority.level === 'epci')!;
    const service = {
      ...base,
      id: 'rennes-grainotheques',
      title: 'Grainothèques des bibliothèques',
      authority: { name: 'Rennes Métropole', level: 'epci', code: RENNES, siren: RENNES },
      zone: { type: 'authority' },
      published: false,
    };
    const field = page.getByLabel('Le service, au format du catalogue (JSON)');
    await field.fill('{ "id": "rennes-grainotheques",');
    await page.getByRole('button', { name: 'Créer le service' }).click();
    expect(await page.title()).toMatch(/^Erreur – /);
    const summary = page.getByRole('alert');
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement), { timeout: 10_000 }).toBe(true);
    await audit(page, 'list with an error');
    await summary.getByRole('link').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 }).toBe('f-service');
    expect(await field.getAttribute('aria-invalid')).toBe('true');

    await field.fill(JSON.stringify(service, null, 2));
    await page.getByRole('button', { name: 'Créer le service' }).click();
    expect(await page.getByRole('status').first().textContent()).toMatch(/^Service créé/);
    await audit(page, 'service just created');

    await page.getByLabel('Profil d’essai (JSON)').fill('{"birthdate": "hier"}');
    await page.getByRole('button', { name: 'Voir le résultat' }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.className), { timeout: 10_000 })
      .toBe('error-summary');
    expect(await page.getByLabel('Profil d’essai (JSON)').getAttribute('aria-invalid')).toBe('true');
    await audit(page, 'service with an invalid profile');

    await page.getByRole('button', { name: 'Publier' }).click();
    expect(await page.title()).toMatch(/^Service publié – Grainothèques des bibliothèques/);
    expect(await page.getByRole('status').first().textContent()).toMatch(/^Service publié/);
    await audit(page, 'service just published');
    await page.getByRole('link', { name: 'voir la fiche dans mes-services' }).click();
    await page.getByRole('heading', { level: 1, name: 'Grainothèques des bibliothèques' }).waitFor();
    expect(page.url()).toBe(`${platform.directoryUrl}/services/rennes-grainotheques`);
    // The journal lists each change, newest first, with who made it.
    await page.goto(`${platform.directoryUrl}/espace-collectivites`);
    await page.getByRole('link', { name: 'Tout le journal des modifications' }).click();
    await audit(page, 'journal');
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows.nth(1).textContent()).resolves.toMatch(/publication.*rennes-grainotheques/);
    await expect(rows.nth(2).textContent()).resolves.toMatch(/création.*rennes-grainotheques/);
    await context.close();
  });
});
