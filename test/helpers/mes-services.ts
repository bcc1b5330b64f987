// A citizen in a real browser: from mes-services to mon-compte and back, the way a person does it.
import type { Page } from 'playwright-core';

export type Citizen = { email: string; password: string; commune: string; birthdate: string };

const RESIDENCE_AND_BIRTHDATE = new Set(['bzh_commune', 'bzh_epci', 'bzh_departement', 'bzh_region', 'birthdate']);

/**
 * From mes-services' "Se connecter avec mon-compte.bzh": registers on mon-compte, fills the
 * commune and the birth date from the consent screen, shares only residence and birth date, and
 * comes back to mes-services.
 */
export async function signUpFromMesServices(page: Page, directoryUrl: string, citizen: Citizen): Promise<void> {
  await page.getByRole('link', { name: 'Se connecter avec mon-compte.bzh' }).first().click();
  await page.getByRole('link', { name: /Créer mon compte/ }).click();
  await page.getByLabel('Adresse électronique').fill(citizen.email);
  await page.getByLabel('Mot de passe').fill(citizen.password);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();

  await page.getByRole('heading', { level: 1, name: /mes-services/ }).waitFor();
  await page.getByRole('link', { name: 'Compléter mon profil' }).click();
  await page.getByLabel('Commune de résidence').fill(citizen.commune);
  await page.getByLabel('Date de naissance').fill(citizen.birthdate);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  // A name several communes share is asked again, as a choice.
  const choice = page.getByRole('radio', { name: new RegExp(`^${citizen.commune} \\(`) });
  if (await choice.count()) {
    await choice.first().check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
  }

  // Consent: residence and birth date only; the household and the situation stay private.
  for (const box of await page.locator('input[type=checkbox][name=attr]').all()) {
    const id = await box.getAttribute('value');
    if (!RESIDENCE_AND_BIRTHDATE.has(id ?? '') && !(await box.isDisabled())) await box.uncheck();
  }
  await page.getByRole('button', { name: 'Autoriser' }).click();
  await page.waitForURL(`${directoryUrl}/**`);
}

/** On mon-compte's consent screen for one more family: fill what is missing, then consent. */
export async function completeAndConsent(page: Page, fields: Record<string, string>): Promise<void> {
  await page.getByRole('link', { name: 'Compléter mon profil' }).click();
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label).fill(value);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByRole('button', { name: 'Autoriser' }).click();
}
