import http from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startPlatform, type RunningPlatform } from '../helpers/platform.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { ROOT } from '../helpers/processes.ts';
import { importAidesJeunes } from '../../directory/src/catalogue/import-aides-jeunes.ts';
import { toStored } from '../../directory/src/catalogue/catalogue-store.ts';
import { createDirectoryServicesRepo } from '../../db/repos/directory-services-repo.ts';

// The real aides-jeunes extract, read as test input (AGPL-3.0: nothing of it is copied here).
const AIDES_JEUNES = path.resolve(ROOT, '..', 'shared', 'data', 'aides-jeunes-bretagne.json');

describe('mes-services pages: usable without JavaScript, filters in the URL, nothing stored', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  const url = (path: string) => `${platform.directoryUrl}${path}`;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('searches, filters by a commune typed by name, and opens a service, without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(url('/'));
    await page.getByLabel('Que cherchez-vous ?').fill('piscine');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    expect(await page.getByRole('status').textContent()).toMatch(/^\d+ services? trouvés? pour « piscine »/);
    expect(await page.title()).toMatch(/^Recherche : \d+ services? trouvés?/);

    await page.getByLabel('Pour les habitants de').fill('Quimper');
    await page.getByLabel('Thématique').selectOption('sport');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    // The place typed becomes the commune's code in a clean URL to come back to.
    expect(page.url()).toBe(url('/recherche?q=piscine&thematique=sport&commune=29232'));
    expect(await page.getByLabel('Pour les habitants de').inputValue()).toBe('Quimper (29000)');
    expect(await page.getByRole('status').textContent()).toContain('pour les habitants de Quimper');

    // A name several communes share is offered as a choice.
    await page.getByLabel('Pour les habitants de').fill('Saint-Martin');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    expect(await page.getByText('Plusieurs communes correspondent à « Saint-Martin »').count()).toBe(1);
    await page
      .getByRole('link', { name: /^Saint-Martin \(/ })
      .first()
      .click();
    expect(new URL(page.url()).searchParams.get('commune')).toMatch(/^\d[\dAB]\d{3}$/);

    await page.goto(url('/recherche?q=piscine'));
    await page.getByRole('link', { name: 'Tarif réduit dans les piscines de Quimper Bretagne Occidentale' }).click();
    expect(await page.getByRole('heading', { level: 2, name: 'Conditions' }).count()).toBe(1);
    expect(await page.locator('main').textContent()).toContain('Il faut avoir moins de 18 ans.');
    expect(await page.locator('main').textContent()).not.toContain('n’est pas partagé');
    await context.close();
  });

  it('focuses the summary of a place to correct on load, with or without JavaScript', async () => {
    for (const javaScriptEnabled of [false, true]) {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      for (const [place, title] of [
        ['Zzzzz', /^Erreur – /],
        ['Saint-Martin', /^Choisissez votre commune – /],
      ] as const) {
        await page.goto(url(`/recherche?lieu=${place}`));
        expect(await page.title()).toMatch(title);
        const summary = page.getByRole('alert');
        await expect
          .poll(() => summary.evaluate((el) => el === document.activeElement), { timeout: 10_000 })
          .toBe(true);
        await summary.getByRole('link', { name: /^Pour les habitants de : / }).click();
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('lieu');
        const field = page.locator('#lieu');
        expect(await field.getAttribute('aria-invalid')).toBe('true');
        expect(await field.getAttribute('aria-describedby')).toBe('lieu-hint lieu-error');
      }
      await context.close();
    }
  });

  it('tells the browser the "Et si…" commune is the person’s own, once the combobox is active too', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(url('/et-si'));
    const commune = page.getByRole('combobox', { name: 'Commune de résidence' });
    await commune.waitFor();
    expect(await commune.getAttribute('autocomplete')).toBe('address-level2');
    await context.close();
  });

  it('answers "Et si…" without JavaScript through the form, and says what to correct', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url('/et-si'));
    await page.getByLabel('Âge').fill('-3');
    await page.getByLabel('Commune de résidence').fill('Vannes');
    await page.getByRole('button', { name: 'Voir les services pour ce profil' }).click();
    expect(await page.title()).toBe('Erreur – Et si… – mes-services.bzh');
    expect(await page.getByRole('alert').textContent()).toContain('Indiquez un âge en années');
    expect(await page.getByLabel('Commune de résidence').inputValue()).toBe('Vannes (56000)');
    await page.getByLabel('Âge').fill('20');
    await page.getByRole('button', { name: 'Voir les services pour ce profil' }).click();
    expect(await page.getByRole('status').textContent()).toMatch(/^Pour ce profil : \d+ services?/);
    expect(await page.getByRole('heading', { name: /^Vous y auriez droit \(\d+\)$/ }).count()).toBe(1);
    await context.close();
  });

  it('keeps the filters in the URL with JavaScript: announced, reloadable, and "back" shows the previous results', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(url('/recherche?q=bibliotheque'));
    const status = page.getByRole('status').filter({ hasText: 'trouvé' });
    const before = await status.textContent();
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    await page.getByLabel('Qui le propose').selectOption('commune');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(url('/recherche?q=bibliotheque&niveau=commune'));
    await expect.poll(() => status.textContent()).toContain('au niveau commune');
    // Same page, updated in place: no reload.
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    const filtered = await status.textContent();

    await page.reload();
    expect(await page.getByLabel('Qui le propose').inputValue()).toBe('commune');
    expect(await status.textContent()).toBe(filtered);

    await page.goBack();
    await page.waitForURL(url('/recherche?q=bibliotheque'));
    await expect.poll(() => status.textContent()).toBe(before);
    expect(await page.getByLabel('Qui le propose').inputValue()).toBe('');
    await context.close();
  });

  it('stores nothing of an "Et si…" profile, neither in the browser nor on the server', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(url('/et-si'));
    await page.getByLabel('Âge').fill('67');
    await page.getByLabel('Quotient familial CAF').fill('720');
    await page.getByRole('button', { name: 'Voir les services pour ce profil' }).click();
    await page.getByText(/^Pour ce profil :/).waitFor();
    expect(page.url()).toBe(url('/et-si'));
    const stored = await page.evaluate(() => ({
      local: localStorage.length,
      session: sessionStorage.length,
      cookies: document.cookie,
    }));
    expect(stored).toEqual({ local: 0, session: 0, cookies: '' });
    expect((await context.cookies()).length).toBe(0);
    const sessions = await platform.provider.database.db('directory_sessions').count({ n: '*' });
    expect(Number(sessions[0]!.n)).toBe(0);
    await context.close();
  });

  it('serves pages under a strict CSP with no inline script, and hashed assets compressed and cached for a year', async () => {
    const home = await fetch(url('/'), { headers: { 'accept-encoding': 'gzip, br' } });
    expect(home.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(home.headers.get('cache-control')).toBe('no-cache');
    expect(home.headers.get('etag')).toBeTruthy();
    // node:http rather than fetch, which adds "Cache-Control: no-cache" to a conditional request.
    const revalidated = await new Promise<number>((resolve, reject) =>
      http
        .get(url('/'), { headers: { 'if-none-match': home.headers.get('etag')! } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject),
    );
    expect(revalidated).toBe(304);

    const results = await (await fetch(url('/recherche?q=transport'))).text();
    expect(results).toMatch(/<html lang="fr">/);
    const scripts = [...results.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.length).toBe(2);
    for (const attributes of scripts) expect(attributes).toMatch(/src="\/assets\/[\w-]+\.js"|type="application\/json"/);
    const assets = [...results.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBe(2);
    for (const asset of assets) {
      for (const encoding of ['br', 'gzip']) {
        const res = await fetch(url(asset), { headers: { 'accept-encoding': encoding } });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-encoding')).toBe(encoding);
        expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      }
    }

    const personal = await fetch(url('/pour-moi'));
    expect(personal.headers.get('cache-control')).toBe('private, no-store');
    const missing = await fetch(url('/nulle-part'));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Page introuvable');
  });

  it.skipIf(!existsSync(AIDES_JEUNES))(
    'shows the imported aids as text, links spelt out and line breaks kept, never as markup',
    async () => {
      const { services } = importAidesJeunes(JSON.parse(readFileSync(AIDES_JEUNES, 'utf8')));
      await createDirectoryServicesRepo(platform.provider.database.db).upsertMany(services.map(toStored));
      await platform.directory.catalogue.reload();
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(url('/services/rsa'));
      const main = (await page.locator('main').innerText()) ?? '';
      expect(main).toContain('contrat d’engagement réciproque (http');
      expect(main).not.toMatch(/<a |<br|noopener|target=|&[a-z]+;/);
      await page.goto(url('/services/caf-aide-nationale-bafa'));
      // "<br>" of the source: one step a line.
      expect(await page.locator('p.lead').innerText()).toMatch(/:\n1\) .*,\n2\) /s);
      await page.goto(url('/recherche?q=noopener'));
      expect(await page.getByRole('status').textContent()).toMatch(/^Aucun service trouvé/);
      await context.close();
    },
  );

  it('suggests communes by name or postal code, and refuses a malformed query', async () => {
    const byName = (await (await fetch(url('/api/communes?q=lorient'))).json()) as {
      communes: { code: string; name: string; postalCodes: string[]; departement: string }[];
    };
    expect(byName.communes[0]).toEqual({
      code: '56121',
      name: 'Lorient',
      postalCodes: ['56100'],
      departement: 'Morbihan',
    });
    const byPostalCode = (await (await fetch(url('/api/communes?q=22300'))).json()) as typeof byName;
    expect(byPostalCode.communes.map((c) => c.name)).toContain('Lannion');
    for (const path of ['/api/communes', '/api/communes?q=', '/api/communes?q=a&q=b', '/api/communes?q=x&limit=3']) {
      const res = await fetch(url(path));
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});
