// The stored profile and how it becomes OIDC claims. Empty attributes are omitted, and the
// residence claims (EPCI, département, région) are derived from the commune.
import { findCommune, findDepartement, findEpci, findRegion, residenceOf } from '../../../territory/territory.ts';
import { ACTIVITIES, STUDY_LEVELS } from './attributes.ts';

export type PostalAddress = { street_address: string; postal_code: string; locality: string; country: string };

export type Profile = {
  given_name?: string;
  family_name?: string;
  preferred_username?: string;
  phone_number?: string;
  address?: PostalAddress;
  birthdate?: string;
  bzh_commune?: string;
  bzh_household_size?: number;
  bzh_children_birthyears?: number[];
  bzh_quotient_familial?: number;
  bzh_activity?: string;
  bzh_study_level?: string;
  bzh_boursier?: boolean;
  bzh_disability_rate?: number;
};

export type Identity = { email: string; emailVerified: boolean };

/** Every claim this citizen could release, before consent filters them. */
export function claimsOf(identity: Identity, profile: Profile): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    email: identity.email,
    email_verified: identity.emailVerified,
  };
  const copy = [
    'given_name',
    'family_name',
    'preferred_username',
    'birthdate',
    'bzh_household_size',
    'bzh_children_birthyears',
    'bzh_quotient_familial',
    'bzh_activity',
    'bzh_study_level',
    'bzh_boursier',
    'bzh_disability_rate',
  ] as const;
  for (const key of copy) {
    const value = profile[key];
    if (value !== undefined && value !== null && value !== '') claims[key] = value;
  }
  if (profile.phone_number) {
    claims.phone_number = profile.phone_number;
    // No SMS verification yet: say so rather than pretend.
    claims.phone_number_verified = false;
  }
  if (profile.address) {
    const { street_address, postal_code, locality, country } = profile.address;
    claims.address = {
      formatted: [street_address, `${postal_code} ${locality}`.trim(), country].filter(Boolean).join('\n'),
      street_address,
      postal_code,
      locality,
      country,
    };
  }
  if (profile.bzh_commune) {
    const residence = residenceOf(profile.bzh_commune);
    if (residence) Object.assign(claims, residence);
  }
  return claims;
}

/** A readable French rendering of one attribute's value, or undefined when it is empty. */
export function displayValue(attributeId: string, identity: Identity, profile: Profile): string | undefined {
  const claims = claimsOf(identity, profile);
  switch (attributeId) {
    case 'bzh_commune':
      return profile.bzh_commune
        ? `${findCommune(profile.bzh_commune)?.name ?? ''} (${profile.bzh_commune})`.trim()
        : undefined;
    case 'address':
      return profile.address ? (claims.address as { formatted: string }).formatted.replaceAll('\n', ', ') : undefined;
    case 'bzh_children_birthyears':
      return profile.bzh_children_birthyears?.length ? profile.bzh_children_birthyears.join(', ') : undefined;
    case 'bzh_epci': {
      const siren = claims.bzh_epci as string | undefined;
      return siren ? (findEpci(siren)?.name ?? siren) : undefined;
    }
    case 'bzh_departement': {
      const code = claims.bzh_departement as string | undefined;
      return code ? `${findDepartement(code)?.name ?? ''} (${code})`.trim() : undefined;
    }
    case 'bzh_region': {
      const code = claims.bzh_region as string | undefined;
      return code ? (findRegion(code)?.name ?? code) : undefined;
    }
    case 'bzh_activity':
      return profile.bzh_activity ? ACTIVITIES[profile.bzh_activity as keyof typeof ACTIVITIES] : undefined;
    case 'bzh_study_level':
      return profile.bzh_study_level ? STUDY_LEVELS[profile.bzh_study_level as keyof typeof STUDY_LEVELS] : undefined;
    case 'bzh_boursier':
      return profile.bzh_boursier === undefined ? undefined : profile.bzh_boursier ? 'Oui' : 'Non';
    case 'bzh_quotient_familial':
      return profile.bzh_quotient_familial === undefined ? undefined : `${profile.bzh_quotient_familial} €`;
    case 'bzh_disability_rate':
      return profile.bzh_disability_rate === undefined ? undefined : `${profile.bzh_disability_rate} %`;
    case 'birthdate':
      return profile.birthdate ? new Date(`${profile.birthdate}T12:00:00Z`).toLocaleDateString('fr-FR') : undefined;
    default: {
      const value = claims[attributeId];
      return value === undefined || value === null || value === '' ? undefined : String(value);
    }
  }
}
