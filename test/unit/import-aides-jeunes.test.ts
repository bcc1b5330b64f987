// Fixtures are written here in the aides-jeunes format; nothing is taken from the real catalogue.
import { describe, expect, it } from 'vitest';
import { importAidesJeunes } from '../../directory/src/catalogue/import-aides-jeunes.ts';
import type { Claims, Condition, Service } from '../../directory/src/catalogue/model.ts';
import { compileService, evaluate } from '../../directory/src/eligibility/index.ts';

const today = new Date('2026-11-28T12:00:00+01:00');

const commune = {
  slug: 'ville_test',
  label: 'Ville de Ploufragan',
  type: 'commune',
  code_insee: '22215',
  code_siren: '212202154',
};
const epci = { slug: 'epci_test', label: 'Brest Métropole', type: 'epci', code_insee: null, code_siren: '242900314' };
const region = { slug: 'region_test', label: 'Bretagne', type: 'region', code_insee: '53', code_siren: '233500016' };
const departement = {
  slug: 'dep_test',
  label: 'Département du Finistère',
  type: 'departement',
  code_insee: '29',
  code_siren: '222900016',
};
const caf = {
  slug: 'caf_test',
  label: 'CAF du Morbihan',
  type: 'caf',
  code_insee: null,
  code_siren: '777907700',
  departments: ['56'],
};
const association = {
  slug: 'asso_test',
  label: 'Association Exemple',
  type: 'autre',
  code_insee: '',
  code_siren: '440211852',
};

function benefit(id: string, fields: Record<string, unknown> = {}) {
  return {
    id,
    label: `Aide ${id}`,
    description: 'Une aide inventée pour les tests.',
    institution: region,
    source: 'javascript',
    type: 'float',
    montant: 100,
    unit: '€',
    periodicite: 'ponctuelle',
    conditions_generales: [],
    profils: [],
    conditions_textuelles_non_modelisees: [],
    links: { link: 'https://exemple.bzh/aide' },
    ...fields,
  };
}

function one(fields: Record<string, unknown>): Service {
  const { services } = importAidesJeunes([benefit('test-aide', fields)]);
  return services[0]!;
}
const rule = (fields: Record<string, unknown>) => one(fields).eligibility;
const status = (fields: Record<string, unknown>, claims: Claims) =>
  evaluate(compileService(one(fields)), claims, { today }).status;

describe('importing general conditions', () => {
  it.each([
    [
      { type: 'age', operator: '<=', value: 25 },
      { type: 'age', operator: '<=', value: 25 },
    ],
    [
      { type: 'age', operator: '=', value: '18' },
      { type: 'age', operator: '==', value: 18 },
    ],
    [
      { type: 'quotient_familial', operator: '<=', value: 700, period: 'month' },
      { type: 'quotient_familial', operator: '<=', value: 700 },
    ],
    [
      { type: 'quotient_familial', operator: '<=', value: 12000, period: 'year' },
      { type: 'quotient_familial', operator: '<=', value: 12000, period: 'year' },
    ],
    [
      { type: 'quotient_familial', floor: 9000, period: 'year' },
      { type: 'quotient_familial', operator: '<=', value: 9000, period: 'year' },
    ],
    [
      // Without a period, aides-jeunes compares a yearly figure.
      { type: 'quotient_familial', operator: '<', value: 18000 },
      { type: 'quotient_familial', operator: '<', value: 18000, period: 'year' },
    ],
    [
      { type: 'taux_incapacite', operator: '>=', value: 0.8 },
      { type: 'disability_rate', operator: '>=', value: 80 },
    ],
    [
      { type: 'communes', values: ['29019', '29075'] },
      { type: 'residence', communes: ['29019', '29075'] },
    ],
    [
      { type: 'codes_postaux', values: ['29200'] },
      { type: 'residence', postalCodes: ['29200'] },
    ],
    [
      { type: 'excluded_epcis', values: ['242900314'] },
      { type: 'not', condition: { type: 'residence', epcis: ['242900314'] } },
    ],
    [
      { type: 'not', value: { type: 'epcis', values: ['242900314'] } },
      { type: 'not', condition: { type: 'residence', epcis: ['242900314'] } },
    ],
    [
      { type: 'annee_etude', values: ['bts_1', 'but_1', 'but_1'] },
      { type: 'study_level', values: ['bts_1', 'but_1'] },
    ],
    [{ type: 'boursier' }, { type: 'boursier', value: true }],
    [
      { type: 'enfants_eligibles', operator: '>=', value: 2, age_min: 3, age_max: 12 },
      { type: 'children', minCount: 2, minAge: 3, maxAge: 12 },
    ],
    [
      { type: 'enfants_eligibles', operator: '<', value: 1 },
      { type: 'not', condition: { type: 'children', minCount: 1 } },
    ],
  ] as [Record<string, unknown>, Condition][])('maps %j', (source, expected) => {
    // After a first geographic condition, which becomes the zone, so that this one stays a condition.
    const service = one({ conditions_generales: [{ type: 'regions', values: ['53'] }, source] });
    expect(service.zone).toEqual({ type: 'authority' });
    expect(service.eligibility).toEqual(expected);
  });

  it.each([
    [
      { type: 'regime_securite_sociale', includes: ['regime_general'] },
      'être affilié au régime général de la sécurité sociale',
    ],
    [
      { type: 'statut_occupation_logement', excludes: ['loge_gratuitement', 'sans_domicile'] },
      'pour votre logement, n’être ni logé gratuitement ni sans domicile',
    ],
    [{ type: 'statut_occupation_logement', includes: ['locataire'] }, 'pour votre logement, être locataire'],
    [
      { type: 'mention_baccalaureat', values: ['mention_tres_bien'] },
      'avoir obtenu le baccalauréat avec la mention très bien',
    ],
    [
      { type: 'difficultes_acces_ou_frais_logement', value: true },
      'avoir des difficultés pour accéder à un logement ou pour en payer les frais',
    ],
    [{ type: 'formation_sanitaire_social' }, 'suivre une formation du secteur sanitaire ou social'],
    [{ type: 'agence_travail_temporaire' }, 'être inscrit ou inscrite dans une agence de travail temporaire'],
    [{ type: 'condition_inventee' }, 'remplir la condition « condition_inventee » de l’aide'],
  ])('keeps %j as an unmodelled condition', (source, label) => {
    expect(rule({ conditions_generales: [source] })).toEqual({ type: 'unmodelled', key: source.type, label });
  });

  it('drops a geographic condition with no values, which the source reads as no restriction', () => {
    const service = one({
      conditions_generales: [
        { type: 'departements', values: [] },
        { type: 'age', operator: '<', value: 30 },
      ],
    });
    expect(service.eligibility).toEqual({ type: 'age', operator: '<', value: 30 });
    expect(service.zone).toEqual({ type: 'france' });
  });
});

describe('the zone and the authority', () => {
  it.each([
    [
      commune,
      { type: 'authority' },
      { name: 'Ville de Ploufragan', level: 'commune', code: '22215', siren: '212202154' },
    ],
    [epci, { type: 'authority' }, { name: 'Brest Métropole', level: 'epci', code: '242900314', siren: '242900314' }],
    [
      departement,
      { type: 'authority' },
      { name: 'Département du Finistère', level: 'departement', code: '29', siren: '222900016' },
    ],
    [region, { type: 'authority' }, { name: 'Région Bretagne', level: 'region', code: '53', siren: '233500016' }],
    [
      caf,
      { type: 'departements', codes: ['56'] },
      { name: 'CAF du Morbihan', level: 'autre', code: '777907700', siren: '777907700' },
    ],
  ])('attached_to_institution of %j becomes the zone', (institution, zone, authority) => {
    const service = one({ institution, conditions_generales: [{ type: 'attached_to_institution' }] });
    expect(service.zone).toEqual(zone);
    expect(service.authority).toEqual(authority);
    expect(service.eligibility).toBeNull();
  });

  it('keeps attached_to_institution unmodelled for an institution without a territory', () => {
    const service = one({ institution: association, conditions_generales: [{ type: 'attached_to_institution' }] });
    expect(service.zone).toEqual({ type: 'france' });
    expect(service.eligibility).toEqual({
      type: 'unmodelled',
      key: 'attached_to_institution',
      label: 'habiter le territoire d’Association Exemple',
    });
  });

  it('takes the first geographic condition as the zone and keeps the others as conditions', () => {
    const service = one({
      institution: caf,
      conditions_generales: [
        { type: 'age', operator: '>=', value: 16 },
        { type: 'departements', values: ['56'] },
        { type: 'communes', values: ['56260'] },
      ],
    });
    expect(service.zone).toEqual({ type: 'departements', codes: ['56'] });
    expect(service.eligibility).toEqual({
      type: 'all',
      conditions: [
        { type: 'age', operator: '>=', value: 16 },
        { type: 'residence', communes: ['56260'] },
      ],
    });
  });

  it("says 'authority' when the territory is the authority's own", () => {
    expect(one({ conditions_generales: [{ type: 'regions', values: ['53'] }] }).zone).toEqual({ type: 'authority' });
  });
});

describe('importing profiles', () => {
  const profiled = (profils: unknown[]) => one({ profils });
  const claimsOf = (activity: string, extra: Claims = {}): Claims => ({ bzh_activity: activity, ...extra });

  it.each([
    ['chomeur', 'demandeur_emploi', 'salarie'],
    ['salarie', 'salarie', 'independant'],
    ['apprenti', 'apprenti', 'etudiant'],
    ['independant', 'independant', 'salarie'],
    ['inactif', 'inactif', 'retraite'],
    ['etudiant', 'lyceen', 'salarie'],
    ['enseignement_superieur', 'etudiant', 'lyceen'],
    ['lyceen', 'lyceen', 'etudiant'],
  ])('profile %s: eligible as %s, not as %s', (type, yes, no) => {
    const fields = { profils: [{ type, conditions: [] }] };
    expect(status(fields, claimsOf(yes))).toBe('eligible');
    expect(status(fields, claimsOf(no))).toBe('ineligible');
    expect(status(fields, {})).toBe('unknown');
  });

  it('counts an apprentice as a student or a lycéen by their year of study', () => {
    const superieur = { profils: [{ type: 'enseignement_superieur' }] };
    const lycee = { profils: [{ type: 'lyceen' }] };
    expect(status(superieur, claimsOf('apprenti', { bzh_study_level: 'licence_3' }))).toBe('eligible');
    expect(status(lycee, claimsOf('apprenti', { bzh_study_level: 'licence_3' }))).toBe('ineligible');
    expect(status(lycee, claimsOf('apprenti', { bzh_study_level: 'cap_1' }))).toBe('eligible');
  });

  it('reads situation_handicap as any recognised incapacity, and parent as having a child', () => {
    const handicap = { profils: [{ type: 'situation_handicap' }] };
    expect(status(handicap, { bzh_disability_rate: 30 })).toBe('eligible');
    expect(status(handicap, { bzh_disability_rate: 0 })).toBe('ineligible');
    const parent = { profils: [{ type: 'parent' }] };
    expect(status(parent, { bzh_children_birthyears: [2019] })).toBe('eligible');
    expect(status(parent, { bzh_children_birthyears: [] })).toBe('ineligible');
  });

  it('keeps profiles no claim describes as unmodelled, narrowed by activity where the source asks only some people', () => {
    expect(profiled([{ type: 'service_civique' }]).eligibility).toEqual({
      type: 'unmodelled',
      key: 'service_civique',
      label: 'être en service civique',
    });
    expect(profiled([{ type: 'collegien' }]).eligibility).toMatchObject({ type: 'unmodelled', key: 'collegien' });
    expect(profiled([{ type: 'beneficiaire_rsa' }]).eligibility).toMatchObject({
      type: 'unmodelled',
      key: 'beneficiaire_rsa',
    });
    expect(profiled([{ type: 'profil_invente' }]).eligibility).toMatchObject({
      type: 'unmodelled',
      key: 'profil_invente',
    });
    const stage = { profils: [{ type: 'stagiaire' }] };
    expect(status(stage, claimsOf('etudiant'))).toBe('unknown');
    expect(status(stage, claimsOf('retraite'))).toBe('ineligible');
    const pro = { profils: [{ type: 'professionnalisation' }] };
    expect(status(pro, claimsOf('salarie'))).toBe('unknown');
    expect(status(pro, claimsOf('demandeur_emploi'))).toBe('ineligible');
  });

  it('ANDs a profile with its conditions and ORs the profiles', () => {
    const fields = {
      profils: [
        { type: 'lyceen', conditions: [{ type: 'boursier' }] },
        { type: 'chomeur', conditions: [{ type: 'age', operator: '<', value: 26 }] },
      ],
    };
    expect(status(fields, claimsOf('lyceen', { bzh_boursier: true }))).toBe('eligible');
    expect(status(fields, claimsOf('lyceen', { bzh_boursier: false }))).toBe('ineligible');
    expect(status(fields, claimsOf('demandeur_emploi', { birthdate: '2000-01-01' }))).toBe('ineligible');
    expect(status(fields, claimsOf('demandeur_emploi', { birthdate: '2004-01-01' }))).toBe('eligible');
  });
});

describe('engines, interests and free text', () => {
  it('keeps an interest flag as an unmodelled condition with a snake_case key', () => {
    expect(rule({ interestFlag: '_interetPermisDeConduire' })).toEqual({
      type: 'unmodelled',
      key: 'interet_permis_de_conduire',
      label: 'préparer le permis de conduire',
    });
  });

  it('keeps the rules of OpenFisca and aides-vélo as unmodelled, with their territory as the zone', () => {
    const openfisca = one({
      source: 'openfisca',
      institution: epci,
      conditions_generales: null,
      openfisca: { entity: 'individus' },
    });
    expect(openfisca.zone).toEqual({ type: 'authority' });
    expect(openfisca.eligibility).toMatchObject({ type: 'unmodelled', key: 'openfisca' });
    const velo = one({
      source: 'aides-velo',
      institution: epci,
      conditions_generales: null,
      aidesVelo: { collectivity: { kind: 'code insee', value: '29019' } },
    });
    expect(velo.zone).toEqual({ type: 'communes', codes: ['29019'] });
    expect(velo.eligibility).toMatchObject({ type: 'unmodelled', key: 'aides_velo' });
  });

  it('keeps free-text and voluntary conditions as notes', () => {
    const service = one({
      conditions_textuelles_non_modelisees: ['Première note inventée.', '  ', 'Deuxième note inventée.'],
      voluntary_conditions: ['Un engagement inventé.'],
    });
    expect(service.notes).toEqual(['Première note inventée.', 'Deuxième note inventée.', 'Un engagement inventé.']);
  });
});

describe('text of the source as plain text', () => {
  it('keeps the text of links with their address, line breaks, expansions, and drops the markup', () => {
    const service = one({
      description:
        'Une aide &laquo;&nbsp;test&nbsp;&raquo;.<br>Deuxième ligne<br />et <strong>suite</strong>.\n\nNouveau paragraphe,\n    sur deux lignes.',
      conditions_textuelles_non_modelisees: [
        'Voir <a target="_blank" rel="noopener" title="Le site - Nouvelle fenêtre" href="https://exemple.bzh/aide">le site</a>.',
        'Appeler le <a href="tel:+33299000000">02 99 00 00 00</a> ou écrire à <a href="mailto:aide@exemple.bzh">aide@exemple.bzh</a>.',
        'Résider <abbr title="en métropole ou outre-mer">en France</abbr> depuis 3&#160;mois &amp; plus.',
        '<p>Premier.</p><p>Second.</p>',
      ],
    });
    expect(service.description).toBe(
      'Une aide «\u00a0test\u00a0».\nDeuxième ligne\net suite.\n\nNouveau paragraphe, sur deux lignes.',
    );
    expect(service.notes).toEqual([
      'Voir le site (https://exemple.bzh/aide).',
      'Appeler le 02 99 00 00 00 ou écrire à aide@exemple.bzh.',
      'Résider en France (en métropole ou outre-mer) depuis 3\u00a0mois & plus.',
      'Premier.\n\nSecond.',
    ]);
  });

  it('keeps a list of the source, one item a line', () => {
    const service = one({ description: 'Deux bourses :\n- la première,\n  sur deux lignes ;\n- la seconde.' });
    expect(service.description).toBe('Deux bourses :\n- la première, sur deux lignes ;\n- la seconde.');
  });
});

describe('names of institutions', () => {
  it.each([
    [{ ...departement, label: 'Département Ille-et-Vilaine', code_insee: '35' }, 'Département d’Ille-et-Vilaine'],
    [{ ...departement, label: 'Département Morbihan', code_insee: '56' }, 'Département du Morbihan'],
    [{ ...departement, label: "Département des Côtes d'Armor", code_insee: '22' }, 'Département des Côtes-d’Armor'],
    [{ ...commune, label: 'Ville de Le Relecq-Kerhuon', code_insee: '29235' }, 'Ville du Relecq-Kerhuon'],
    [{ ...commune, label: 'Ville de Les Iffs', code_insee: '35133' }, 'Ville des Iffs'],
    [{ ...commune, label: 'Ville de La Roche-Bernard', code_insee: '56195' }, 'Ville de La Roche-Bernard'],
    // One apostrophe in our French, whichever the source typed.
    [
      { type: 'epci', label: "Communauté de communes Val d'Ille-Aubigné", code_siren: '243500667' },
      'Communauté de communes Val d’Ille-Aubigné',
    ],
  ])('names %j "%s"', (institution, name) => {
    expect(one({ institution }).authority.name).toBe(name);
  });
});

describe('thematics and audiences', () => {
  it.each([
    [{ id: 'aah', label: 'allocation aux adultes handicapés' }, ['handicap'], ['handicap']],
    [{ id: 'aide_logement', label: 'aides au logement' }, ['logement'], ['tous']],
    [{ id: 'af', label: 'allocations familiales' }, ['famille'], ['familles']],
    [{ id: 'rsa', label: 'revenu de solidarité active' }, ['solidarite'], ['faibles_revenus']],
    [{ id: 'cheque', label: 'chèque Énergie' }, ['environnement', 'logement'], ['faibles_revenus']],
    [{ id: 'css', label: 'complémentaire santé solidaire' }, ['sante', 'solidarite'], ['tous']],
    [{ id: 'aide-bafa', label: 'aide au BAFA' }, ['jeunesse'], ['jeunes']],
    [{ id: 'aide-velo', label: 'Aide à l’achat d’un vélo' }, ['transport'], ['tous']],
    [{ id: 'mystere', label: 'Aide mystère' }, ['jeunesse'], ['tous']],
    [
      { id: 'x', label: 'Aide X', institution: { ...association, slug: 'assurance_maladie', type: 'national' } },
      ['sante'],
      ['tous'],
    ],
    [
      { id: 'y', label: 'Aide Y', conditions_generales: [{ type: 'age', operator: '<=', value: 25 }] },
      ['jeunesse'],
      ['jeunes'],
    ],
  ])('files %j under %j, for %j', (fields, thematics, audiences) => {
    const service = importAidesJeunes([benefit(fields.id, fields)]).services[0]!;
    expect(service.thematics.sort()).toEqual(thematics);
    expect(service.audiences.sort()).toEqual(audiences);
  });
});

describe('the service and the report', () => {
  it('keeps the source id and describes the service', () => {
    const service = one({
      links: { link: 'https://exemple.bzh/aide', form: 'http://exemple.bzh/formulaire', teleservice: '' },
      montant: 16.5,
      periodicite: 'mensuelle',
      legend: 'au lieu de 30 €',
    });
    expect(service).toMatchObject({
      id: 'test-aide',
      title: 'Aide test-aide',
      source: { name: 'aides-jeunes', id: 'test-aide', url: 'https://exemple.bzh/aide' },
      amount: { value: 16.5, unit: '€', text: '16,5 € par mois (au lieu de 30 €)' },
      channels: [
        { type: 'information', label: 'En savoir plus', url: 'https://exemple.bzh/aide' },
        { type: 'form', label: 'Formulaire de demande', url: 'https://exemple.bzh/formulaire' },
      ],
      published: true,
    });
  });

  it('counts services, conditions and profiles by type, notes, and what it skipped', () => {
    const { services, report } = importAidesJeunes({
      meta: { extractedAt: '2026-11-28T10:00:00.000Z' },
      une: [
        benefit('a', {
          conditions_generales: [
            { type: 'regions', values: ['53'] },
            { type: 'age', operator: '<=', value: 25 },
            { type: 'formation_sanitaire_social' },
          ],
          profils: [{ type: 'chomeur' }, { type: 'stagiaire' }],
          conditions_textuelles_non_modelisees: ['Note un.', 'Note deux.'],
          private: true,
        }),
        benefit('b', {
          interestFlag: '_interetBafa',
          profils: [{ type: 'lyceen', conditions: [{ type: 'boursier' }] }],
        }),
      ],
      autre: [benefit('a'), { id: 'sans-institution', label: 'x' }, 'pas un objet'],
    });
    expect(services.map((s) => [s.id, s.updatedAt])).toEqual([
      ['a', '2026-11-28T10:00:00.000Z'],
      ['b', '2026-11-28T10:00:00.000Z'],
    ]);
    expect(report).toEqual({
      records: 5,
      services: 2,
      skipped: [
        { id: 'a', reason: 'duplicate id' },
        { id: 'sans-institution', reason: 'no institution' },
        { reason: 'not an object' },
      ],
      conditions: {
        regions: { modelled: 1, unmodelled: 0 },
        age: { modelled: 1, unmodelled: 0 },
        formation_sanitaire_social: { modelled: 0, unmodelled: 1 },
        boursier: { modelled: 1, unmodelled: 0 },
        interestFlag: { modelled: 0, unmodelled: 1 },
      },
      profiles: {
        chomeur: { modelled: 1, unmodelled: 0 },
        stagiaire: { modelled: 0, unmodelled: 1 },
        lyceen: { modelled: 1, unmodelled: 0 },
      },
      notes: 2,
      fullyModelled: 0,
      zones: { authority: 1, france: 1 },
      private: 1,
    });
  });

  it('refuses input that holds no list of benefits', () => {
    expect(() => importAidesJeunes('nope')).toThrow(/list of aides-jeunes benefits/);
  });
});
