// `npm run screenshots`: the main pages of mes-services at phone (360×740) and desktop (1280×800)
// widths, into docs/screenshots/, from a real platform started here (as the tests start it)
// and Debian's chromium. Run it after a visible change and commit the pictures.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ensureUiBuilt } from '../directory-ui/build.ts';
import { startPlatform } from '../test/helpers/platform.ts';
import { launchChromium } from '../test/helpers/chromium.ts';
import { signUpFromMesServices } from '../test/helpers/mes-services.ts';

const OUT = path.resolve(import.meta.dirname, '..', 'docs', 'screenshots');
const SIZES = { phone: { width: 360, height: 740 }, desktop: { width: 1280, height: 800 } } as const;

await ensureUiBuilt();
fs.mkdirSync(OUT, { recursive: true });
const platform = await startPlatform();
const browser = await launchChromium();
const url = (p: string) => `${platform.directoryUrl}${p}`;

async function shoot(page: Page, name: string) {
  for (const [size, viewport] of Object.entries(SIZES)) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(OUT, `${name}-${size}.png`) });
  }
  process.stdout.write(`  ${name}\n`);
}

try {
  const context = await browser.newContext({ deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);

  await page.goto(url('/'));
  await shoot(page, 'home');
  await page.goto(url('/recherche?q=piscine'));
  await shoot(page, 'results');
  await page.goto(url('/services/quimper-bretagne-occidentale-piscines-tarif-reduit'));
  await shoot(page, 'service');

  await page.goto(url('/et-si'));
  await page.getByLabel('Âge').fill('19');
  await page.getByRole('combobox', { name: /Commune de résidence/ }).fill('29200');
  await page.getByRole('option', { name: /^Brest \(/ }).click();
  await page.getByLabel('Situation').selectOption('etudiant');
  await page.getByRole('radio', { name: 'Oui' }).check();
  await page.getByRole('button', { name: 'Voir les services pour ce profil' }).click();
  await page.getByText(/^Pour ce profil :/).waitFor();
  await page.locator('#what-if-results').scrollIntoViewIfNeeded();
  for (const [size, viewport] of Object.entries(SIZES)) {
    await page.setViewportSize(viewport);
    await page.locator('#what-if-results').evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: path.join(OUT, `et-si-${size}.png`) });
  }
  process.stdout.write('  et-si\n');

  await page.goto(url('/'));
  await signUpFromMesServices(page, platform.directoryUrl, {
    email: 'gwenola@example.fr',
    password: 'les genêts fleurissent sur le Ménez-Hom',
    commune: 'Rennes',
    birthdate: '2004-05-01',
  });
  await shoot(page, 'pour-moi');
  await page.goto(url('/mes-informations'));
  await shoot(page, 'mes-informations');
  await context.close();
  process.stdout.write(`screenshots written to ${path.relative(process.cwd(), OUT)}/\n`);
} finally {
  await browser.close();
  await platform.close();
}
