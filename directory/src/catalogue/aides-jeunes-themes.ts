// The thematics and audiences of an imported benefit. aides-jeunes has no thematics of its own:
// they come from what the source does say (the table in import-aides-jeunes.ts sums it up):
// 1. the words of its label and id (« allocation aux adultes handicapés », `aide_logement`),
//    and the few national acronyms that carry no words (`rsa`, `ppa`, `aah`, `af`);
// 2. its institution (`assurance_maladie`, `france_travail`, `education_nationale`);
// 3. its interest flag and generator (`_interetPermisDeConduire`, `dynamic-fsl`);
// 4. its conditions (students, job seekers, a disability rate, children, an income ceiling, an age).
// "Jeunesse" only when nothing else says what it is about, and "Jeunes" only when the conditions,
// the words or the flag say so: the aides-jeunes catalogue also lists the RSA and the AAH.
import { normaliseForSearch } from '../../../territory/territory.ts';
import type { AidesJeunesBenefit } from './aides-jeunes-format.ts';
import type { AUDIENCES, Condition, Thematic } from './model.ts';

type Audience = keyof typeof AUDIENCES;
type Tags = { thematics?: Thematic[]; audiences?: Audience[] };

/** Ids that are acronyms: their label's words are matched too. */
const BY_ID: Record<string, Tags> = {
  rsa: { thematics: ['solidarite'], audiences: ['faibles_revenus'] },
  ppa: { thematics: ['emploi', 'solidarite'], audiences: ['faibles_revenus'] },
  aah: { thematics: ['handicap'], audiences: ['handicap'] },
  af: { thematics: ['famille'], audiences: ['familles'] },
};

/**
 * Starts of words of the label or the id, normalised: "handicap" matches "handicapés"; a trailing
 * space asks for the whole word ("vae ", not "vaeux").
 */
const BY_WORDS: [string, Tags][] = [
  ['logement', { thematics: ['logement'] }],
  ['loyer', { thematics: ['logement'] }],
  ['fsl', { thematics: ['logement'] }],
  ['domiciliation', { thematics: ['logement', 'solidarite'] }],
  ['energie', { thematics: ['environnement', 'logement'], audiences: ['faibles_revenus'] }],
  ['handicap', { thematics: ['handicap'], audiences: ['handicap'] }],
  ['autonomie', { thematics: ['handicap'] }],
  ['famil', { thematics: ['famille'], audiences: ['familles'] }],
  ['sante', { thematics: ['sante'] }],
  ['solida', { thematics: ['solidarite'] }],
  ['habillement', { thematics: ['solidarite'] }],
  ['revenu de solidarite', { audiences: ['faibles_revenus'] }],
  ['criteres sociaux', { thematics: ['etudes'], audiences: ['etudiants', 'faibles_revenus'] }],
  ['etudiant', { thematics: ['etudes'], audiences: ['etudiants'] }],
  ['crous', { thematics: ['etudes'], audiences: ['etudiants'] }],
  ['lycee', { thematics: ['etudes'], audiences: ['jeunes'] }],
  ['erasmus', { thematics: ['etudes'], audiences: ['etudiants'] }],
  ['emploi', { thematics: ['emploi'] }],
  ['qualif ', { thematics: ['emploi'] }],
  ['vae ', { thematics: ['emploi'] }],
  ['contrat d engagement', { thematics: ['emploi'] }],
  ['prepa', { thematics: ['emploi'] }],
  ['culture', { thematics: ['culture'] }],
  ['sport', { thematics: ['sport'] }],
  ['pass culture', { audiences: ['jeunes'] }],
  ['pass sport', { audiences: ['jeunes'] }],
  ['transport', { thematics: ['transport'] }],
  ['velo', { thematics: ['transport'] }],
  ['covoiturage', { thematics: ['transport'] }],
  ['permis', { thematics: ['transport'] }],
  ['code de la route', { thematics: ['transport'] }],
  ['breizhgo', { thematics: ['transport'] }],
  ['bus ', { thematics: ['transport'] }],
  ['discovereu', { thematics: ['transport', 'jeunesse'], audiences: ['jeunes'] }],
  ['bafa', { thematics: ['jeunesse'], audiences: ['jeunes'] }],
  ['bafd', { thematics: ['jeunesse'], audiences: ['jeunes'] }],
  ['jeune', { thematics: ['jeunesse'], audiences: ['jeunes'] }],
];

/** The institution's slug, or its type. */
const BY_INSTITUTION: Record<string, Tags> = {
  assurance_maladie: { thematics: ['sante'] },
  france_travail: { thematics: ['emploi'] },
  education_nationale: { thematics: ['etudes'] },
};

const BY_INTEREST: Record<string, Tags> = {
  _interetBafa: { thematics: ['jeunesse'], audiences: ['jeunes'] },
  _interetPermisDeConduire: { thematics: ['transport'] },
  _interetEtudesEtranger: { thematics: ['etudes'] },
  _interetAidesSanitaireSocial: { thematics: ['etudes'] },
  _interetsAidesVelo: { thematics: ['transport'] },
};

const BY_GENERATOR: Record<string, Tags> = {
  'dynamic-covoiturage': { thematics: ['transport'] },
  'dynamic-fsl': { thematics: ['logement'] },
  'dynamic-apa': { thematics: ['handicap'], audiences: ['seniors'] },
};

// Under 30: the aides-jeunes idea of young, and what its age limits say (25, 26, 30).
const YOUNG_UP_TO = 30;

function walk(condition: Condition, visit: (c: Condition) => void) {
  visit(condition);
  if (condition.type === 'all' || condition.type === 'any') condition.conditions.forEach((c) => walk(c, visit));
  if (condition.type === 'not') walk(condition.condition, visit);
}

function fromConditions(conditions: Condition[], add: (tags: Tags) => void) {
  for (const condition of conditions) {
    walk(condition, (c) => {
      if (c.type === 'activity' && c.values.some((v) => ['etudiant', 'lyceen', 'apprenti'].includes(v)))
        add({ thematics: ['etudes'], audiences: ['etudiants'] });
      if (c.type === 'activity' && c.values.includes('demandeur_emploi'))
        add({ thematics: ['emploi'], audiences: ['demandeurs_emploi'] });
      if (c.type === 'disability_rate') add({ thematics: ['handicap'], audiences: ['handicap'] });
      if (c.type === 'children') add({ audiences: ['familles'] });
      if (c.type === 'quotient_familial') add({ audiences: ['faibles_revenus'] });
      if (c.type === 'age' && c.operator.startsWith('>') && c.value >= 60)
        add({ thematics: ['handicap'], audiences: ['seniors'] });
      if (c.type === 'age' && (c.operator.startsWith('<') || c.operator === '==') && c.value <= YOUNG_UP_TO)
        add({ audiences: ['jeunes'] });
      if (c.type === 'unmodelled' && /logement/.test(c.label)) add({ thematics: ['logement'] });
    });
  }
}

export function thematicsAndAudiences(
  benefit: AidesJeunesBenefit,
  conditions: Condition[],
): { thematics: string[]; audiences: string[] } {
  const thematics = new Set<string>();
  const audiences = new Set<string>();
  const add = (tags: Tags | undefined) => {
    tags?.thematics?.forEach((t) => thematics.add(t));
    tags?.audiences?.forEach((a) => audiences.add(a));
  };
  add(BY_ID[benefit.id]);
  const words = ` ${normaliseForSearch(`${benefit.label} ${benefit.id}`)} `;
  for (const [start, tags] of BY_WORDS) if (words.includes(` ${start}`)) add(tags);
  add(BY_INSTITUTION[benefit.institution.slug ?? ''] ?? BY_INSTITUTION[benefit.institution.type]);
  add(BY_INTEREST[benefit.interestFlag ?? '']);
  add(BY_GENERATOR[benefit.generator ?? '']);
  fromConditions(conditions, add);
  if (thematics.size === 0) thematics.add('jeunesse');
  if (audiences.size === 0) audiences.add('tous');
  return { thematics: [...thematics], audiences: [...audiences] };
}
