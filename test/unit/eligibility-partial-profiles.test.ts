// What an anonymous profile typed by hand gives: a residence without its commune, an activity and
// a study year that disagree, a source's yearly quotient, and the names of EPCI in sentences.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Authority, Claims, Condition, Zone } from '../../directory/src/catalogue/model.ts';
import { compileService, evaluate } from '../../directory/src/eligibility/index.ts';
import { epciName, withArticle } from '../../directory/src/eligibility/french.ts';
import { importAidesJeunes } from '../../directory/src/catalogue/import-aides-jeunes.ts';
import { mapCondition, type Tally } from '../../directory/src/catalogue/aides-jeunes-conditions.ts';
import type { AidesJeunesBenefit } from '../../directory/src/catalogue/aides-jeunes-format.ts';
import { conditionSchema } from '../../directory/src/catalogue/schema.ts';
import { run, today } from '../helpers/eligibility.ts';

const VANNES_AGGLO = '200067932'; // CA Golfe du Morbihan - Vannes Agglomération, all in the Morbihan
const REDON_AGGLO = '243500741'; // Redon Agglomération: Ille-et-Vilaine, Morbihan and Loire-Atlantique

// Numbers are written with the narrow no-break space of French ("25 000"): read here as a space.
const plain = (text: string) => text.replace(/\u202f/g, ' ');
const texts = (condition: Condition | null, claims: Claims, zone?: Zone, authority?: Authority) =>
  run(condition, claims, zone, authority).reasons?.map((r) => plain(r.text));

describe('a residence given without its commune', () => {
  const inBrittany: Condition = { type: 'residence', regions: ['53'] };
  const inMorbihan: Condition = { type: 'residence', departements: ['56'] };

  it('settles the région from the département', () => {
    expect(run(inBrittany, { bzh_departement: '35' })).toMatchObject({ status: 'eligible', missing: [] });
    expect(run(inBrittany, { bzh_departement: '44' }).status).toBe('ineligible');
    expect(texts(inBrittany, { bzh_departement: '35' })).toEqual([
      'Vous habitez l’Ille-et-Vilaine : le service est réservé aux habitants de la région Bretagne.',
    ]);
  });

  it('settles the département and the région from an EPCI whose communes all lie in one département', () => {
    expect(run(inMorbihan, { bzh_epci: VANNES_AGGLO })).toMatchObject({ status: 'eligible', missing: [] });
    expect(run({ type: 'residence', departements: ['29'] }, { bzh_epci: VANNES_AGGLO }).status).toBe('ineligible');
    expect(run(inBrittany, { bzh_epci: VANNES_AGGLO }).status).toBe('eligible');
  });

  it('leaves the département unknown for an EPCI across several, and asks for the commune', () => {
    expect(run(inMorbihan, { bzh_epci: REDON_AGGLO })).toMatchObject({
      status: 'unknown',
      missing: [{ claim: 'bzh_commune', scope: 'bzh_residence' }],
    });
    expect(texts(inMorbihan, { bzh_epci: REDON_AGGLO })).toEqual([
      'Le service est réservé aux habitants du Morbihan : votre commune n’est pas partagée.',
    ]);
  });

  it('still needs the commune for a rule on communes', () => {
    expect(run({ type: 'residence', communes: ['56260'] }, { bzh_departement: '56' }).status).toBe('unknown');
  });
});

describe('names of intercommunalités in sentences', () => {
  it('puts the article a Communauté takes after « Vous habitez », and none before a name that takes none', () => {
    expect(texts({ type: 'residence', epcis: [VANNES_AGGLO] }, { bzh_epci: VANNES_AGGLO })).toEqual([
      'Vous habitez la Communauté d’agglomération Golfe du Morbihan - Vannes Agglomération : le service est réservé aux habitants de la Communauté d’agglomération Golfe du Morbihan - Vannes Agglomération.',
    ]);
    expect(texts({ type: 'residence', regions: ['53'] }, { bzh_epci: '243500139' })?.[0]).toMatch(
      /^Vous habitez Rennes Métropole : /,
    );
  });

  it('sends a check to an EPCI by its official name, with its article, whatever the source calls it', () => {
    const vannes: Authority = {
      name: 'Golfe du Morbihan - Vannes Agglomération',
      level: 'epci',
      code: VANNES_AGGLO,
      siren: VANNES_AGGLO,
    };
    const check: Condition = { type: 'unmodelled', key: 'statut_logement', label: 'être locataire' };
    expect(texts(check, {}, undefined, vannes)).toEqual([
      'À vérifier auprès de la Communauté d’agglomération Golfe du Morbihan - Vannes Agglomération : être locataire.',
    ]);
  });

  it.each([
    ["CC du Pays d'Iroise", 'Communauté de communes du Pays d’Iroise'],
    [
      "CA Guingamp-Paimpol Agglomération de l'Armor à l'Argoat",
      'Communauté d’agglomération Guingamp-Paimpol Agglomération de l’Armor à l’Argoat',
    ],
    ["Communauté de communes Côte d'Emeraude", 'Communauté de communes Côte d’Emeraude'],
  ])('writes the typographic apostrophe in %s', (name, shown) => {
    expect(epciName(name)).toBe(shown);
  });

  it.each([
    [
      'CA Golfe du Morbihan - Vannes Agglomération',
      'la Communauté d’agglomération Golfe du Morbihan - Vannes Agglomération',
    ],
    ['Rennes Métropole', 'Rennes Métropole'],
    ['Département du Finistère', 'le Département du Finistère'],
    ['L’État français', 'l’État français'],
    ['L’Hermitage', 'L’Hermitage'],
    ['Le Relecq-Kerhuon', 'Le Relecq-Kerhuon'],
  ])('names %s as « %s » after a verb', (name, shown) => {
    expect(withArticle(name)).toBe(shown);
  });
});

describe('an activity and a study year that disagree', () => {
  // The aides-jeunes "lyceen" and "enseignement_superieur" profiles, as the importer maps them.
  const lyceeAid: Condition = {
    type: 'any',
    conditions: [
      { type: 'activity', values: ['lyceen'] },
      {
        type: 'all',
        conditions: [
          { type: 'activity', values: ['apprenti'] },
          { type: 'study_level', values: ['seconde', 'premiere', 'terminale', 'cap_1', 'cap_2'] },
        ],
      },
    ],
  };
  const higherEducationAid: Condition = { type: 'activity', values: ['etudiant'] };

  it.each([
    ['etudiant', 'terminale', 'eligible', 'ineligible'],
    ['lyceen', 'licence_1', 'ineligible', 'eligible'],
    ['lyceen', 'bts_1', 'ineligible', 'eligible'],
    ['etudiant', 'cap_2', 'eligible', 'ineligible'],
    // A year that says neither: the activity as claimed.
    ['etudiant', 'autre', 'ineligible', 'eligible'],
    ['lyceen', 'autre', 'eligible', 'ineligible'],
  ])('decides « %s » in %s by the study year', (activity, year, lycee, higher) => {
    const claims: Claims = { bzh_activity: activity, bzh_study_level: year };
    expect(run(lyceeAid, claims).status).toBe(lycee);
    expect(run(higherEducationAid, claims).status).toBe(higher);
  });

  it('keeps an activity that is not about where one studies, and one given without a year', () => {
    expect(run(lyceeAid, { bzh_activity: 'apprenti', bzh_study_level: 'terminale' }).status).toBe('eligible');
    expect(run(lyceeAid, { bzh_activity: 'salarie', bzh_study_level: 'terminale' }).status).toBe('ineligible');
    expect(run(higherEducationAid, { bzh_activity: 'etudiant' }).status).toBe('eligible');
  });

  it('says that the year decided, rather than contradict the citizen', () => {
    const claims: Claims = { bzh_activity: 'etudiant', bzh_study_level: 'terminale' };
    expect(texts(higherEducationAid, claims)).toEqual([
      'Vous êtes en terminale, donc lycéen ou lycéenne : il faut être étudiant ou étudiante.',
    ]);
    expect(texts(higherEducationAid, { bzh_activity: 'etudiant', bzh_study_level: 'licence_2' })).toEqual([
      'Vous êtes étudiant ou étudiante : il faut être étudiant ou étudiante.',
    ]);
  });
});

describe('a quotient familial the source states per year', () => {
  const tally = (): Tally => ({ conditions: {}, profiles: {} });
  const benefit = { id: 'test', institution: { type: 'region', code_insee: '53' } } as unknown as AidesJeunesBenefit;
  const yearly = mapCondition(
    { type: 'quotient_familial', operator: '<=', value: 25000, period: 'year' },
    benefit,
    tally(),
  )!;

  it('is imported as the source states it', () => {
    expect(yearly).toEqual({ type: 'quotient_familial', operator: '<=', value: 25000, period: 'year' });
  });

  it('is explained with the source’s figure and unit, the monthly claim counted per year', () => {
    expect(texts(yearly, { bzh_quotient_familial: 1500 })).toEqual([
      'Votre quotient familial est de 1 500 € par mois, soit 18 000 € par an : il faut avoir un quotient familial de 25 000 € par an ou moins.',
    ]);
    expect(texts(yearly, {})).toEqual([
      'Il faut avoir un quotient familial de 25 000 € par an ou moins : votre quotient familial n’est pas partagé.',
    ]);
  });

  it('keeps the verdicts of a comparison with its twelfth, at the threshold too', () => {
    expect(run(yearly, { bzh_quotient_familial: 25000 / 12 }).status).toBe('eligible');
    expect(run(yearly, { bzh_quotient_familial: 2083.34 }).status).toBe('ineligible');
    expect(run(yearly, { bzh_quotient_familial: 2083.33 }).status).toBe('eligible');
  });

  it('is a valid rule of the catalogue, and a monthly one cannot pass for a yearly figure', () => {
    expect(conditionSchema.safeParse(yearly).success).toBe(true);
    expect(conditionSchema.safeParse({ type: 'quotient_familial', operator: '<=', value: 25000 }).success).toBe(false);
  });

  const DATA = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'aides-jeunes-bretagne.json');
  it.skipIf(!existsSync(DATA))(
    'explains bretagne-b-monde-individuel with « 25 000 € par an », never a monthly figure',
    () => {
      const data = JSON.parse(readFileSync(DATA, 'utf8')) as { bretagne: AidesJeunesBenefit[] };
      const { services } = importAidesJeunes(data.bretagne);
      const record = services.find((s) => s.id === 'bretagne-b-monde-individuel')!;
      const reasons = evaluate(compileService(record), { bzh_quotient_familial: 1500 }, { today, explain: true })
        .reasons!.map((r) => plain(r.text))
        .join('\n');
      expect(reasons).toContain('il faut avoir un quotient familial de 25 000 € par an ou moins');
      expect(reasons).not.toContain('2 083,33');
    },
  );
});
