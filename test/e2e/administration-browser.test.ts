import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startPlatform, type RunningPlatform } from '../helpers/platform.ts';
import { axeViolations, launchChromium } from '../helpers/chromium.ts';
import { demoCatalogue } from '../../directory/src/catalogue/demo-catalogue.ts';

const RENNES = '243500139';
const PASSWORD = 'la console se tient au clavier comme à la souris';

describe('an organisation administrator in a real browser', () => {
  let platform: RunningPlatform;
  let browser: Browser;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    const created = await platform.provider.app.services.accounts.register({
      email: 'gestionnaire@example.fr',
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

  async function audit(page: Page, name: string) {
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      const violations = await axeViolations(page);
      expect(violations, `${name} at ${width}px: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
    }
  }

  it('logs in, creates a relying party and a service, and sees the service published in mes-services', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);

    await page.goto(`${platform.provider.issuer}/admin`);
    await page.getByLabel('Adresse électronique').fill('gestionnaire@example.fr');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect.poll(() => page.url()).toBe(`${platform.provider.issuer}/admin`);
    await audit(page, 'console home');

    await page.getByRole('link', { name: 'Rennes Métropole' }).click();
    await audit(page, 'organisation page');
    await page.getByText('Déclarer une application').click();
    await page.getByLabel('Nom présenté aux habitants').fill('Ludothèques de Rennes');
    await page.getByLabel(/Adresses de retour/).fill('https://ludotheques.example.fr/callback');
    await page.getByLabel('Scopes autorisés').fill('email bzh_residence');
    await page.getByRole('button', { name: 'Créer l’application' }).click();
    await page.getByText('client_secret').waitFor();
    await audit(page, 'organisation page with new credentials');
    await page.getByRole('link', { name: 'Ludothèques de Rennes' }).click();
    await audit(page, 'relying party page');
    await page.goto(`${platform.provider.issuer}/admin/${RENNES}/audit`);
    await page.getByText('client.created').waitFor();
    await audit(page, 'audit log');

    // mes-services, where the same account edits the organisation's services.
    await page.goto(`${platform.directoryUrl}/espace-collectivites`);
    await audit(page, 'mes-services: login needed');
    await page.getByRole('link', { name: 'Se connecter avec mon-compte.bzh' }).click();
    if (page.url().includes('/interaction/')) await page.getByRole('button', { name: 'Autoriser' }).click();
    await expect.poll(() => page.url()).toBe(`${platform.directoryUrl}/espace-collectivites`);
    await audit(page, 'mes-services: my services');
    const base = demoCatalogue.find((s) => s.authority.level === 'epci')!;
    const service = {
      ...base,
      id: 'rennes-ludotheques-pret-jeux',
      title: 'Prêt de jeux dans les ludothèques',
      authority: { name: 'Rennes Métropole', level: 'epci', code: RENNES, siren: RENNES },
      zone: { type: 'authority' },
      published: false,
    };
    await page.getByLabel(/Le service, au format du catalogue/).fill(JSON.stringify(service, null, 2));
    await page.getByRole('button', { name: 'Créer le service' }).click();
    await page.getByRole('heading', { name: 'Prêt de jeux dans les ludothèques' }).waitFor();
    await page.getByRole('button', { name: 'Voir le résultat' }).click();
    await page.getByText(/Résultat :/).waitFor();
    await audit(page, 'mes-services: service with preview');
    await page.getByRole('button', { name: 'Publier' }).click();
    await page.getByText('publié', { exact: true }).waitFor();

    const published = (await (await fetch(`${platform.directoryUrl}/api/services?q=ludotheque`)).json()) as {
      items: { id: string }[];
    };
    expect(published.items.map((s) => s.id)).toContain('rennes-ludotheques-pret-jeux');
    await context.close();
  });
});
