// The French words of the interface for the codes of the catalogue and of mon-compte's claims.
import { AUDIENCES, THEMATICS, type Level } from '../../../directory/src/catalogue/model.ts';

export { AUDIENCES, THEMATICS };

export const LEVELS: Record<Level, string> = {
  commune: 'Commune',
  epci: 'Intercommunalité',
  departement: 'Département',
  region: 'Région',
  national: 'État',
  autre: 'Autre organisme',
};

export const levelLabel = (level: string) => LEVELS[level as Level] ?? level;
export const thematicLabel = (id: string) => THEMATICS[id as keyof typeof THEMATICS] ?? id;
export const audienceLabel = (id: string) => AUDIENCES[id as keyof typeof AUDIENCES] ?? id;

/** The families of attributes mes-services may ask mon-compte for, one at a time. */
export const SCOPES: Record<string, { what: string; share: string }> = {
  bzh_residence: { what: 'votre commune de résidence', share: 'Partager ma commune' },
  birthdate: { what: 'votre date de naissance', share: 'Partager ma date de naissance' },
  bzh_foyer: {
    what: 'votre foyer (quotient familial, nombre de personnes, enfants)',
    share: 'Partager mon foyer',
  },
  bzh_situation: { what: 'votre situation (études, emploi, bourse)', share: 'Partager ma situation' },
  bzh_handicap: { what: 'votre taux d’incapacité', share: 'Partager mon taux d’incapacité' },
};
export const isShareable = (scope: string) => scope in SCOPES;

/** What is missing, as the end of « Pour savoir, il faut connaître … ». */
export const CLAIMS: Record<string, string> = {
  birthdate: 'votre date de naissance',
  bzh_commune: 'votre commune',
  bzh_household_size: 'le nombre de personnes de votre foyer',
  bzh_children_birthyears: 'les années de naissance de vos enfants',
  bzh_quotient_familial: 'votre quotient familial',
  bzh_activity: 'votre situation (études, emploi…)',
  bzh_study_level: 'votre niveau d’études',
  bzh_boursier: 'si vous êtes boursier ou boursière',
  bzh_disability_rate: 'votre taux d’incapacité',
};
export const claimLabel = (claim: string) => CLAIMS[claim] ?? claim;

export const ACTIVITIES: Record<string, string> = {
  etudiant: 'Étudiant ou étudiante',
  lyceen: 'Lycéen ou lycéenne',
  apprenti: 'Apprenti ou apprentie',
  salarie: 'Salarié ou salariée',
  independant: 'Indépendant ou indépendante',
  demandeur_emploi: 'Demandeur ou demandeuse d’emploi',
  retraite: 'Retraité ou retraitée',
  inactif: 'Sans activité professionnelle',
};

export const STUDY_LEVELS: Record<string, string> = {
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
};

const count = new Intl.NumberFormat('fr-FR');

/** « 1 service », « 12 services ». */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.format(n)} ${n >= 2 ? pluralForm : singular}`;
}

/** « Rennes (35000) », as a commune is shown in a field. */
export function communeLabel(commune: { name: string; postalCodes: string[] }): string {
  return commune.postalCodes[0] ? `${commune.name} (${commune.postalCodes[0]})` : commune.name;
}
