import { describe, expect, it } from 'vitest';
import type { Authority, Claims, Condition, Zone } from '../../directory/src/catalogue/model.ts';
import { compileService, evaluate, matchAll } from '../../directory/src/eligibility/index.ts';
import { deName } from '../../directory/src/eligibility/french.ts';
import { run, service, today } from '../helpers/eligibility.ts';

const RENNES = '35238';
const BREST = '29019';
const GUIPAVAS = '29075'; // Brest Métropole
const ILE_DE_SEIN = '29083'; // in no EPCI
const NANTES = '44109';
const BREST_METROPOLE = '242900314';
const RENNES_METROPOLE = '243500139';

const statusOf = (condition: Condition | null, claims: Claims, zone?: Zone, authority?: Authority) =>
  run(condition, claims, zone, authority).status;

describe('three-valued logic', () => {
  // A leaf of each value: the activity is shared as etudiant; the third is not modelled.
  const leaf: Record<'T' | 'F', Condition> = {
    T: { type: 'activity', values: ['etudiant'] },
    F: { type: 'activity', values: ['salarie'] },
  };
  const unknown: Condition = { type: 'unmodelled', key: 'statut_logement', label: 'être locataire' };
  const of = (v: 'T' | 'F' | 'U'): Condition => (v === 'U' ? unknown : leaf[v]);
  const word = { T: 'eligible', F: 'ineligible', U: 'unknown' } as const;
  const claims: Claims = { bzh_activity: 'etudiant' };

  it.each([
    ['T', 'T', 'T'],
    ['T', 'F', 'F'],
    ['T', 'U', 'U'],
    ['F', 'T', 'F'],
    ['F', 'F', 'F'],
    ['F', 'U', 'F'],
    ['U', 'T', 'U'],
    ['U', 'F', 'F'],
    ['U', 'U', 'U'],
  ] as const)('AND of %s and %s is %s', (a, b, expected) => {
    expect(statusOf({ type: 'all', conditions: [of(a), of(b)] }, claims)).toBe(word[expected]);
  });

  it.each([
    ['T', 'T', 'T'],
    ['T', 'F', 'T'],
    ['T', 'U', 'T'],
    ['F', 'T', 'T'],
    ['F', 'F', 'F'],
    ['F', 'U', 'U'],
    ['U', 'T', 'T'],
    ['U', 'F', 'U'],
    ['U', 'U', 'U'],
  ] as const)('OR of %s and %s is %s', (a, b, expected) => {
    expect(statusOf({ type: 'any', conditions: [of(a), of(b)] }, claims)).toBe(word[expected]);
  });

  it.each([
    ['T', 'F'],
    ['F', 'T'],
    ['U', 'U'],
  ] as const)('NOT %s is %s', (a, expected) => {
    expect(statusOf({ type: 'not', condition: of(a) }, claims)).toBe(word[expected]);
  });

  it('treats an empty AND as true and an empty OR as false, and no rule at all as eligible', () => {
    expect(statusOf({ type: 'all', conditions: [] }, {})).toBe('eligible');
    expect(statusOf({ type: 'any', conditions: [] }, {})).toBe('ineligible');
    expect(statusOf(null, {})).toBe('eligible');
  });
});

describe('conditions on each claim', () => {
  const age = (operator: '<' | '<=' | '>' | '>=' | '==', value: number): Condition => ({
    type: 'age',
    operator,
    value,
  });
  it.each([
    // Born 2004-11-28: 22 today; born 2004-11-29: still 21 (full years).
    [age('<=', 25), '2004-11-28', 'eligible'],
    [age('<=', 21), '2004-11-28', 'ineligible'],
    [age('<=', 21), '2004-11-29', 'eligible'],
    [age('<', 22), '2004-11-28', 'ineligible'],
    [age('>=', 22), '2004-11-28', 'eligible'],
    [age('>', 22), '2004-11-28', 'ineligible'],
    [age('==', 22), '2004-11-28', 'eligible'],
    [age('==', 22), '2004-11-29', 'ineligible'],
    [age('>=', 18), undefined, 'unknown'],
    [age('>=', 18), '28/11/2004', 'unknown'],
    [age('>=', 18), '2005-02-31', 'unknown'],
    [age('>=', 18), '2030-01-01', 'unknown'],
  ] as const)('age %j for a birthdate %s: %s', (condition, birthdate, expected) => {
    expect(statusOf(condition, birthdate ? { birthdate } : {})).toBe(expected);
  });

  // As aides-jeunes counts it (dayjs): a 29 February birthday falls on 28 February in a common year.
  it.each([
    ['2000-02-29', '2026-02-27', 25],
    ['2000-02-29', '2026-02-28', 26],
    ['2000-02-29', '2028-02-28', 27],
    ['2000-02-29', '2028-02-29', 28],
    ['2004-02-28', '2025-02-27', 20],
    ['2004-02-28', '2025-02-28', 21],
  ] as const)('someone born on %s is, on %s, %i years old', (birthdate, day, years) => {
    const on = new Date(`${day}T12:00:00+01:00`);
    const status = (value: number) =>
      evaluate(compileService(service(age('==', value))), { birthdate }, { today: on }).status;
    expect(status(years)).toBe('eligible');
    expect(status(years - 1)).toBe('ineligible');
  });

  it('counts a birthday in Paris, whatever the time zone of the instant', () => {
    const justAfterMidnightInParis = new Date('2026-11-27T23:30:00Z');
    const result = evaluate(
      compileService(service(age('>=', 22))),
      { birthdate: '2004-11-28' },
      { today: justAfterMidnightInParis },
    );
    expect(result.status).toBe('eligible');
  });

  it.each([
    [{ type: 'quotient_familial', operator: '<=', value: 700 }, { bzh_quotient_familial: 700 }, 'eligible'],
    [{ type: 'quotient_familial', operator: '<=', value: 700 }, { bzh_quotient_familial: 700.5 }, 'ineligible'],
    [{ type: 'household_size', operator: '>=', value: 3 }, { bzh_household_size: 3 }, 'eligible'],
    [{ type: 'household_size', operator: '>=', value: 3 }, { bzh_household_size: 2 }, 'ineligible'],
    [{ type: 'disability_rate', operator: '>=', value: 80 }, { bzh_disability_rate: 80 }, 'eligible'],
    [{ type: 'disability_rate', operator: '>=', value: 80 }, { bzh_disability_rate: 50 }, 'ineligible'],
    [{ type: 'disability_rate', operator: '>=', value: 80 }, {}, 'unknown'],
    [{ type: 'activity', values: ['etudiant', 'apprenti'] }, { bzh_activity: 'apprenti' }, 'eligible'],
    [{ type: 'activity', values: ['etudiant', 'apprenti'] }, { bzh_activity: 'retraite' }, 'ineligible'],
    [{ type: 'study_level', values: ['licence_1', 'licence_2'] }, { bzh_study_level: 'licence_2' }, 'eligible'],
    [{ type: 'study_level', values: ['licence_1', 'licence_2'] }, { bzh_study_level: 'master_1' }, 'ineligible'],
    [{ type: 'boursier', value: true }, { bzh_boursier: true }, 'eligible'],
    [{ type: 'boursier', value: true }, { bzh_boursier: false }, 'ineligible'],
    [{ type: 'boursier', value: false }, { bzh_boursier: false }, 'eligible'],
    [{ type: 'boursier', value: true }, {}, 'unknown'],
    [{ type: 'unmodelled', key: 'regime', label: 'relever du régime général' }, { bzh_activity: 'salarie' }, 'unknown'],
  ] as [Condition, Claims, string][])('%j with %j: %s', (condition, claims, expected) => {
    expect(statusOf(condition, claims)).toBe(expected);
  });

  it.each([
    // In 2026, a child born in 2015 is 10 or 11, one born in 2010 is 15 or 16.
    [{ minCount: 1 }, [], 'ineligible'],
    [{ minCount: 1 }, [2020], 'eligible'],
    [{ minCount: 2 }, [2020], 'ineligible'],
    [{ minCount: 1, minAge: 11, maxAge: 25 }, [2010], 'eligible'],
    [{ minCount: 1, minAge: 11, maxAge: 25 }, [2020], 'ineligible'],
    [{ minCount: 1, minAge: 11, maxAge: 25 }, [2015], 'unknown'],
    [{ minCount: 2, minAge: 11, maxAge: 25 }, [2010, 2015], 'unknown'],
    [{ minCount: 2, minAge: 11, maxAge: 25 }, [2010, 2020], 'ineligible'],
    [{ minCount: 1 }, undefined, 'unknown'],
  ] as const)('children %j with birth years %j: %s', (rule, years, expected) => {
    const claims: Claims = years ? { bzh_children_birthyears: [...years] } : {};
    expect(statusOf({ type: 'children', ...rule }, claims)).toBe(expected);
  });
});

describe('residence', () => {
  it.each([
    [{ communes: [BREST] }, BREST, 'eligible'],
    [{ communes: [BREST] }, GUIPAVAS, 'ineligible'],
    [{ epcis: [BREST_METROPOLE] }, GUIPAVAS, 'eligible'],
    [{ epcis: [BREST_METROPOLE] }, RENNES, 'ineligible'],
    [{ epcis: [BREST_METROPOLE] }, ILE_DE_SEIN, 'ineligible'],
    [{ departements: ['29'] }, ILE_DE_SEIN, 'eligible'],
    [{ departements: ['29', '56'] }, RENNES, 'ineligible'],
    [{ regions: ['53'] }, RENNES, 'eligible'],
    [{ regions: ['53'] }, NANTES, 'ineligible'],
    // Brest has 29200; Guipavas 29490.
    [{ postalCodes: ['29200'] }, BREST, 'eligible'],
    [{ postalCodes: ['29200'] }, GUIPAVAS, 'ineligible'],
    [{ communes: [RENNES], epcis: [BREST_METROPOLE] }, GUIPAVAS, 'eligible'],
    [{}, RENNES, 'ineligible'],
  ] as [Omit<Extract<Condition, { type: 'residence' }>, 'type'>, string, string][])(
    '%j for a resident of %s: %s',
    (lists, commune, expected) => {
      expect(statusOf({ type: 'residence', ...lists }, { bzh_commune: commune })).toBe(expected);
    },
  );

  it('is unknown when the commune has several postal codes of which only some are listed', () => {
    // Rennes has 35000 and 35200 (and 35700).
    const result = run({ type: 'residence', postalCodes: ['35000'] }, { bzh_commune: RENNES });
    expect(result).toMatchObject({ status: 'unknown', missing: [] });
  });

  it('derives the EPCI, département and région from the commune, and prefers what was shared', () => {
    expect(statusOf({ type: 'residence', epcis: [RENNES_METROPOLE] }, { bzh_commune: RENNES })).toBe('eligible');
    expect(statusOf({ type: 'residence', departements: ['35'] }, { bzh_commune: RENNES })).toBe('eligible');
    expect(statusOf({ type: 'residence', regions: ['53'] }, { bzh_commune: RENNES })).toBe('eligible');
    expect(statusOf({ type: 'residence', departements: ['35'] }, { bzh_departement: '35' })).toBe('eligible');
    expect(statusOf({ type: 'residence', regions: ['53'] }, { bzh_commune: NANTES, bzh_region: '53' })).toBe(
      'eligible',
    );
  });

  it('says unknown without asking again for a commune code it does not know', () => {
    expect(run({ type: 'residence', regions: ['53'] }, { bzh_commune: '99999' })).toMatchObject({
      status: 'unknown',
      missing: [],
    });
  });
});

describe('the zone, an implicit residence condition', () => {
  const open: Condition = { type: 'age', operator: '>=', value: 0 };
  const adult = { birthdate: '2000-01-01' };
  it.each([
    [{ name: 'Brest', level: 'commune', code: BREST }, BREST, GUIPAVAS],
    [{ name: 'Brest Métropole', level: 'epci', code: BREST_METROPOLE }, GUIPAVAS, RENNES],
    [{ name: 'Département du Finistère', level: 'departement', code: '29' }, ILE_DE_SEIN, RENNES],
    [{ name: 'Région Bretagne', level: 'region', code: '53' }, RENNES, NANTES],
  ] as [Authority, string, string][])("'authority' for %j admits its residents only", (authority, inside, outside) => {
    expect(statusOf(open, { ...adult, bzh_commune: inside }, { type: 'authority' }, authority)).toBe('eligible');
    expect(statusOf(open, { ...adult, bzh_commune: outside }, { type: 'authority' }, authority)).toBe('ineligible');
    expect(statusOf(open, adult, { type: 'authority' }, authority)).toBe('unknown');
  });

  it.each([
    [{ name: 'L’État', level: 'national', code: '110000015' }],
    [{ name: 'CAF du Morbihan', level: 'autre', code: '777907700' }],
  ] as [Authority][])("'authority' for %j restricts nothing", (authority) => {
    expect(statusOf(open, { ...adult, bzh_commune: NANTES }, { type: 'authority' }, authority)).toBe('eligible');
  });

  it.each([
    [{ type: 'communes', codes: [BREST] }, BREST, RENNES],
    [{ type: 'epcis', codes: [RENNES_METROPOLE] }, RENNES, BREST],
    [{ type: 'departements', codes: ['29', '56'] }, BREST, RENNES],
    [{ type: 'regions', codes: ['53'] }, BREST, NANTES],
  ] as [Zone, string, string][])('%j admits its residents only', (zone, inside, outside) => {
    expect(statusOf(open, { ...adult, bzh_commune: inside }, zone)).toBe('eligible');
    expect(statusOf(open, { ...adult, bzh_commune: outside }, zone)).toBe('ineligible');
  });

  it("'france' restricts nothing", () => {
    expect(statusOf(open, { ...adult, bzh_commune: NANTES }, { type: 'france' })).toBe('eligible');
  });

  it('is ANDed with the eligibility rule, and explained first', () => {
    const zone: Zone = { type: 'epcis', codes: [BREST_METROPOLE] };
    const result = run(
      { type: 'age', operator: '<=', value: 25 },
      { birthdate: '2010-01-01', bzh_commune: RENNES },
      zone,
    );
    expect(result.status).toBe('ineligible');
    expect(result.reasons?.map((r) => r.status)).toEqual(['false', 'true']);
  });
});

describe('missing claims', () => {
  const ageRule: Condition = { type: 'age', operator: '<=', value: 25 };
  const unmodelled: Condition = { type: 'unmodelled', key: 'statut_logement', label: 'être locataire' };

  it('names the claims whose absence leaves the result open, with the scope that releases them', () => {
    const rule: Condition = {
      type: 'all',
      conditions: [
        ageRule,
        { type: 'quotient_familial', operator: '<=', value: 700 },
        { type: 'boursier', value: true },
        { type: 'disability_rate', operator: '>', value: 0 },
      ],
    };
    expect(run(rule, {}, { type: 'regions', codes: ['53'] }).missing).toEqual([
      { claim: 'bzh_commune', scope: 'bzh_residence' },
      { claim: 'birthdate', scope: 'birthdate' },
      { claim: 'bzh_quotient_familial', scope: 'bzh_foyer' },
      { claim: 'bzh_boursier', scope: 'bzh_situation' },
      { claim: 'bzh_disability_rate', scope: 'bzh_handicap' },
    ]);
  });

  it('lists each claim once', () => {
    const rule: Condition = { type: 'any', conditions: [ageRule, { type: 'age', operator: '>=', value: 60 }] };
    expect(run(rule, {}).missing).toEqual([{ claim: 'birthdate', scope: 'birthdate' }]);
  });

  it('asks for nothing once an AND is false or an OR is true', () => {
    const activity: Condition = { type: 'activity', values: ['etudiant'] };
    expect(run({ type: 'all', conditions: [activity, ageRule] }, { bzh_activity: 'salarie' })).toEqual(
      expect.objectContaining({ status: 'ineligible', missing: [] }),
    );
    expect(run({ type: 'any', conditions: [activity, ageRule] }, { bzh_activity: 'etudiant' })).toEqual(
      expect.objectContaining({ status: 'eligible', missing: [] }),
    );
  });

  it('asks for a claim beside an unmodelled condition, since it could still make the result false', () => {
    expect(run({ type: 'all', conditions: [ageRule, unmodelled] }, {}).missing).toEqual([
      { claim: 'birthdate', scope: 'birthdate' },
    ]);
    expect(run(unmodelled, {}).missing).toEqual([]);
  });

  it('asks only for what could decide within an undecided OR', () => {
    const rule: Condition = {
      type: 'any',
      conditions: [
        { type: 'activity', values: ['etudiant'] },
        {
          type: 'all',
          conditions: [
            { type: 'boursier', value: true },
            { type: 'study_level', values: ['licence_1'] },
          ],
        },
      ],
    };
    expect(run(rule, { bzh_activity: 'salarie', bzh_boursier: false }).status).toBe('ineligible');
    expect(run(rule, { bzh_activity: 'salarie', bzh_boursier: true }).missing).toEqual([
      { claim: 'bzh_study_level', scope: 'bzh_situation' },
    ]);
  });
});

describe('explanations', () => {
  const texts = (condition: Condition, claims: Claims, zone?: Zone, authority?: Authority) =>
    run(condition, claims, zone, authority).reasons?.map((r) => r.text);

  it('says what is known and what is required, in plain French', () => {
    expect(texts({ type: 'age', operator: '<=', value: 25 }, { birthdate: '2004-05-01' })).toEqual([
      'Vous avez 22 ans : il faut avoir 25 ans ou moins.',
    ]);
    expect(texts({ type: 'age', operator: '<=', value: 25 }, {})).toEqual([
      'Il faut avoir 25 ans ou moins : votre date de naissance n’est pas partagée.',
    ]);
    expect(texts({ type: 'quotient_familial', operator: '<=', value: 700 }, { bzh_quotient_familial: 812.5 })).toEqual([
      'Votre quotient familial est de 812,5 € par mois : il faut avoir un quotient familial de 700 € par mois ou moins.',
    ]);
    expect(texts({ type: 'activity', values: ['etudiant', 'apprenti'] }, { bzh_activity: 'demandeur_emploi' })).toEqual(
      ['Vous êtes demandeur ou demandeuse d’emploi : il faut être étudiant ou étudiante, ou en apprentissage.'],
    );
    expect(texts({ type: 'study_level', values: ['licence_2'] }, { bzh_study_level: 'bts_1' })).toEqual([
      'Vous êtes en 1re année de BTS : il faut être en 2e année de licence.',
    ]);
  });

  it('names the communes, EPCI and départements', () => {
    expect(texts({ type: 'residence', epcis: [BREST_METROPOLE] }, { bzh_commune: RENNES })).toEqual([
      'Vous habitez Rennes (Rennes Métropole) : le service est réservé aux habitants de Brest Métropole.',
    ]);
    expect(texts({ type: 'residence', departements: ['29', '22'] }, { bzh_commune: RENNES })).toEqual([
      'Vous habitez Rennes (Rennes Métropole) : le service est réservé aux habitants du Finistère ou des Côtes-d’Armor.',
    ]);
    expect(
      texts({ type: 'not', condition: { type: 'residence', epcis: [BREST_METROPOLE] } }, { bzh_commune: GUIPAVAS }),
    ).toEqual([
      'Vous habitez Guipavas (Brest Métropole) : le service n’est pas ouvert aux habitants de Brest Métropole.',
    ]);
    expect(texts({ type: 'residence', communes: [BREST] }, {})).toEqual([
      'Le service est réservé aux habitants de Brest : votre commune n’est pas partagée.',
    ]);
  });

  it('sends unmodelled conditions to whoever checks them, or to the authority', () => {
    expect(
      texts({ type: 'unmodelled', key: 'statut_logement', label: 'être locataire', checkWith: 'CAF' }, {}),
    ).toEqual(['À vérifier auprès de la CAF : être locataire.']);
    expect(texts({ type: 'unmodelled', key: 'statut_logement', label: 'être locataire' }, {})).toEqual([
      'À vérifier auprès de la Région Bretagne : être locataire.',
    ]);
  });

  it('goes condition by condition, nesting what is nested, each with its status', () => {
    const rule: Condition = {
      type: 'all',
      conditions: [
        { type: 'age', operator: '<=', value: 25 },
        {
          type: 'any',
          conditions: [
            { type: 'activity', values: ['etudiant'] },
            { type: 'boursier', value: true },
          ],
        },
      ],
    };
    expect(run(rule, { birthdate: '2004-05-01', bzh_activity: 'salarie' }).reasons).toEqual([
      { status: 'true', text: 'Vous avez 22 ans : il faut avoir 25 ans ou moins.' },
      {
        status: 'unknown',
        text: 'Au moins une de ces conditions doit être remplie :',
        children: [
          { status: 'false', text: 'Vous êtes salarié ou salariée : il faut être étudiant ou étudiante.' },
          {
            status: 'unknown',
            text: 'Il faut être boursier ou boursière : votre statut de boursier n’est pas partagé.',
          },
        ],
      },
    ]);
  });

  it('builds no explanation unless asked', () => {
    const compiled = compileService(service({ type: 'age', operator: '<=', value: 25 }));
    expect(evaluate(compiled, { birthdate: '2004-05-01' }, { today })).not.toHaveProperty('reasons');
    expect(evaluate(compiled, { birthdate: '2004-05-01' }, { today, explain: false })).not.toHaveProperty('reasons');
  });
});

describe('a catalogue', () => {
  it('matches every service in catalogue order, as one by one', () => {
    const services = [
      { ...service({ type: 'age', operator: '<=', value: 25 }), id: 'jeunes' },
      { ...service(null, { type: 'communes', codes: [BREST] }), id: 'brest' },
      { ...service({ type: 'boursier', value: true }), id: 'boursiers' },
    ];
    const compiled = services.map(compileService);
    const claims: Claims = { birthdate: '2004-05-01', bzh_commune: RENNES };
    const matches = matchAll(compiled, claims, { today, explain: true });
    expect(matches.map((m) => [m.service.id, m.status])).toEqual([
      ['jeunes', 'eligible'],
      ['brest', 'ineligible'],
      ['boursiers', 'unknown'],
    ]);
    matches.forEach(({ service: _service, ...result }, i) => {
      expect(result).toEqual(evaluate(compiled[i]!, claims, { today, explain: true }));
    });
  });

  it('refuses a condition type it does not know, naming the service', () => {
    expect(() => compileService(service({ type: 'horoscope' } as unknown as Condition))).toThrow(
      /test-service.*horoscope/,
    );
  });
});

describe('names of bodies in sentences ("à vérifier auprès …")', () => {
  it.each([
    ['Brest', 'de Brest'],
    ['Auray', 'd’Auray'],
    ['Le Relecq-Kerhuon', 'du Relecq-Kerhuon'],
    ['Les Iffs', 'des Iffs'],
    ['La Roche-Bernard', 'de La Roche-Bernard'],
    ['L’Hermitage', 'de L’Hermitage'],
    ['CAF d’Ille-et-Vilaine', 'de la CAF d’Ille-et-Vilaine'],
    [
      'Communauté de communes du Pays de Landerneau-Daoulas',
      'de la Communauté de communes du Pays de Landerneau-Daoulas',
    ],
    ['Communauté d’agglomération Golfe du Morbihan', 'de la Communauté d’agglomération Golfe du Morbihan'],
    ['Mutualité Sociale Agricole Portes de Bretagne', 'de la Mutualité Sociale Agricole Portes de Bretagne'],
    ['Département du Finistère', 'du Département du Finistère'],
    ['L’État français', 'de l’État français'],
    ["L'Union européenne", 'de l’Union européenne'],
    ['Éducation nationale', 'de l’Éducation nationale'],
    ['Assurance maladie', 'de l’Assurance maladie'],
    // A body named with its article, in lower case, as checkWith names them.
    ['le centre de PMI le plus proche', 'du centre de PMI le plus proche'],
    ['la MDPH des Côtes-d’Armor', 'de la MDPH des Côtes-d’Armor'],
    ['l’organisme de formation en langue bretonne', 'de l’organisme de formation en langue bretonne'],
    ["l'organisme", 'de l’organisme'],
    ['les services sociaux du Département', 'des services sociaux du Département'],
    ['un conseiller écoTravo', 'd’un conseiller écoTravo'],
    ['votre conseiller France Travail', 'de votre conseiller France Travail'],
    // "de Le", "de Les" inside a name contract too; "de La" does not.
    ['Ville de Le Relecq-Kerhuon', 'de la Ville du Relecq-Kerhuon'],
    ['Mairie de Les Iffs', 'de la Mairie des Iffs'],
    ['Ville de La Roche-Bernard', 'de la Ville de La Roche-Bernard'],
    // The official short forms of EPCI names are spelt out.
    ['CC Auray Quiberon Terre Atlantique', 'de la Communauté de communes Auray Quiberon Terre Atlantique'],
    ['CA Lorient Agglomération', 'de la Communauté d’agglomération Lorient Agglomération'],
    ['CU Exemple', 'de la Communauté urbaine Exemple'],
  ])('%s → %s', (name, expected) => {
    expect(deName(name)).toBe(expected);
  });
});

describe('French of the explanations', () => {
  const texts = (condition: Condition, claims: Claims, zone?: Zone, authority?: Authority) =>
    run(condition, claims, zone, authority).reasons?.map((r) => r.text);
  const AURAY_QUIBERON = '200043123';

  it('sends a check to a body named with its article', () => {
    const condition: Condition = {
      type: 'unmodelled',
      key: 'suivi_pmi',
      label: 'être suivie par la PMI',
      checkWith: 'le centre de PMI le plus proche',
    };
    expect(texts(condition, {})).toEqual([
      'À vérifier auprès du centre de PMI le plus proche : être suivie par la PMI.',
    ]);
  });

  it('spells out "CC" and "CA" in the names of intercommunalités', () => {
    expect(texts({ type: 'residence', epcis: [AURAY_QUIBERON] }, { bzh_commune: '56007' })).toEqual([
      'Vous habitez Auray (Communauté de communes Auray Quiberon Terre Atlantique) : le service est réservé aux habitants de la Communauté de communes Auray Quiberon Terre Atlantique.',
    ]);
    expect(texts({ type: 'residence', communes: [BREST] }, { bzh_commune: '56121' })).toEqual([
      'Vous habitez Lorient (Communauté d’agglomération Lorient Agglomération) : le service est réservé aux habitants de Brest.',
    ]);
  });

  it.each([
    ['<=', 1, 1, 'Votre foyer compte une personne : il faut vivre dans un foyer d’une personne ou moins.'],
    ['==', 1, 2, 'Votre foyer compte 2 personnes : il faut vivre dans un foyer d’une personne.'],
    ['>', 1, 3, 'Votre foyer compte 3 personnes : il faut vivre dans un foyer de plus d’une personne.'],
    ['>=', 3, 3, 'Votre foyer compte 3 personnes : il faut vivre dans un foyer de 3 personnes ou plus.'],
    ['<', 4, 2, 'Votre foyer compte 2 personnes : il faut vivre dans un foyer de moins de 4 personnes.'],
  ] as const)('says a household of %s %i in words (a household of %i)', (operator, value, size, text) => {
    expect(texts({ type: 'household_size', operator, value }, { bzh_household_size: size })).toEqual([text]);
  });
});
