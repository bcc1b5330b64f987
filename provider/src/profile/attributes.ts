// The attributes a citizen may share, as the consent screen and the profile page show them.
// One attribute releases one or more claims (an email goes with its verification flag), and
// belongs to one scope, per the claim table of PRODUCT.md.

export const SCOPE_CLAIMS = {
  openid: ['sub'],
  profile: ['given_name', 'family_name', 'preferred_username'],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
  address: ['address'],
  birthdate: ['birthdate'],
  bzh_residence: ['bzh_commune', 'bzh_commune_name', 'bzh_epci', 'bzh_departement', 'bzh_region'],
  bzh_foyer: ['bzh_household_size', 'bzh_children_birthyears', 'bzh_quotient_familial'],
  bzh_situation: ['bzh_activity', 'bzh_study_level', 'bzh_boursier'],
  bzh_handicap: ['bzh_disability_rate'],
} as const satisfies Record<string, readonly string[]>;

export type Scope = keyof typeof SCOPE_CLAIMS;

/**
 * Not citizen attributes but a role: which organisations the account administers. Granted
 * without a consent line, and only ever allowed to mes-services, which needs it to let
 * administrators edit their services (it never reads mon-compte's tables).
 */
export const ROLE_SCOPE_CLAIMS = { bzh_admin: ['bzh_admin_organisations'] } as const;

/** What the consent screen says a role scope releases. */
export const ROLE_SCOPE_LABELS: Record<keyof typeof ROLE_SCOPE_CLAIMS, string> = {
  bzh_admin: 'Les collectivités dont vous êtes administrateur ou administratrice, pour gérer leurs services',
};

export type Attribute = {
  /** Identifier of the attribute: its main claim. */
  id: string;
  scope: Scope;
  claims: readonly string[];
  label: string;
  /** Sensitive data (health): never pre-ticked, always asked explicitly. */
  sensitive?: boolean;
  /** Computed from another attribute, not edited by itself. */
  derivedFrom?: string;
};

export const ATTRIBUTES: readonly Attribute[] = [
  { id: 'given_name', scope: 'profile', claims: ['given_name'], label: 'Prénom' },
  { id: 'family_name', scope: 'profile', claims: ['family_name'], label: 'Nom de famille' },
  { id: 'preferred_username', scope: 'profile', claims: ['preferred_username'], label: 'Nom d’usage ou pseudonyme' },
  { id: 'email', scope: 'email', claims: ['email', 'email_verified'], label: 'Adresse électronique' },
  { id: 'phone_number', scope: 'phone', claims: ['phone_number', 'phone_number_verified'], label: 'Téléphone' },
  { id: 'address', scope: 'address', claims: ['address'], label: 'Adresse postale' },
  { id: 'birthdate', scope: 'birthdate', claims: ['birthdate'], label: 'Date de naissance' },
  {
    id: 'bzh_commune',
    scope: 'bzh_residence',
    claims: ['bzh_commune', 'bzh_commune_name'],
    label: 'Commune de résidence',
  },
  {
    id: 'bzh_epci',
    scope: 'bzh_residence',
    claims: ['bzh_epci'],
    label: 'Intercommunalité de résidence',
    derivedFrom: 'bzh_commune',
  },
  {
    id: 'bzh_departement',
    scope: 'bzh_residence',
    claims: ['bzh_departement'],
    label: 'Département de résidence',
    derivedFrom: 'bzh_commune',
  },
  {
    id: 'bzh_region',
    scope: 'bzh_residence',
    claims: ['bzh_region'],
    label: 'Région de résidence',
    derivedFrom: 'bzh_commune',
  },
  {
    id: 'bzh_household_size',
    scope: 'bzh_foyer',
    claims: ['bzh_household_size'],
    label: 'Nombre de personnes du foyer',
  },
  {
    id: 'bzh_children_birthyears',
    scope: 'bzh_foyer',
    claims: ['bzh_children_birthyears'],
    label: 'Années de naissance des enfants',
  },
  {
    id: 'bzh_quotient_familial',
    scope: 'bzh_foyer',
    claims: ['bzh_quotient_familial'],
    label: 'Quotient familial CAF (euros par mois)',
  },
  { id: 'bzh_activity', scope: 'bzh_situation', claims: ['bzh_activity'], label: 'Situation' },
  { id: 'bzh_study_level', scope: 'bzh_situation', claims: ['bzh_study_level'], label: 'Niveau d’études' },
  { id: 'bzh_boursier', scope: 'bzh_situation', claims: ['bzh_boursier'], label: 'Boursier ou boursière' },
  {
    id: 'bzh_disability_rate',
    scope: 'bzh_handicap',
    claims: ['bzh_disability_rate'],
    label: 'Taux d’incapacité reconnu',
    sensitive: true,
  },
];

const BY_CLAIM = new Map(ATTRIBUTES.flatMap((a) => a.claims.map((claim) => [claim, a] as const)));
const BY_ID = new Map(ATTRIBUTES.map((a) => [a.id, a] as const));

export function attributeOfClaim(claim: string): Attribute | undefined {
  return BY_CLAIM.get(claim);
}

export function findAttribute(id: string): Attribute | undefined {
  return BY_ID.get(id);
}

export function scopeOfClaim(claim: string): Scope | undefined {
  return BY_CLAIM.get(claim)?.scope;
}

export function isScope(value: string): value is Scope {
  return Object.hasOwn(SCOPE_CLAIMS, value);
}

export const ACTIVITIES = {
  etudiant: 'Étudiant ou étudiante',
  lyceen: 'Lycéen ou lycéenne',
  apprenti: 'Apprenti ou apprentie',
  salarie: 'Salarié ou salariée',
  independant: 'Indépendant ou indépendante',
  demandeur_emploi: 'Demandeur ou demandeuse d’emploi',
  retraite: 'Retraité ou retraitée',
  inactif: 'Sans activité professionnelle',
} as const;

export const STUDY_LEVELS = {
  seconde: 'Seconde',
  premiere: 'Première',
  terminale: 'Terminale',
  cap_1: 'CAP 1re année',
  cap_2: 'CAP 2e année',
  bts_1: 'BTS 1re année',
  but_1: 'BUT 1re année',
  cpge_1: 'Classe préparatoire 1re année',
  licence_1: 'Licence 1re année',
  licence_2: 'Licence 2e année',
  licence_3: 'Licence 3e année',
  master_1: 'Master 1re année',
  master_2: 'Master 2e année',
  doctorat_1: 'Doctorat 1re année',
  doctorat_2: 'Doctorat 2e année',
  doctorat_3: 'Doctorat 3e année',
  autre: 'Autre',
} as const;
