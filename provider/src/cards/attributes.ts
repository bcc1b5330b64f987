// What a terminal may learn about a recognised holder, attribute by attribute, only when the
// citizen chose it for that organisation. Derived, never raw: "resident: yes", not the address.
import { findCommune } from '../../../territory/territory.ts';
import type { Organisation } from '../../../db/repos/organisations-repo.ts';

export const CARD_ATTRIBUTES = {
  resident: 'Habitant ou non du territoire de la collectivité',
  age_group: 'Mineur ou majeur',
} as const;

export type CardAttribute = keyof typeof CARD_ATTRIBUTES;

export const isCardAttribute = (value: string): value is CardAttribute => Object.hasOwn(CARD_ATTRIBUTES, value);

export function residentOf(organisation: Organisation, communeCode: unknown): boolean | undefined {
  if (typeof communeCode !== 'string') return undefined;
  const commune = findCommune(communeCode);
  if (!commune) return undefined;
  switch (organisation.level) {
    case 'commune':
      return commune.code === organisation.code;
    case 'epci':
      return commune.epci === organisation.siren;
    case 'departement':
      return commune.departement === organisation.code;
    case 'region':
      return commune.region === organisation.code;
  }
}

export function ageGroupOf(birthdate: unknown, today: Date): 'minor' | 'adult' | undefined {
  if (typeof birthdate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(birthdate)) return undefined;
  const [y, m, d] = birthdate.split('-').map(Number) as [number, number, number];
  const age =
    today.getUTCFullYear() -
    y -
    (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d) ? 1 : 0);
  return age >= 18 ? 'adult' : 'minor';
}

/** Only the consented attributes; one the profile cannot tell is left out rather than guessed. */
export function holderAttributes(
  consented: string[],
  organisation: Organisation,
  profile: Record<string, unknown>,
  today: Date,
): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  if (consented.includes('resident')) {
    const resident = residentOf(organisation, profile.bzh_commune);
    if (resident !== undefined) attributes.resident = resident;
  }
  if (consented.includes('age_group')) {
    const group = ageGroupOf(profile.birthdate, today);
    if (group) attributes.age_group = group;
  }
  return attributes;
}
