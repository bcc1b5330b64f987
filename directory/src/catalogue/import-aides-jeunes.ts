// Imports benefits of the aides-jeunes catalogue (betagouv/aides-jeunes) into our service model,
// losing nothing silently: every condition is modelled or kept as an `unmodelled` condition, the
// free-text conditions become notes, and the report counts both.
//
// Source semantics: eligible when every `conditions_generales` entry holds AND (no `profils`, or
// one profile whose situation and conditions all hold); interest-flagged benefits are only
// computed for people who said they are interested.
//
// | source                                   | our condition                                                      |
// |------------------------------------------|--------------------------------------------------------------------|
// | age (operator, value)                    | age ('=' → '==', "60" → 60)                                         |
// | quotient_familial (value or floor,period)| quotient_familial, value and period as stated (year by default) ¹   |
// | regions / departements / communes / epcis| residence (first top-level one of them becomes the zone)            |
// | codes_postaux                            | residence.postalCodes                                               |
// | excluded_epcis                           | not(residence.epcis)                                                |
// | not (value: condition)                   | not(mapped condition)                                               |
// | attached_to_institution                  | residence of the institution: region/departement/commune → INSEE,   |
// |                                          | epci → SIREN, CAF/MSA → their `departments`; else unmodelled        |
// | annee_etude / boursier                   | study_level / boursier                                              |
// | taux_incapacite (fraction 0–1)           | disability_rate in % (0.5 → 50)                                     |
// | enfants_eligibles (operator, age_min/max)| children (minCount, minAge, maxAge), with not() for ≤, <, =        |
// | regime_securite_sociale, statut_occupa-  | unmodelled (no claim), labelled from includes/excludes              |
// | tion_logement, mention_baccalaureat,     |                                                                     |
// | difficultes_acces_ou_frais_logement,     |                                                                     |
// | formation_sanitaire_social, flags…       |                                                                     |
// | interestFlag                             | unmodelled, key = the flag in snake_case (« acheter un vélo »…)     |
// | source openfisca / aides-velo            | unmodelled, key 'openfisca' / 'aides_velo': their rules live in     |
// |                                          | those engines; zone = institution / collectivity territory ²        |
// | profile etudiant                         | activity ∈ etudiant, lyceen, apprenti (aides-jeunes' "en formation")|
// | profile enseignement_superieur / lyceen  | activity etudiant / lyceen, or apprenti in a higher-ed / lycée year |
// | profile apprenti, salarie, independant,  | activity of the same name                                           |
// | inactif, retraite; chomeur               | activity demandeur_emploi                                           |
// | profile situation_handicap               | disability_rate > 0 ³                                               |
// | profile parent                           | children ≥ 1                                                        |
// | profile stagiaire                        | activity ∈ etudiant, lyceen, apprenti AND unmodelled                |
// | profile professionnalisation             | activity ∈ etudiant, lyceen, salarie AND unmodelled                 |
// | profile service_civique, collegien,      | unmodelled                                                          |
// | beneficiaire_rsa, any other              |                                                                     |
// | conditions_textuelles_non_modelisees,    | notes, as plain text ⁴                                              |
// | voluntary_conditions                     |                                                                     |
// | label, description                       | title, description, as plain text ⁴                                 |
// | institution label                        | authority name; a Breton département's from the territory           |
// |                                          | ("Département Ille-et-Vilaine" → "Département d’Ille-et-Vilaine"),  |
// |                                          | "de Le"/"de Les" contracted ("Ville du Relecq-Kerhuon")             |
//
// Thematics and audiences (aides-jeunes has none; aides-jeunes-themes.ts holds the lists):
//
// | source                                   | thematics / audiences                                               |
// |------------------------------------------|---------------------------------------------------------------------|
// | id rsa, ppa, aah, af (acronyms)          | solidarite / emploi+solidarite / handicap / famille, with           |
// |                                          | faibles_revenus, handicap, familles                                 |
// | words of label and id: logement, loyer,  | logement; energie → environnement+logement; handicap → handicap;    |
// | fsl, domiciliation, energie, handicap,   | autonomie → handicap; famil… → famille; sante → sante; solida… →    |
// | autonomie, famil…, sante, solida…,       | solidarite; etudiant, crous, criteres sociaux, lycee, erasmus →     |
// | etudiant, crous, lycee, emploi, qualif,  | etudes; emploi, qualif, vae, prepa, contrat d’engagement → emploi;  |
// | culture, sport, velo, covoiturage,       | culture; sport; transport, velo, covoiturage, permis, code de la    |
// | permis, bafa, jeune…                     | route, breizhgo, bus → transport; bafa, bafd, jeune → jeunesse      |
// | institution assurance_maladie,           | sante, emploi, etudes                                               |
// | france_travail, education_nationale      |                                                                     |
// | interestFlag, generator (fsl, apa,       | the flag's or generator's theme (permis → transport, fsl →          |
// | covoiturage)                             | logement, apa → handicap + seniors…)                                |
// | conditions: student / job-seeker         | etudes + etudiants / emploi + demandeurs_emploi / handicap /        |
// | activities, disability rate, children,   | familles / faibles_revenus / seniors / jeunes                       |
// | QF, age ≥ 60, age ≤ 30                   |                                                                     |
// | nothing of the above                     | jeunesse; audience tous                                             |
// (The source's `type` field is the kind of amount — float, bool, mixed — and says nothing of the theme.)
//
// ¹ aides-jeunes computes a fiscal quotient (revenu fiscal de référence / parts); our claim is the
//   CAF quotient per month: the closest claim, not the same figure.
// ² aides-jeunes only records that the engine decides; residence in the institution's territory
//   is the part of those rules we can check.
// ³ The source profile is the self-declared "en situation de handicap", which includes people
//   with a rate under 50 %: any recognised rate counts; a threshold, when an aid has one, comes
//   with its own taux_incapacite condition.
// ⁴ The source mixes HTML (<a target="_blank" …>, <br>, <abbr>, <strong>) and Markdown line
//   breaks: a link keeps its text with its address in parentheses, <br> and <p> become line
//   breaks, entities are decoded (plain-text.ts). Nothing of the markup reaches a page or the
//   search index.
import {
  all,
  any,
  containsUnmodelled,
  INTERESTS,
  institutionResidence,
  mapCondition,
  mapProfile,
  unmodelled,
  type Tally,
  type TypeCount,
} from './aides-jeunes-conditions.ts';
import { benefitProblem, engineOf, isRecord, type AidesJeunesBenefit } from './aides-jeunes-format.ts';
import { describeService, zoneAndAuthority } from './aides-jeunes-service.ts';
import type { Condition, Service } from './model.ts';
import { htmlToText } from './plain-text.ts';

export type ImportReport = {
  /** Records read from the input. */
  records: number;
  services: number;
  skipped: { id?: string; reason: string }[];
  /** By source condition type (general and in-profile; `interestFlag`, `openfisca`, `aides-velo` included). */
  conditions: Record<string, TypeCount>;
  profiles: Record<string, TypeCount>;
  notes: number;
  /** Services whose conditions are all modelled: their status never depends on "à vérifier". */
  fullyModelled: number;
  zones: Record<string, number>;
  /** Records the source marks private (shown on request only there); imported like the others. */
  private: number;
};

export type ImportOptions = { updatedAt?: string };

// A list of benefits, or an object holding lists of them (the shared extract has `bretagne` and
// `nationalContrast`): pass `json.bretagne` to import only one of them.
function recordsOf(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (!isRecord(json)) throw new Error('Expected a list of aides-jeunes benefits, or an object holding such lists');
  return Object.values(json).flatMap((value) => (Array.isArray(value) ? value : []));
}

const GEOGRAPHY = new Set(['regions', 'departements', 'communes', 'epcis', 'attached_to_institution']);

export function importAidesJeunes(
  json: unknown,
  options: ImportOptions = {},
): { services: Service[]; report: ImportReport } {
  const records = recordsOf(json);
  const meta = isRecord(json) && isRecord(json.meta) ? json.meta : {};
  const updatedAt =
    options.updatedAt ?? (typeof meta.extractedAt === 'string' ? meta.extractedAt : new Date().toISOString());
  const tally: Tally = { conditions: {}, profiles: {} };
  const report: ImportReport = {
    records: records.length,
    services: 0,
    skipped: [],
    conditions: tally.conditions,
    profiles: tally.profiles,
    notes: 0,
    fullyModelled: 0,
    zones: {},
    private: 0,
  };
  const services: Service[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    const problem = benefitProblem(record);
    const id = isRecord(record) && typeof record.id === 'string' ? record.id : undefined;
    if (problem || seen.has(id!)) {
      report.skipped.push({ ...(id ? { id } : {}), reason: problem ?? 'duplicate id' });
      continue;
    }
    seen.add(id!);
    const service = importBenefit(record as AidesJeunesBenefit, tally, updatedAt);
    services.push(service);
    report.services++;
    report.notes += service.notes.length;
    report.zones[service.zone.type] = (report.zones[service.zone.type] ?? 0) + 1;
    if (!service.eligibility || !containsUnmodelled(service.eligibility)) report.fullyModelled++;
    if ((record as AidesJeunesBenefit).private === true) report.private++;
  }
  return { services, report };
}

function countPseudo(tally: Tally, type: string) {
  const entry = (tally.conditions[type] ??= { modelled: 0, unmodelled: 0 });
  entry.unmodelled++;
}

function importBenefit(benefit: AidesJeunesBenefit, tally: Tally, updatedAt: string): Service {
  const engine = engineOf(benefit);
  const general = benefit.conditions_generales ?? [];

  // The first plain geographic condition is the service's zone rather than a condition: it is
  // what the directory filters and shows by, and explaining it twice would read oddly.
  const zoneIndex = engine ? -1 : general.findIndex((c) => GEOGRAPHY.has(c.type) && mapsToResidence(c, benefit));
  const zoneSource = zoneIndex >= 0 ? general[zoneIndex] : undefined;
  const { zone, authority } = zoneAndAuthority(benefit, zoneSource, engine);

  const conditions: Condition[] = [];
  general.forEach((condition, index) => {
    const mapped = mapCondition(condition, benefit, tally);
    if (index !== zoneIndex && mapped) conditions.push(mapped);
  });
  const profiles = (benefit.profils ?? []).map((profile) => mapProfile(profile, benefit, tally));
  if (profiles.length) conditions.push(any(profiles));
  if (benefit.interestFlag) {
    countPseudo(tally, 'interestFlag');
    const label =
      INTERESTS[benefit.interestFlag] ?? `avoir un projet en lien avec l’aide (« ${benefit.interestFlag} »)`;
    conditions.push(unmodelled(benefit.interestFlag, label));
  }
  if (engine === 'openfisca') {
    countPseudo(tally, engine);
    conditions.push(
      unmodelled(
        engine,
        'remplir les conditions de ressources et de situation propres à l’aide, que ce service ne calcule pas',
      ),
    );
  } else if (engine === 'aides-velo') {
    countPseudo(tally, engine);
    conditions.push(
      unmodelled(engine, 'remplir les conditions du barème de l’aide (type de vélo, ressources du foyer)'),
    );
  }

  const notes = [...(benefit.conditions_textuelles_non_modelisees ?? []), ...(benefit.voluntary_conditions ?? [])]
    .filter((note): note is string => typeof note === 'string')
    .map(htmlToText)
    .filter((note) => note !== '');

  return {
    id: benefit.id,
    ...describeService(benefit, conditions),
    authority,
    zone,
    eligibility: conditions.length ? all(conditions) : null,
    notes,
    source: {
      name: 'aides-jeunes',
      id: benefit.id,
      ...(typeof benefit.links?.link === 'string' && benefit.links.link ? { url: benefit.links.link } : {}),
    },
    updatedAt,
    published: true,
  };
}

function mapsToResidence(condition: { type: string; values?: unknown }, benefit: AidesJeunesBenefit): boolean {
  if (condition.type === 'attached_to_institution') return institutionResidence(benefit) !== undefined;
  return Array.isArray(condition.values) && condition.values.length > 0;
}
