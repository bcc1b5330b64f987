// Source conditions and profiles → our condition tree; the mapping table is at the top of
// import-aides-jeunes.ts. Whatever has no claim becomes an explicit `unmodelled` condition, and
// every entry is counted in the import report as modelled or not.
import type { AidesJeunesBenefit, AidesJeunesCondition, AidesJeunesProfile } from './aides-jeunes-format.ts';
import { numeric, strings } from './aides-jeunes-format.ts';
import { HIGHER_EDUCATION_YEARS, LYCEE_YEARS, type Comparison, type Condition } from './model.ts';

export type TypeCount = { modelled: number; unmodelled: number };
export type Tally = {
  conditions: Record<string, TypeCount>;
  profiles: Record<string, TypeCount>;
};

function count(table: Record<string, TypeCount>, type: string, modelled: boolean) {
  const entry = (table[type] ??= { modelled: 0, unmodelled: 0 });
  if (modelled) entry.modelled++;
  else entry.unmodelled++;
}

const OPERATORS: Record<string, Comparison> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '=': '==', '==': '==' };

const IN_TRAINING = ['etudiant', 'lyceen', 'apprenti'];

const HOUSING: Record<string, string> = {
  locataire: 'locataire',
  proprietaire: 'propriétaire',
  primo_accedant: 'primo-accédant',
  loge_gratuitement: 'logé gratuitement',
  sans_domicile: 'sans domicile',
};
const REGIMES: Record<string, string> = {
  regime_general: 'au régime général',
  regime_agricole: 'au régime agricole (MSA)',
};
const MENTIONS: Record<string, string> = {
  mention_tres_bien_felicitations_jury: 'très bien avec les félicitations du jury',
  mention_tres_bien: 'très bien',
  mention_bien: 'bien',
  mention_assez_bien: 'assez bien',
  sans_mention: 'sans mention',
};
const FLAGS: Record<string, string> = {
  difficultes_acces_ou_frais_logement: 'avoir des difficultés pour accéder à un logement ou pour en payer les frais',
  formation_sanitaire_social: 'suivre une formation du secteur sanitaire ou social',
  agence_travail_temporaire: 'être inscrit ou inscrite dans une agence de travail temporaire',
  beneficiaire_rsa: 'être bénéficiaire du RSA',
};
export const INTERESTS: Record<string, string> = {
  _interetBafa: 'préparer le BAFA ou le BAFD',
  _interetPermisDeConduire: 'préparer le permis de conduire',
  _interetEtudesEtranger: 'partir étudier ou faire un stage à l’étranger',
  _interetAidesSanitaireSocial: 'suivre une formation sanitaire ou sociale',
  _interetsAidesVelo: 'acheter un vélo',
};
const PROFILE_WORDS: Record<string, string> = {
  stagiaire: 'être en stage',
  professionnalisation: 'être en contrat de professionnalisation',
  service_civique: 'être en service civique',
  collegien: 'être collégien ou collégienne',
  beneficiaire_rsa: 'être bénéficiaire du RSA',
};

const words = (values: string[], table: Record<string, string>) => values.map((v) => table[v] ?? `« ${v} »`);
const or = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ou ${items.at(-1)}`;
const nor = (items: string[]) =>
  items.length <= 1 ? `ne pas être ${items[0] ?? ''}` : `n’être ni ${items.join(' ni ')}`;

export const all = (conditions: Condition[]): Condition =>
  conditions.length === 1 ? conditions[0]! : { type: 'all', conditions };
export const any = (conditions: Condition[]): Condition =>
  conditions.length === 1 ? conditions[0]! : { type: 'any', conditions };
// No `checkWith`: the institution that grants the aid is the one that checks, and the evaluator
// falls back to the service's authority.
// Keys are snake_case in our model: the source's types already are, its flags (`_interetBafa`)
// and engines (`aides-velo`) are converted.
export const unmodelled = (key: string, label: string): Condition => ({
  type: 'unmodelled',
  key: snakeCase(key),
  label,
});

export function snakeCase(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

function includesExcludes(condition: AidesJeunesCondition, table: Record<string, string>, verb: string) {
  const parts: string[] = [];
  const includes = strings(condition.includes);
  const excludes = strings(condition.excludes);
  if (includes.length) parts.push(`${verb} ${or(words(includes, table))}`);
  if (excludes.length)
    parts.push(verb === 'être' ? nor(words(excludes, table)) : `ne pas ${verb} ${or(words(excludes, table))}`);
  return parts.join(' et ') || `${verb} dans la situation demandée`;
}

/** The residence an institution stands for, as `attached_to_institution` reads it. */
export function institutionResidence(benefit: AidesJeunesBenefit): Condition | undefined {
  const { type, code_insee: insee, code_siren: siren, departments } = benefit.institution;
  if (type === 'region' && insee) return { type: 'residence', regions: [insee] };
  if (type === 'departement' && insee) return { type: 'residence', departements: [insee] };
  if (type === 'epci' && siren) return { type: 'residence', epcis: [siren] };
  if (type === 'commune' && insee) return { type: 'residence', communes: [insee] };
  if (departments?.length) return { type: 'residence', departements: [...departments] };
  return undefined;
}

/**
 * One source condition. `undefined`: it restricts nothing (an empty list of territories, as the
 * source reads it), so there is nothing to keep.
 */
export function mapCondition(
  condition: AidesJeunesCondition,
  benefit: AidesJeunesBenefit,
  tally: Tally,
): Condition | undefined {
  const keep = (mapped: Condition | undefined, modelled = true) => {
    count(tally.conditions, condition.type, modelled);
    return mapped;
  };
  const values = [...new Set(strings(condition.values))];
  switch (condition.type) {
    case 'age':
    case 'quotient_familial':
    case 'taux_incapacite': {
      const operator = OPERATORS[String(condition.operator ?? (condition.floor !== undefined ? '<=' : ''))];
      let value = numeric(condition.value ?? condition.floor);
      if (!operator || value === undefined) break;
      if (condition.type === 'age') return keep({ type: 'age', operator, value });
      // The source compares a yearly figure unless it says `month`: kept as it states it, so that
      // the explanation quotes the source's own threshold (the evaluator compares the monthly claim).
      if (condition.type === 'quotient_familial') {
        const period = condition.period === 'month' ? {} : { period: 'year' as const };
        return keep({ type: 'quotient_familial', operator, value, ...period });
      }
      // The source writes rates as fractions (0.5); our claim is a percentage.
      if (value <= 1) value = Math.round(value * 10000) / 100;
      return keep({ type: 'disability_rate', operator, value });
    }
    case 'regions':
    case 'departements':
    case 'communes':
    case 'epcis':
    case 'codes_postaux':
    case 'codespostaux': {
      if (values.length === 0) return keep(undefined);
      const field = { regions: 'regions', departements: 'departements', communes: 'communes', epcis: 'epcis' }[
        condition.type as string
      ];
      return keep({ type: 'residence', [field ?? 'postalCodes']: values });
    }
    case 'excluded_epcis':
      if (values.length === 0) return keep(undefined);
      // A resident of no EPCI is not excluded, as in the source: residence in none of them is false.
      return keep({ type: 'not', condition: { type: 'residence', epcis: values } });
    case 'not': {
      const inner = condition.value ?? condition.condition;
      if (typeof inner !== 'object' || inner === null || typeof (inner as { type?: unknown }).type !== 'string') break;
      const mapped = mapCondition(inner as AidesJeunesCondition, benefit, tally);
      const modelled = mapped !== undefined && !containsUnmodelled(mapped);
      // "Not (no restriction)" admits nobody: kept as such rather than dropped.
      return keep({ type: 'not', condition: mapped ?? { type: 'all', conditions: [] } }, modelled);
    }
    case 'attached_to_institution': {
      const residence = institutionResidence(benefit);
      if (residence) return keep(residence);
      return keep(unmodelled(condition.type, `habiter le territoire ${deLabel(benefit.institution.label)}`), false);
    }
    case 'annee_etude':
      return keep({ type: 'study_level', values });
    case 'boursier':
      return keep({ type: 'boursier', value: condition.value !== false });
    case 'enfants_eligibles':
      return keep(childrenCondition(condition));
    case 'regime_securite_sociale':
      return keep(
        unmodelled(condition.type, `${includesExcludes(condition, REGIMES, 'être affilié')} de la sécurité sociale`),
        false,
      );
    case 'statut_occupation_logement':
      return keep(
        unmodelled(condition.type, `pour votre logement, ${includesExcludes(condition, HOUSING, 'être')}`),
        false,
      );
    case 'mention_baccalaureat':
      return keep(
        unmodelled(condition.type, `avoir obtenu le baccalauréat avec la mention ${or(words(values, MENTIONS))}`),
        false,
      );
  }
  const label = FLAGS[condition.type] ?? `remplir la condition « ${condition.type} » de l’aide`;
  return keep(unmodelled(condition.type, condition.value === false ? `ne pas ${label}` : label), false);
}

function deLabel(name: string) {
  return /^[aeiouyéèêAEIOUYÉÈÊ]/.test(name) ? `d’${name}` : `de ${name}`;
}

// "At least N children of A to B years": our condition only says "at least", so the other
// comparisons are built from it.
function childrenCondition(condition: AidesJeunesCondition): Condition | undefined {
  const value = numeric(condition.value) ?? 1;
  const minAge = numeric(condition.age_min);
  const maxAge = numeric(condition.age_max);
  const atLeast = (n: number): Condition => ({
    type: 'children',
    minCount: n,
    ...(minAge !== undefined ? { minAge } : {}),
    ...(maxAge !== undefined ? { maxAge } : {}),
  });
  switch (OPERATORS[String(condition.operator ?? '>=')]) {
    case '>':
      return atLeast(value + 1);
    case '==':
      return all([atLeast(value), { type: 'not', condition: atLeast(value + 1) }]);
    case '<=':
      return { type: 'not', condition: atLeast(value + 1) };
    case '<':
      return { type: 'not', condition: atLeast(value) };
    default:
      return atLeast(value);
  }
}

export function containsUnmodelled(condition: Condition): boolean {
  switch (condition.type) {
    case 'unmodelled':
      return true;
    case 'all':
    case 'any':
      return condition.conditions.some(containsUnmodelled);
    case 'not':
      return containsUnmodelled(condition.condition);
    default:
      return false;
  }
}

function profileCondition(type: string): { condition: Condition; modelled: boolean } {
  const activity = (values: string[]): Condition => ({ type: 'activity', values });
  const apprenticeIn = (years: readonly string[]): Condition =>
    all([activity(['apprenti']), { type: 'study_level', values: [...years] }]);
  switch (type) {
    case 'etudiant':
      return { condition: activity(IN_TRAINING), modelled: true };
    case 'enseignement_superieur':
      return { condition: any([activity(['etudiant']), apprenticeIn(HIGHER_EDUCATION_YEARS)]), modelled: true };
    case 'lyceen':
      return { condition: any([activity(['lyceen']), apprenticeIn(LYCEE_YEARS)]), modelled: true };
    case 'apprenti':
    case 'salarie':
    case 'independant':
    case 'inactif':
    case 'retraite':
      return { condition: activity([type]), modelled: true };
    case 'chomeur':
      return { condition: activity(['demandeur_emploi']), modelled: true };
    case 'situation_handicap':
      return { condition: { type: 'disability_rate', operator: '>', value: 0 }, modelled: true };
    case 'parent':
      return { condition: { type: 'children', minCount: 1 }, modelled: true };
    // Asked only of people in training, or of young employees: anyone else is surely not one.
    case 'stagiaire':
      return { condition: all([activity(IN_TRAINING), unmodelled(type, PROFILE_WORDS[type]!)]), modelled: false };
    // Students in alternance and young employees; an apprentice has the other contract.
    case 'professionnalisation':
      return {
        condition: all([activity(['etudiant', 'lyceen', 'salarie']), unmodelled(type, PROFILE_WORDS[type]!)]),
        modelled: false,
      };
  }
  const label = PROFILE_WORDS[type] ?? `être dans la situation « ${type} »`;
  return { condition: unmodelled(type, label), modelled: false };
}

/** One profile: its situation and all of its conditions. */
export function mapProfile(profile: AidesJeunesProfile, benefit: AidesJeunesBenefit, tally: Tally): Condition {
  const { condition, modelled } = profileCondition(profile.type);
  count(tally.profiles, profile.type, modelled);
  const conditions = (profile.conditions ?? []).flatMap((c) => mapCondition(c, benefit, tally) ?? []);
  return all([condition, ...conditions]);
}
