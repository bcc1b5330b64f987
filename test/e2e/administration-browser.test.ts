import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startPlatform, type RunningPlatform } from '../helpers/platform.ts';
import { expectAccessible, launchChromium, allowIfAsked } from '../helpers/chromium.ts';
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
    await expectAccessible(page, name, { overflow: false });
  }

  /** A new browser context, logged in to the console. */
  async function consoleSession(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${platform.provider.issuer}/admin`);
    await page.getByLabel('Adresse électronique').fill('gestionnaire@example.fr');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect.poll(() => page.url()).toBe(`${platform.provider.issuer}/admin`);
    return { context, page };
  }
  const focused = (page: Page) =>
    page.evaluate(() => ({ id: document.activeElement?.id, className: document.activeElement?.className }));

  it('logs in, creates a relying party and a service, and sees the service published in mes-services', async () => {
    const { context, page } = await consoleSession();
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
    await page.getByText('Déclaration d’une application').waitFor();
    await audit(page, 'audit log');

    // mes-services, where the same account edits the organisation's services.
    await page.goto(`${platform.directoryUrl}/espace-collectivites`);
    await audit(page, 'mes-services: login needed');
    await page.getByRole('link', { name: 'Se connecter avec mon-compte.bzh' }).click();
    await allowIfAsked(page, `${platform.directoryUrl}/espace-collectivites`);
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

  it('brings a refused form back open, its errors focused and linked to their fields; says plainly what is refused', async () => {
    const { context, page } = await consoleSession();
    const issuer = platform.provider.issuer;
    await page.goto(`${issuer}/admin/${RENNES}`);
    // Both forms open: every field of the page is audited, the terminal's included.
    await page.getByText('Déclarer une application').click();
    await page.getByText('Déclarer une borne').click();
    await audit(page, 'organisation page with both forms open');

    await page.getByLabel('Nom de la borne').fill('Piscine de Bréquigny');
    await page.getByLabel(/Clé publique de la borne/).fill('{"keys": [');
    await page.getByRole('button', { name: 'Créer la borne' }).click();
    await page.getByRole('heading', { name: 'Il y a un problème' }).waitFor();
    expect(await page.title()).toMatch(/^Erreur – Rennes Métropole/);
    expect(await focused(page)).toMatchObject({ className: 'error-summary' });
    await expect.poll(() => page.getByLabel('Nom de la borne').inputValue()).toBe('Piscine de Bréquigny');
    await audit(page, 'refused terminal');

    await page.getByText('Déclarer une application').click();
    await page.getByLabel('Scopes autorisés').fill('email tout');
    await page.getByRole('button', { name: 'Créer l’application' }).click();
    await page.getByRole('heading', { name: 'Il y a 3 problèmes' }).waitFor();
    expect(await focused(page)).toMatchObject({ className: 'error-summary' });
    await expect.poll(() => page.getByLabel('Scopes autorisés').inputValue()).toBe('email tout');
    await audit(page, 'refused application');
    await page.getByRole('link', { name: /^Adresses de retour/ }).click();
    await expect.poll(() => focused(page)).toMatchObject({ id: 'f-new-client-redirect_uris' });

    const terminal = await platform.provider.app.services.clients.addTerminal({
      name: 'Piscine Saint-Georges',
      organisationSiren: RENNES,
      jwks: {
        keys: [
          {
            kty: 'EC',
            crv: 'P-256',
            x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
            y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
          },
        ],
      },
    });
    await platform.provider.app.services.repos.terminalActivity.add('2026-03-02', [
      { clientId: terminal.client_id, delta: { checks: 12, unrecognised: 1, pairings: 2 }, lastSeenAt: Date.now() },
    ]);
    await page.goto(`${issuer}/admin/${RENNES}/clients/${terminal.client_id}`);
    await page.getByRole('table', { name: /Activité de la borne Piscine Saint-Georges/ }).waitFor();
    await audit(page, 'terminal page with its activity');

    const refused = await page.goto(`${issuer}/admin/242900314`);
    expect(refused?.status()).toBe(403);
    await page.getByRole('heading', { name: 'Accès refusé – cette collectivité n’est pas la vôtre' }).waitFor();
    await audit(page, 'another collectivity');
    await context.close();
  });
});
