import { describe, it, expect } from 'vitest';
import { demoCatalogue } from '../../directory/src/catalogue/demo-catalogue.ts';
import { parseService, MAX_CONDITION_DEPTH, MAX_CONDITION_LEAVES } from '../../directory/src/catalogue/schema.ts';
import { AUDIENCES, THEMATICS } from '../../directory/src/catalogue/model.ts';
import type { Condition, Level, Service } from '../../directory/src/catalogue/model.ts';
import {
  BRETON_DEPARTEMENTS,
  BRITTANY_REGION,
  communesByPostalCode,
  findCommune,
  findDepartement,
  findEpci,
  findRegion,
  normaliseForSearch,
} from '../../territory/territory.ts';

function leaves(condition: Condition | null): Condition[] {
  if (condition === null) return [];
  if (condition.type === 'all' || condition.type === 'any') return condition.conditions.flatMap(leaves);
  if (condition.type === 'not') return leaves(condition.condition);
  return [condition];
}

// The claim each leaf reads, as the evaluator will: residence reads the commune (from which the
// directory derives the EPCI, département and région).
const CLAIM_OF: Record<string, string | undefined> = {
  age: 'birthdate',
  quotient_familial: 'bzh_quotient_familial',
  household_size: 'bzh_household_size',
  children: 'bzh_children_birthyears',
  disability_rate: 'bzh_disability_rate',
  residence: 'bzh_commune',
  activity: 'bzh_activity',
  study_level: 'bzh_study_level',
  boursier: 'bzh_boursier',
  unmodelled: undefined,
};

function claimsOf(service: Service): Set<string> {
  return new Set(leaves(service.eligibility).flatMap((leaf) => CLAIM_OF[leaf.type] ?? []));
}

function slug(name: string): string {
  return normaliseForSearch(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const byLevel = (level: Level) => demoCatalogue.filter((s) => s.authority.level === level);

function sample(): Record<string, unknown> {
  const service = demoCatalogue.find((s) => s.id === 'rennes-piscines-tarif-reduit');
  if (!service) throw new Error('the sample service is missing from the demo catalogue');
  return structuredClone(service) as unknown as Record<string, unknown>;
}

function issuesOf(value: unknown): string[] {
  const result = parseService(value);
  if (result.ok) throw new Error('expected parseService to reject the input');
  return result.issues;
}

describe('demo catalogue', () => {
  it('passes the schema, as stored (after a JSON round trip)', () => {
    const failures = demoCatalogue.flatMap((service) => {
      const result = parseService(JSON.parse(JSON.stringify(service)));
      return result.ok ? [] : [{ id: service.id, issues: result.issues }];
    });
    expect(failures).toEqual([]);
  });

  it('has unique kebab-case ids', () => {
    const ids = demoCatalogue.map((s) => s.id);
    expect(ids.length - new Set(ids).size).toBe(0);
    expect(ids.filter((id) => !/^[a-z0-9][a-z0-9-]{1,80}$/.test(id))).toEqual([]);
  });

  it('covers every level with at least 8 services, 45 in all', () => {
    expect(demoCatalogue.length).toBeGreaterThanOrEqual(45);
    for (const level of ['commune', 'epci', 'departement', 'region'] as const) {
      expect(byLevel(level).length, level).toBeGreaterThanOrEqual(8);
    }
    expect(byLevel('national')).toEqual([]);
  });

  it('serves all four départements', () => {
    expect(new Set(byLevel('departement').map((s) => s.authority.code))).toEqual(new Set(BRETON_DEPARTEMENTS));
  });

  it('uses all but at most 3 thematics, and only known thematics and audiences', () => {
    const used = new Set(demoCatalogue.flatMap((s) => s.thematics));
    const unused = Object.keys(THEMATICS).filter((key) => !used.has(key));
    expect(unused.length, `unused: ${unused.join(', ')}`).toBeLessThanOrEqual(3);
    for (const key of used) expect(Object.keys(THEMATICS)).toContain(key);
    for (const key of new Set(demoCatalogue.flatMap((s) => s.audiences))) expect(Object.keys(AUDIENCES)).toContain(key);
  });

  it('names authorities that exist, with their real SIREN', () => {
    for (const { id, authority } of demoCatalogue) {
      if (authority.level === 'commune') {
        const commune = findCommune(authority.code);
        expect(commune?.region, id).toBe(BRITTANY_REGION);
        expect(authority.siren, id).toBe(commune?.siren);
        expect(authority.name.endsWith(commune?.name ?? '?'), id).toBe(true);
        expect(id.startsWith(`${slug(commune?.name ?? '?')}-`), id).toBe(true);
      } else if (authority.level === 'epci') {
        expect(findEpci(authority.code), id).toBeDefined();
        expect(authority.siren, id).toBe(authority.code);
      } else if (authority.level === 'departement') {
        const departement = findDepartement(authority.code);
        expect(departement?.region, id).toBe(BRITTANY_REGION);
        expect(id.startsWith(`${slug(departement?.name ?? '?')}-`), id).toBe(true);
      } else if (authority.level === 'region') {
        expect(authority.code, id).toBe(BRITTANY_REGION);
        expect(authority.siren, id).toBe('233500016');
        expect(id.startsWith('region-'), id).toBe(true);
      }
    }
    const departementSirens = new Map(byLevel('departement').map((s) => [s.authority.code, s.authority.siren]));
    expect(Object.fromEntries(departementSirens)).toEqual({
      '22': '222200016',
      '29': '222900011',
      '35': '223500018',
      '56': '225600014',
    });
  });

  it('only uses territory codes that exist, in zones and in residence conditions', () => {
    const unknown: string[] = [];
    const check = (id: string, kind: string, codes: string[] | undefined, exists: (code: string) => boolean) => {
      for (const code of codes ?? []) if (!exists(code)) unknown.push(`${id}: ${kind} ${code}`);
    };
    const commune = (code: string) => findCommune(code) !== undefined;
    const epci = (code: string) => findEpci(code) !== undefined;
    const departement = (code: string) => findDepartement(code) !== undefined;
    const region = (code: string) => findRegion(code) !== undefined;
    const postalCode = (code: string) => communesByPostalCode(code).length > 0;
    for (const service of demoCatalogue) {
      const { id, zone } = service;
      if (zone.type === 'communes') check(id, 'commune', zone.codes, commune);
      if (zone.type === 'epcis') check(id, 'EPCI', zone.codes, epci);
      if (zone.type === 'departements') check(id, 'département', zone.codes, departement);
      if (zone.type === 'regions') check(id, 'région', zone.codes, region);
      for (const leaf of leaves(service.eligibility)) {
        if (leaf.type !== 'residence') continue;
        check(id, 'commune', leaf.communes, commune);
        check(id, 'EPCI', leaf.epcis, epci);
        check(id, 'département', leaf.departements, departement);
        check(id, 'région', leaf.regions, region);
        check(id, 'code postal', leaf.postalCodes, postalCode);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('gives a typical citizen a mix of decisions: open services, and rules on every claim family', () => {
    const dependingOn = (claim: string) => demoCatalogue.filter((s) => claimsOf(s).has(claim)).length;
    expect(dependingOn('bzh_quotient_familial')).toBeGreaterThanOrEqual(6);
    expect(dependingOn('birthdate')).toBeGreaterThanOrEqual(6);
    expect(dependingOn('bzh_commune')).toBeGreaterThanOrEqual(10);
    expect(dependingOn('bzh_activity')).toBeGreaterThanOrEqual(4);
    expect(dependingOn('bzh_disability_rate')).toBeGreaterThanOrEqual(3);
    expect(dependingOn('bzh_children_birthyears')).toBeGreaterThanOrEqual(3);
    expect(dependingOn('bzh_household_size')).toBeGreaterThanOrEqual(1);
    expect(dependingOn('bzh_boursier')).toBeGreaterThanOrEqual(1);
    expect(dependingOn('bzh_study_level')).toBeGreaterThanOrEqual(1);
    expect(demoCatalogue.filter((s) => s.eligibility === null).length).toBeGreaterThanOrEqual(5);
    // Services whose only rule is where one lives.
    const residenceOnly = demoCatalogue.filter((s) => s.eligibility?.type === 'residence');
    expect(residenceOnly.length).toBeGreaterThanOrEqual(4);
  });

  it('types the conditions no claim carries, and says whom to ask', () => {
    const unmodelled = demoCatalogue.flatMap((s) => leaves(s.eligibility)).filter((l) => l.type === 'unmodelled');
    expect(unmodelled.length).toBeGreaterThanOrEqual(1);
    for (const leaf of unmodelled) expect(leaf.checkWith, leaf.key).toBeTruthy();
  });

  it('is dated 2026, from the demo source, with a few drafts', () => {
    for (const s of demoCatalogue) {
      expect(s.updatedAt.startsWith('2026-'), s.id).toBe(true);
      expect(s.source.name).toBe('kms-bzh (catalogue de démonstration)');
    }
    const drafts = demoCatalogue.filter((s) => !s.published);
    expect(drafts.length).toBeGreaterThanOrEqual(1);
    expect(drafts.length).toBeLessThanOrEqual(3);
  });
});

describe('parseService on hostile input', () => {
  it('accepts a valid service and returns it unchanged', () => {
    const value = sample();
    expect(parseService(value)).toEqual({ ok: true, service: value });
  });

  it('rejects unknown keys, at the top and deep in the tree, naming them and their place', () => {
    const value: Record<string, unknown> = { ...sample(), isAdmin: true };
    (value.authority as Record<string, unknown>).extra = 'x';
    value.eligibility = { type: 'any', conditions: [{ type: 'age', operator: '<', value: 18, script: 'x' }] };
    const issues = issuesOf(value);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\(service\) : .*isAdmin/),
        expect.stringMatching(/^authority : .*extra/),
        expect.stringMatching(/^eligibility\.conditions\[0\] : .*script/),
      ]),
    );
  });

  it('accepts the ids of imported sources, but no look-alike or path-like id', () => {
    for (const id of [
      'caf_morbihan-aide-au-bafd',
      'region_bretagne-éhop-covoiturage',
      'brest_metropole-étudiant·es',
      'b-mouve-–-mobilité',
    ]) {
      expect(parseService({ ...sample(), id }).ok, id).toBe(true);
    }
    for (const id of [
      'r\u0435nnes-piscines', // Cyrillic « е »
      'Rennes-piscines',
      '../admin',
      'rennes/piscines',
      'rennes piscines',
      '-rennes',
      'x',
      'a'.repeat(151),
    ]) {
      expect(issuesOf({ ...sample(), id }), id).toEqual([expect.stringMatching(/^id : /)]);
    }
  });

  it('rejects any link that is not https', () => {
    for (const url of [
      'http://metropole.rennes.fr/piscines',
      'javascript:alert(1)',
      'https://user:pw@example.fr/',
      'https://localhost/',
    ]) {
      const value = sample();
      value.channels = [{ type: 'information', label: 'Infos', url }];
      expect(issuesOf(value), url).toEqual([expect.stringMatching(/^channels\[0\]\.url : .*https/)]);
    }
  });

  it('rejects a SIREN with a wrong check digit or the wrong length', () => {
    for (const siren of ['213502389', '21350238', '21350238A']) {
      const value = sample();
      value.authority = { name: 'Ville de Rennes', level: 'commune', code: '35238', siren };
      expect(issuesOf(value), siren).toEqual([expect.stringMatching(/^authority\.siren : .*SIREN/)]);
    }
    // Only collectivities' SIRENs are held to the Luhn key: some national bodies' are not.
    const national = sample();
    national.authority = { name: 'La Poste', level: 'national', code: '356000000', siren: '356000000' };
    expect(parseService(national).ok).toBe(true);
    const epci = sample();
    epci.authority = { name: 'Rennes Métropole', level: 'epci', code: '35238', siren: '243500139' };
    expect(issuesOf(epci)).toEqual([expect.stringMatching(/^authority\.code : .*SIREN/)]);
  });

  it('rejects a condition tree deeper than the limit, even a hostile one', () => {
    let deep: unknown = { type: 'age', operator: '<', value: 26 };
    for (let i = 0; i < MAX_CONDITION_DEPTH; i++) deep = { type: 'not', condition: deep };
    expect(issuesOf({ ...sample(), eligibility: deep })).toEqual([
      `eligibility : l’arbre de conditions dépasse 8 niveaux`,
    ]);

    let atLimit: unknown = { type: 'age', operator: '<', value: 26 };
    for (let i = 1; i < MAX_CONDITION_DEPTH; i++) atLimit = { type: 'all', conditions: [atLimit] };
    expect(parseService({ ...sample(), eligibility: atLimit }).ok).toBe(true);

    let hostile: unknown = { type: 'age', operator: '<', value: 26 };
    for (let i = 0; i < 200_000; i++) hostile = { type: 'any', conditions: [hostile] };
    expect(issuesOf({ ...sample(), eligibility: hostile })).toEqual([expect.stringMatching(/dépasse 8 niveaux/)]);
  });

  it('rejects a tree with too many conditions', () => {
    const leaf = { type: 'age', operator: '>=', value: 18 };
    const wide = {
      type: 'all',
      conditions: [
        { type: 'any', conditions: Array.from({ length: 150 }, () => leaf) },
        { type: 'any', conditions: Array.from({ length: MAX_CONDITION_LEAVES - 149 }, () => leaf) },
      ],
    };
    expect(issuesOf({ ...sample(), eligibility: wide })).toEqual([
      `eligibility : l’arbre de conditions dépasse 200 conditions`,
    ]);
  });

  it('rejects an unknown activity, naming the accepted ones', () => {
    const value = sample();
    value.eligibility = {
      type: 'all',
      conditions: [
        { type: 'residence', communes: ['35238'] },
        { type: 'activity', values: ['etudiant', 'chomeur'] },
      ],
    };
    expect(issuesOf(value)).toEqual([
      expect.stringMatching(/^eligibility\.conditions\[1\]\.values\[1\] : .*"etudiant".*"demandeur_emploi"/),
    ]);
  });

  it('rejects bad codes, values out of range, unknown types and keys of the model', () => {
    const cases: [string, (value: Record<string, unknown>) => void, RegExp][] = [
      [
        'commune code',
        (v) => (v.eligibility = { type: 'residence', communes: ['3523'] }),
        /^eligibility\.communes\[0\] : /,
      ],
      [
        'postal code',
        (v) => (v.eligibility = { type: 'residence', postalCodes: ['35 000'] }),
        /^eligibility\.postalCodes\[0\] : /,
      ],
      ['empty residence', (v) => (v.eligibility = { type: 'residence' }), /^eligibility : .*territoire/],
      ['age', (v) => (v.eligibility = { type: 'age', operator: '<', value: 400 }), /^eligibility\.value : /],
      [
        'rate',
        (v) => (v.eligibility = { type: 'disability_rate', operator: '>=', value: 150 }),
        /^eligibility\.value : /,
      ],
      ['operator', (v) => (v.eligibility = { type: 'age', operator: '=<', value: 18 }), /^eligibility\.operator : /],
      [
        'condition type',
        (v) => (v.eligibility = { type: 'income', value: 1 }),
        /^eligibility\.type : type de condition inconnu/,
      ],
      [
        'study level',
        (v) => (v.eligibility = { type: 'study_level', values: ['master_3'] }),
        /^eligibility\.values\[0\] : /,
      ],
      ['thematic', (v) => (v.thematics = ['culture', 'loisirs']), /^thematics\[1\] : /],
      ['duplicate', (v) => (v.audiences = ['tous', 'tous']), /^audiences : .*doublons/],
      ['id', (v) => (v.id = 'Rennes Piscines'), /^id : /],
      ['title', (v) => (v.title = 'x'.repeat(201)), /^title : /],
      ['control', (v) => (v.title = 'Piscines\u0000'), /^title : .*contrôle/],
      ['date', (v) => (v.updatedAt = '2026-02-30'), /^updatedAt : /],
      ['missing', (v) => delete v.eligibility, /^eligibility : /],
      ['place', (v) => (v.channels = [{ type: 'place', label: 'Piscine' }]), /^channels\[0\]\.address : /],
      ['zone', (v) => (v.zone = { type: 'epcis', codes: ['24350013'] }), /^zone\.codes\[0\] : /],
    ];
    for (const [label, mutate, expected] of cases) {
      const value = sample();
      mutate(value);
      expect(issuesOf(value), label).toEqual([expect.stringMatching(expected)]);
    }
    expect(issuesOf(null)).toEqual([expect.stringMatching(/^\(service\) : /)]);
  });
});
