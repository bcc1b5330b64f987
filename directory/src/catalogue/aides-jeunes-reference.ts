// A straightforward reading of the aides-jeunes eligibility rules over a complete situation, in
// the source's own terms (activite, scolarite, _contrat_alternant, menage…). Used only by the
// differential test of the importer and the evaluator: it shares no code with them on purpose.
//
// Two parts of the source are not rules in the record: benefits computed by OpenFisca or by the
// aides-vélo library. Their engine's verdict is part of the situation (`engines`), and the
// residence in the institution's (or collectivity's) territory is checked around it.
import type { AidesJeunesBenefit, AidesJeunesCondition } from './aides-jeunes-format.ts';

export type AidesJeunesSituation = {
  /** `YYYY-MM-DD`, the day of the simulation. */
  dateDeValeur: string;
  demandeur: {
    date_naissance: string;
    activite: 'etudiant' | 'salarie' | 'chomeur' | 'independant' | 'inactif' | 'retraite' | 'service_civique';
    scolarite?: 'college' | 'lycee' | 'enseignement_superieur';
    _contrat_alternant?: 'apprenti' | 'professionnalisation';
    annee_etude?: string;
    boursier: boolean;
    stagiaire: boolean;
    service_civique: boolean;
    handicap: boolean;
    /** A fraction, as the source asks it: 0.5 for 50 %. */
    taux_incapacite: number;
    mention_baccalaureat?: string;
    formation_sanitaire_social: boolean;
    _agence_travail_temporaire: boolean;
    /** Interest flags (`_interetBafa`…): true when the person said they are interested. */
    interets: Record<string, boolean>;
  };
  menage: {
    depcom: string;
    _epci?: string;
    _departement: string;
    _region: string;
    _codePostal: string;
    statut_occupation_logement: string;
    _difficultes_acces_ou_frais_logement: boolean;
  };
  foyer_fiscal: { rfr: number; nbptr: number };
  regime_securite_sociale: string;
  /** The family receives the RSA. */
  rsa: boolean;
  enfants: { date_naissance: string }[];
  /** The verdict of OpenFisca or aides-vélo, by benefit id, for benefits they compute. */
  engines: Record<string, boolean>;
};

/**
 * dayjs(to).diff(from, 'year'), as aides-jeunes computes an age: whole months from `from`, the day
 * clamped to the end of a shorter month (29 February → 28 February in a common year).
 */
function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  const lastDayOfBirthMonth = new Date(Date.UTC(ty, fm, 0)).getUTCDate();
  const birthday = Math.min(fd, lastDayOfBirthMonth);
  return ty - fy - (tm < fm || (tm === fm && td < birthday) ? 1 : 0);
}

function operate(operator: unknown, left: number, right: number): boolean {
  switch (operator) {
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '=':
      return left === right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
  }
  throw new Error(`unknown operator ${String(operator)}`);
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function includesExcludes(condition: AidesJeunesCondition, value: string): boolean {
  const includes = list(condition.includes);
  const excludes = list(condition.excludes);
  return (includes.length === 0 || includes.includes(value)) && (excludes.length === 0 || !excludes.includes(value));
}

function insideInstitution(benefit: AidesJeunesBenefit, s: AidesJeunesSituation): boolean {
  const institution = benefit.institution;
  switch (institution.type) {
    case 'region':
      return s.menage._region === institution.code_insee;
    case 'departement':
      return s.menage._departement === institution.code_insee;
    case 'epci':
      return s.menage._epci === institution.code_siren;
    case 'commune':
      return s.menage.depcom === institution.code_insee;
  }
  return (institution.departments ?? []).includes(s.menage._departement);
}

function test(condition: AidesJeunesCondition, s: AidesJeunesSituation, benefit: AidesJeunesBenefit): boolean {
  const values = list(condition.values);
  switch (condition.type) {
    case 'age':
      return operate(
        condition.operator,
        yearsBetween(s.demandeur.date_naissance, s.dateDeValeur),
        Number(condition.value),
      );
    case 'quotient_familial': {
      const quotient = s.foyer_fiscal.rfr / (s.foyer_fiscal.nbptr || 1) / (condition.period === 'month' ? 12 : 1);
      return condition.value === undefined
        ? quotient <= Number(condition.floor)
        : operate(condition.operator, quotient, Number(condition.value));
    }
    case 'regions':
      return values.length === 0 || values.includes(s.menage._region);
    case 'departements':
      return values.length === 0 || values.includes(s.menage._departement);
    case 'communes':
      return values.length === 0 || values.includes(s.menage.depcom);
    case 'epcis':
      return values.length === 0 || values.includes(s.menage._epci);
    case 'codes_postaux':
    case 'codespostaux':
      return values.length === 0 || values.includes(s.menage._codePostal);
    case 'excluded_epcis':
      return values.length === 0 || !s.menage._epci || !values.includes(s.menage._epci);
    case 'not':
      return !test(condition.value as AidesJeunesCondition, s, benefit);
    case 'attached_to_institution':
      return insideInstitution(benefit, s);
    case 'regime_securite_sociale':
      return includesExcludes(condition, s.regime_securite_sociale);
    case 'statut_occupation_logement':
      return includesExcludes(condition, s.menage.statut_occupation_logement);
    case 'difficultes_acces_ou_frais_logement':
      return s.menage._difficultes_acces_ou_frais_logement === true;
    case 'formation_sanitaire_social':
      return s.demandeur.formation_sanitaire_social;
    case 'agence_travail_temporaire':
      return s.demandeur._agence_travail_temporaire;
    case 'beneficiaire_rsa':
      return s.rsa;
    case 'boursier':
      return s.demandeur.boursier;
    case 'annee_etude':
      return values.includes(s.demandeur.annee_etude);
    case 'mention_baccalaureat':
      return values.includes(s.demandeur.mention_baccalaureat);
    case 'taux_incapacite':
      return operate(condition.operator, s.demandeur.taux_incapacite || 0, Number(condition.value));
    case 'enfants_eligibles': {
      const eligible = s.enfants.filter((child) => {
        const childAge = yearsBetween(child.date_naissance, s.dateDeValeur);
        const min = condition.age_min as number | undefined;
        const max = condition.age_max as number | undefined;
        return (min === undefined || childAge >= min) && (max === undefined || childAge <= max);
      }).length;
      return operate(condition.operator ?? '>=', eligible, Number(condition.value ?? 1));
    }
  }
  throw new Error(`reference: unknown condition type ${condition.type}`);
}

function hasProfile(type: string, s: AidesJeunesSituation): boolean {
  const d = s.demandeur;
  switch (type) {
    case 'apprenti':
    case 'professionnalisation':
      return d._contrat_alternant === type;
    case 'beneficiaire_rsa':
      return s.rsa;
    case 'chomeur':
    case 'etudiant':
    case 'inactif':
    case 'independant':
    case 'salarie':
    case 'retraite':
      return d.activite === type;
    case 'enseignement_superieur':
      return d.scolarite === 'enseignement_superieur';
    case 'lyceen':
      return d.scolarite === 'lycee';
    case 'collegien':
      return d.scolarite === 'college';
    case 'service_civique':
      return d.service_civique;
    case 'stagiaire':
      return d.stagiaire;
    case 'situation_handicap':
      return d.handicap;
    case 'parent':
      return s.enfants.length > 0;
  }
  throw new Error(`reference: unknown profile ${type}`);
}

function engineTerritory(benefit: AidesJeunesBenefit, s: AidesJeunesSituation): boolean {
  const collectivity = benefit.aidesVelo?.collectivity;
  if (collectivity) {
    if (collectivity.kind === 'epci') return s.menage._epci === collectivity.code;
    if (collectivity.kind === 'code insee') return s.menage.depcom === collectivity.value;
    throw new Error(`reference: unknown collectivity kind ${collectivity.kind}`);
  }
  const type = benefit.institution.type;
  if (['region', 'departement', 'epci', 'commune'].includes(type) || benefit.institution.departments?.length) {
    return insideInstitution(benefit, s);
  }
  return true;
}

export function referenceEligible(benefit: AidesJeunesBenefit, s: AidesJeunesSituation): boolean {
  if (benefit.interestFlag && !s.demandeur.interets[benefit.interestFlag]) return false;
  if (benefit.source === 'openfisca' || benefit.source === 'aides-velo') {
    return engineTerritory(benefit, s) && s.engines[benefit.id] === true;
  }
  const general = (benefit.conditions_generales ?? []).every((c) => test(c, s, benefit));
  const profiles = benefit.profils ?? [];
  const profile =
    profiles.length === 0 ||
    profiles.some((p) => hasProfile(p.type, s) && (p.conditions ?? []).every((c) => test(c, s, benefit)));
  return general && profile;
}
