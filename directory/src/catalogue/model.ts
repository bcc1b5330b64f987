// The service model of mes-services, after CPSV-AP (public service, competent authority,
// channel, cost) and data·inclusion (thematics, audiences). One model for the demo catalogue,
// imported aids and services published by collectivities.

export type Level = 'commune' | 'epci' | 'departement' | 'region' | 'national' | 'autre';

/** Who provides the service. `code`: INSEE code (commune, département, région) or SIREN. */
export type Authority = { name: string; level: Level; code: string; siren?: string };

/** Where the service applies: the authority's own territory unless said otherwise. */
export type Zone =
  | { type: 'authority' }
  | { type: 'communes'; codes: string[] }
  | { type: 'epcis'; codes: string[] }
  | { type: 'departements'; codes: string[] }
  | { type: 'regions'; codes: string[] }
  | { type: 'france' };

export type Channel = {
  type: 'information' | 'online' | 'form' | 'place' | 'phone';
  label: string;
  url?: string;
  address?: string;
};

export type Comparison = '<' | '<=' | '>' | '>=' | '==';

/**
 * The eligibility condition tree. Every leaf reads claims of mon-compte (birthdate, residence,
 * household, situation, disability); `unmodelled` is a typed condition no claim carries
 * (housing status, social security regime, an "interested in" flag …): it evaluates to
 * unknown and is shown as "à vérifier auprès de …".
 */
export type Condition =
  | { type: 'all'; conditions: Condition[] }
  | { type: 'any'; conditions: Condition[] }
  | { type: 'not'; condition: Condition }
  | { type: 'age'; operator: Comparison; value: number }
  /**
   * `value` in euros per month, or per year with `period: 'year'` (as the source states it; the
   * claim, per month, is compared with its twelfth).
   */
  | { type: 'quotient_familial'; operator: Comparison; value: number; period?: 'month' | 'year' }
  | { type: 'household_size'; operator: Comparison; value: number }
  | { type: 'disability_rate'; operator: Comparison; value: number }
  | {
      type: 'residence';
      communes?: string[];
      epcis?: string[];
      departements?: string[];
      regions?: string[];
      postalCodes?: string[];
    }
  | { type: 'activity'; values: string[] }
  | { type: 'study_level'; values: string[] }
  | { type: 'boursier'; value: boolean }
  | { type: 'children'; minCount: number; maxAge?: number; minAge?: number }
  | { type: 'unmodelled'; key: string; label: string; checkWith?: string };

export type Service = {
  id: string;
  title: string;
  description: string;
  authority: Authority;
  zone: Zone;
  thematics: string[];
  audiences: string[];
  channels: Channel[];
  /** What it costs the citizen, in words ("Gratuit", "2 € par entrée"). */
  cost?: string;
  /** What the citizen receives, for aids. */
  amount?: { value?: number; unit?: string; text: string };
  eligibility: Condition | null;
  /** Conditions the source states in free text: shown as notes, never evaluated. */
  notes: string[];
  source: { name: string; id?: string; url?: string };
  updatedAt: string;
  published: boolean;
};

export const THEMATICS = {
  culture: 'Culture et bibliothèques',
  sport: 'Sport et loisirs',
  dechets: 'Déchets et propreté',
  transport: 'Transports et mobilité',
  famille: 'Famille et petite enfance',
  jeunesse: 'Jeunesse',
  etudes: 'Études et formation',
  emploi: 'Emploi',
  logement: 'Logement',
  handicap: 'Handicap et autonomie',
  sante: 'Santé',
  solidarite: 'Solidarité et aides sociales',
  environnement: 'Environnement et énergie',
  numerique: 'Numérique',
  citoyennete: 'Démarches et citoyenneté',
} as const;

export type Thematic = keyof typeof THEMATICS;

export const AUDIENCES = {
  tous: 'Tout public',
  jeunes: 'Jeunes',
  etudiants: 'Étudiants',
  familles: 'Familles',
  seniors: 'Personnes âgées',
  handicap: 'Personnes en situation de handicap',
  demandeurs_emploi: 'Demandeurs d’emploi',
  faibles_revenus: 'Foyers à revenus modestes',
} as const;

/** The mon-compte scope that releases each claim the evaluator reads. */
export const CLAIM_SCOPES: Record<string, string> = {
  birthdate: 'birthdate',
  bzh_commune: 'bzh_residence',
  bzh_epci: 'bzh_residence',
  bzh_departement: 'bzh_residence',
  bzh_region: 'bzh_residence',
  bzh_household_size: 'bzh_foyer',
  bzh_children_birthyears: 'bzh_foyer',
  bzh_quotient_familial: 'bzh_foyer',
  bzh_activity: 'bzh_situation',
  bzh_study_level: 'bzh_situation',
  bzh_boursier: 'bzh_situation',
  bzh_disability_rate: 'bzh_handicap',
};

// Study years of the lycée and of higher education, as aides-jeunes asks them (`annee_etude`):
// its `scolarite` (lycée or higher education) follows from the year.
export const LYCEE_YEARS: readonly string[] = ['seconde', 'premiere', 'terminale', 'cap_1', 'cap_2'];
export const HIGHER_EDUCATION_YEARS: readonly string[] = [
  ...['bts_1', 'but_1', 'cpge_1', 'licence_1', 'licence_2', 'licence_3', 'master_1', 'master_2'],
  ...['doctorat_1', 'doctorat_2', 'doctorat_3'],
];

/** A citizen profile as claims (from mon-compte, or typed in the anonymous form). */
export type Claims = Partial<{
  birthdate: string;
  bzh_commune: string;
  bzh_epci: string;
  bzh_departement: string;
  bzh_region: string;
  bzh_household_size: number;
  bzh_children_birthyears: number[];
  bzh_quotient_familial: number;
  bzh_activity: string;
  bzh_study_level: string;
  bzh_boursier: boolean;
  bzh_disability_rate: number;
}>;
