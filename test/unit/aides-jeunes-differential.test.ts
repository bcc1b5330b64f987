// Differential test: the imported Breton aids, evaluated by our evaluator from mon-compte claims,
// against a direct reading of the aides-jeunes rules over the same complete situations.
//
// Claims model (what a person in each aides-jeunes situation shares through mon-compte):
// commune only (EPCI, département and région are derived); QF = rfr / nbptr / 12; activity
// apprenti for a contrat d'apprentissage (on the questionnaire's "en formation" path), else
// etudiant / lyceen for people in training by `scolarite` (a contrat de professionnalisation
// leaves no trace in the claims, on either path), demandeur_emploi for chomeur, the others by
// name; study level =
// annee_etude; disability rate = taux × 100 when handicap, else 0. Collégiens are left out: no
// activity value of mon-compte describes them.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AidesJeunesBenefit } from '../../directory/src/catalogue/aides-jeunes-format.ts';
import { referenceEligible, type AidesJeunesSituation } from '../../directory/src/catalogue/aides-jeunes-reference.ts';
import { importAidesJeunes } from '../../directory/src/catalogue/import-aides-jeunes.ts';
import { CLAIM_SCOPES, type Claims, type Condition } from '../../directory/src/catalogue/model.ts';
import { compileService, matchAll } from '../../directory/src/eligibility/index.ts';
import { findCommune, findEpci, residenceOf } from '../../territory/territory.ts';

const DATA = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'aides-jeunes-bretagne.json');
const present = existsSync(DATA);
if (!present) console.warn(`Skipping the aides-jeunes differential test: ${DATA} is absent.`);

const TODAY = '2026-11-28';
const today = new Date(`${TODAY}T12:00:00+01:00`);

type Demandeur = AidesJeunesSituation['demandeur'];
type Activity = Pick<Demandeur, 'activite' | 'scolarite' | '_contrat_alternant' | 'stagiaire' | 'service_civique'> & {
  years: (string | undefined)[];
};
const ACTIVITIES: Activity[] = [
  {
    activite: 'etudiant',
    scolarite: 'enseignement_superieur',
    stagiaire: false,
    service_civique: false,
    years: ['licence_1', 'bts_1', 'master_2', 'but_1', 'cpge_1', 'licence_3', 'doctorat_1', 'autre'],
  },
  {
    activite: 'etudiant',
    scolarite: 'enseignement_superieur',
    stagiaire: true,
    service_civique: false,
    years: ['licence_2', 'master_1'],
  },
  {
    activite: 'etudiant',
    scolarite: 'lycee',
    stagiaire: false,
    service_civique: false,
    years: ['seconde', 'premiere', 'terminale', 'cap_1', 'cap_2'],
  },
  {
    activite: 'etudiant',
    scolarite: 'lycee',
    _contrat_alternant: 'apprenti',
    stagiaire: false,
    service_civique: false,
    years: ['cap_1', 'cap_2', 'terminale'],
  },
  {
    activite: 'etudiant',
    scolarite: 'enseignement_superieur',
    _contrat_alternant: 'apprenti',
    stagiaire: false,
    service_civique: false,
    years: ['bts_1', 'licence_3', 'master_1'],
  },
  {
    activite: 'etudiant',
    scolarite: 'enseignement_superieur',
    _contrat_alternant: 'professionnalisation',
    stagiaire: false,
    service_civique: false,
    years: ['bts_1', 'licence_3'],
  },
  {
    activite: 'salarie',
    _contrat_alternant: 'professionnalisation',
    stagiaire: false,
    service_civique: false,
    years: [undefined],
  },
  ...(['salarie', 'chomeur', 'independant', 'inactif', 'retraite'] as const).map((activite) => ({
    activite,
    stagiaire: false,
    service_civique: false,
    years: [undefined],
  })),
  { activite: 'inactif', stagiaire: false, service_civique: true, years: [undefined] },
];
const AGES = [14, ...Array.from({ length: 16 }, (_, i) => 15 + i), 31, 59, 60];
const HOUSING = ['locataire', 'proprietaire', 'primo_accedant', 'loge_gratuitement', 'sans_domicile'];
const REGIMES = ['regime_general', 'regime_agricole'];
const BIG_CITIES = [
  '35238',
  '29019',
  '29232',
  '56260',
  '22278',
  '56121',
  '35236',
  '29075',
  '29083',
  '44109',
  '75056',
  '53130',
];

// Deterministic, so that a failure can be replayed.
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function territoriesOf(benefits: AidesJeunesBenefit[]): string[] {
  const communes = new Set(BIG_CITIES);
  const addEpci = (siren: unknown) => {
    const epci = typeof siren === 'string' ? findEpci(siren) : undefined;
    const breton = epci?.communes.find((code) => findCommune(code)?.region === '53');
    if (breton) communes.add(breton);
  };
  for (const b of benefits) {
    if (b.institution.type === 'epci') addEpci(b.institution.code_siren);
    if (b.institution.type === 'commune' && b.institution.code_insee) communes.add(b.institution.code_insee);
    const collectivity = b.aidesVelo?.collectivity;
    if (collectivity?.kind === 'epci') addEpci(collectivity.code);
    if (collectivity?.kind === 'code insee' && collectivity.value) communes.add(collectivity.value);
    for (const c of b.conditions_generales ?? []) {
      if (c.type === 'communes') for (const code of c.values as string[]) communes.add(code);
      if (c.type === 'not') for (const siren of (c.value as { values: string[] }).values) addEpci(siren);
    }
  }
  return [...communes];
}

function qfThresholds(benefits: AidesJeunesBenefit[]): { rfr: number; nbptr: number }[] {
  const yearly: number[] = [300 * 12, 6000 * 12];
  for (const b of benefits) {
    for (const c of b.conditions_generales ?? []) {
      if (c.type !== 'quotient_familial') continue;
      const v = Number(c.value);
      const year = c.period === 'month' ? v * 12 : v;
      yearly.push(year - 12, year, year + 12);
    }
  }
  return [...new Set(yearly)].flatMap((rfr) => [
    { rfr, nbptr: 1 },
    { rfr: rfr * 2, nbptr: 2 },
  ]);
}

function situations(benefits: AidesJeunesBenefit[]): AidesJeunesSituation[] {
  const next = random(53);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const qfs = qfThresholds(benefits);
  const engines = Object.fromEntries(benefits.map((b) => [b.id, false]));
  const interestFlags = [...new Set(benefits.flatMap((b) => (b.interestFlag ? [b.interestFlag] : [])))];
  const all: AidesJeunesSituation[] = [];
  for (const depcom of territoriesOf(benefits)) {
    const residence = residenceOf(depcom)!;
    for (const age of AGES) {
      for (const activity of ACTIVITIES) {
        // On the birthday, or the day before it: full years either way.
        const birth = next() < 0.5 ? `${2026 - age}-11-28` : `${2025 - age}-11-29`;
        const rate = pick([0, 0, 0.3, 0.5, 0.8]);
        const year = pick(activity.years);
        const flag = () => next() < 0.5;
        all.push({
          dateDeValeur: TODAY,
          demandeur: {
            date_naissance: birth,
            activite: activity.activite,
            ...(activity.scolarite ? { scolarite: activity.scolarite } : {}),
            ...(activity._contrat_alternant ? { _contrat_alternant: activity._contrat_alternant } : {}),
            ...(year ? { annee_etude: year } : {}),
            boursier: flag(),
            stagiaire: activity.stagiaire,
            service_civique: activity.service_civique,
            handicap: rate > 0,
            taux_incapacite: rate,
            formation_sanitaire_social: flag(),
            _agence_travail_temporaire: flag(),
            interets: Object.fromEntries(interestFlags.map((f) => [f, flag()])),
          },
          menage: {
            depcom,
            ...(residence.bzh_epci ? { _epci: residence.bzh_epci } : {}),
            _departement: residence.bzh_departement,
            _region: residence.bzh_region,
            _codePostal: findCommune(depcom)!.postalCodes[0]!,
            statut_occupation_logement: pick(HOUSING),
            _difficultes_acces_ou_frais_logement: flag(),
          },
          foyer_fiscal: pick(qfs),
          regime_securite_sociale: pick(REGIMES),
          rsa: flag(),
          enfants: pick([[], ['2020-03-01'], ['2010-06-01', '2014-01-15']]).map((d) => ({ date_naissance: d })),
          engines: Object.fromEntries(Object.keys(engines).map((id) => [id, flag()])),
        });
      }
    }
  }
  return all;
}

function claimsOf(s: AidesJeunesSituation): Claims {
  const d = s.demandeur;
  const activity =
    d._contrat_alternant === 'apprenti'
      ? 'apprenti'
      : d.activite === 'etudiant'
        ? d.scolarite === 'lycee'
          ? 'lyceen'
          : 'etudiant'
        : d.activite === 'chomeur'
          ? 'demandeur_emploi'
          : d.activite;
  return {
    birthdate: d.date_naissance,
    bzh_commune: s.menage.depcom,
    bzh_quotient_familial: s.foyer_fiscal.rfr / s.foyer_fiscal.nbptr / 12,
    bzh_activity: activity,
    ...(d.annee_etude ? { bzh_study_level: d.annee_etude } : {}),
    bzh_boursier: d.boursier,
    bzh_disability_rate: d.handicap ? Math.round(d.taux_incapacite * 100) : 0,
    bzh_children_birthyears: s.enfants.map((c) => Number(c.date_naissance.slice(0, 4))),
    bzh_household_size: 1 + s.enfants.length,
  };
}

// Every attribute no claim carries, all favourable or all not, with each housing status and regime.
function nonClaimVariants(s: AidesJeunesSituation): AidesJeunesSituation[] {
  const variants: AidesJeunesSituation[] = [];
  const everything = (keys: string[], on: boolean) => Object.fromEntries(keys.map((key) => [key, on]));
  const interests = [true, false].map((on) => everything(Object.keys(s.demandeur.interets), on));
  const engines = [true, false].map((on) => everything(Object.keys(s.engines), on));
  for (const on of [true, false]) {
    for (const statut of HOUSING) {
      for (const regime of REGIMES) {
        const d = s.demandeur;
        const pro = (d.activite === 'salarie' || d.activite === 'etudiant') && d._contrat_alternant !== 'apprenti';
        variants.push({
          ...s,
          demandeur: {
            ...d,
            stagiaire: on && d.activite === 'etudiant',
            service_civique: on,
            formation_sanitaire_social: on,
            _agence_travail_temporaire: on,
            ...(pro
              ? on
                ? { _contrat_alternant: 'professionnalisation' as const }
                : { _contrat_alternant: undefined }
              : {}),
            interets: interests[on ? 0 : 1]!,
          },
          menage: { ...s.menage, statut_occupation_logement: statut, _difficultes_acces_ou_frais_logement: on },
          regime_securite_sociale: regime,
          rsa: on,
          engines: engines[on ? 0 : 1]!,
        });
      }
    }
  }
  return variants;
}

const hasUnmodelled = (c: Condition | null): boolean =>
  c !== null &&
  (c.type === 'unmodelled' ||
    ((c.type === 'all' || c.type === 'any') && c.conditions.some(hasUnmodelled)) ||
    (c.type === 'not' && hasUnmodelled(c.condition)));

const REMOVABLE = [
  'birthdate',
  'bzh_commune',
  'bzh_quotient_familial',
  'bzh_activity',
  'bzh_study_level',
  'bzh_boursier',
  'bzh_disability_rate',
  'bzh_children_birthyears',
] as const;

describe.skipIf(!present)('imported aides-jeunes aids against the aides-jeunes rules', () => {
  it('agrees wherever it decides, and says unknown only where an unmodelled condition or a missing claim decides', () => {
    const benefits = (JSON.parse(readFileSync(DATA, 'utf8')) as { bretagne: AidesJeunesBenefit[] }).bretagne;
    const { services } = importAidesJeunes(benefits);
    expect(services.map((s) => s.id)).toEqual(benefits.map((b) => b.id));
    const compiled = services.map(compileService);
    const modelled = services.map((s) => !hasUnmodelled(s.eligibility));
    const all = situations(benefits);
    const failures: string[] = [];
    const fail = (text: string) => failures.length < 20 && failures.push(text);
    const n = { comparisons: 0, exact: 0, decided: 0, unknown: 0, removals: 0, deciding: 0 };
    const eligibleSomewhere = new Set<number>();

    for (const s of all) {
      const claims = claimsOf(s);
      const ours = matchAll(compiled, claims, { today });
      benefits.forEach((benefit, i) => {
        n.comparisons++;
        const reference = referenceEligible(benefit, s);
        if (reference) eligibleSomewhere.add(i);
        const status = ours[i]!.status;
        const where = () => `${benefit.id} for ${JSON.stringify(claims)}`;
        if (modelled[i]) {
          n.exact++;
          if (status !== (reference ? 'eligible' : 'ineligible')) fail(`(a) ${status} vs ${reference}: ${where()}`);
        } else if (status !== 'unknown') {
          n.decided++;
          if ((status === 'eligible') !== reference) fail(`(b) ${status} vs ${reference}: ${where()}`);
        } else {
          n.unknown++;
          const outcomes = new Set(nonClaimVariants(s).map((v) => referenceEligible(benefit, v)));
          if (outcomes.size !== 2)
            fail(`(b) unknown, yet the unmodelled attributes never change ${reference}: ${where()}`);
        }
        if (!reference) return;
        for (const claim of REMOVABLE) {
          if (claims[claim] === undefined) continue;
          n.removals++;
          const { [claim]: _removed, ...partial } = claims;
          const result = matchAll([compiled[i]!], partial, { today })[0]!;
          if (result.status === 'ineligible') fail(`(c) ineligible without ${claim}: ${where()}`);
          if (result.status === status) continue;
          n.deciding++;
          if (result.status !== 'unknown') fail(`(c) ${result.status} without ${claim}: ${where()}`);
          if (!result.missing.some((m) => m.claim === claim && m.scope === CLAIM_SCOPES[claim])) {
            fail(`(c) missing ${JSON.stringify(result.missing)} does not name ${claim}: ${where()}`);
          }
        }
      });
    }

    const neverEligible = benefits.filter((_, i) => !eligibleSomewhere.has(i)).map((b) => b.id);
    console.log(
      [
        `aides-jeunes differential: ${benefits.length} aids × ${all.length} situations = ${n.comparisons} comparisons`,
        `  (a) ${modelled.filter(Boolean).length} fully modelled aids: ${n.exact} exact comparisons`,
        `  (b) ${modelled.filter((m) => !m).length} aids with unmodelled conditions: ${n.decided} decided (all agreeing), ` +
          `${n.unknown} unknown (each flipped by the unmodelled attributes alone)`,
        `  (c) ${n.removals} claim removals where the reference says eligible, ${n.deciding} deciding: unknown, with the claim in missing`,
        `  aids eligible in no generated situation: ${neverEligible.length}`,
      ].join('\n'),
    );
    expect(failures).toEqual([]);
    expect(neverEligible).toEqual([]);
  });
});
