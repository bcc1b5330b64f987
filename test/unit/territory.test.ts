import { createRequire } from 'node:module';
import { describe, it, expect } from 'vitest';
import {
  BRETON_COMMUNE_NAMES,
  BRETON_DEPARTEMENT_NAMES,
  BRETON_DEPARTEMENTS,
  BRITTANY_REGION,
  bretonCommunes,
  bretonEpcis,
  communesByPostalCode,
  findCommune,
  findDepartement,
  findFormerCommune,
  findEpci,
  findRegion,
  frenchPlaceNames,
  getCommune,
  isNamed,
  normaliseForSearch,
  residenceOf,
  searchCommunes,
} from '../../territory/territory.ts';

describe('territory of Brittany', () => {
  it('counts 1,202 communes in the four Breton départements', () => {
    const communes = bretonCommunes();
    expect(communes).toHaveLength(1202);
    expect(new Set(communes.map((c) => c.departement))).toEqual(new Set(BRETON_DEPARTEMENTS));
    expect(communes.every((c) => c.region === BRITTANY_REGION)).toBe(true);
  });

  it('counts 61 EPCI with at least one Breton member', () => {
    expect(bretonEpcis()).toHaveLength(61);
  });

  it('leaves exactly three island communes outside any EPCI', () => {
    const alone = bretonCommunes().filter((c) => c.epci === undefined);
    expect(alone.map((c) => [c.code, c.name])).toEqual([
      ['22016', 'Île-de-Bréhat'],
      ['29083', 'Île-de-Sein'],
      ['29155', 'Ouessant'],
    ]);
    expect(residenceOf('29083')).toEqual({
      bzh_commune: '29083',
      bzh_commune_name: 'Île-de-Sein',
      bzh_departement: '29',
      bzh_region: '53',
    });
    expect(residenceOf('29083')).not.toHaveProperty('bzh_epci');
  });

  it('knows the two EPCI that cross the regional border', () => {
    const crossing = bretonEpcis().filter((e) => e.communes.some((code) => getCommune(code).region !== '53'));
    expect(crossing.map((e) => [e.siren, e.name])).toEqual([
      ['243500741', 'CA Redon Agglomération'],
      ['244400610', "CA de la Presqu'île de Guérande Atlantique (Cap Atlantique)"],
    ]);
    const cap = findEpci('244400610');
    const breton = cap?.communes.filter((code) => getCommune(code).region === '53');
    expect(breton?.sort()).toEqual(['56030', '56058', '56155']);
    expect(new Set(findEpci('243500741')?.communes.map((code) => getCommune(code).departement))).toEqual(
      new Set(['35', '44', '56']),
    );
  });
});

describe('commune → EPCI → département → région', () => {
  it.each([
    ['35238', 'Rennes', '243500139', 'Rennes Métropole', 'METRO', '35', 'Ille-et-Vilaine'],
    ['29019', 'Brest', '242900314', 'Brest Métropole', 'METRO', '29', 'Finistère'],
    ['29232', 'Quimper', '200068120', 'CA Quimper Bretagne Occidentale', 'CA', '29', 'Finistère'],
    ['56260', 'Vannes', '200067932', 'CA Golfe du Morbihan - Vannes Agglomération', 'CA', '56', 'Morbihan'],
    ['22278', 'Saint-Brieuc', '200069409', 'CA Saint-Brieuc Armor Agglomération', 'CA', '22', "Côtes-d'Armor"],
  ])('derives %s %s', (code, name, siren, epciName, kind, departement, departementName) => {
    const commune = getCommune(code);
    expect(commune).toMatchObject({ code, name, epci: siren, departement, region: '53' });
    const epci = findEpci(siren);
    expect(epci).toMatchObject({ siren, name: epciName, kind });
    expect(epci?.communes).toContain(code);
    expect(findDepartement(departement)).toEqual({ code: departement, name: departementName, region: '53' });
    expect(findRegion('53')).toEqual({ code: '53', name: 'Bretagne' });
  });

  it('describes the residence of a Rennais as claims', () => {
    expect(residenceOf('35238')).toEqual({
      bzh_commune: '35238',
      bzh_commune_name: 'Rennes',
      bzh_epci: '243500139',
      bzh_departement: '35',
      bzh_region: '53',
    });
  });

  it('describes residents outside Brittany too', () => {
    expect(residenceOf('44109')).toEqual({
      bzh_commune: '44109',
      bzh_commune_name: 'Nantes',
      bzh_epci: '244400404',
      bzh_departement: '44',
      bzh_region: '52',
    });
  });

  it('gives a commune its postal codes, SIREN and population', () => {
    const rennes = getCommune('35238');
    expect(rennes.postalCodes).toEqual(['35000', '35200', '35700']);
    expect(rennes.siren).toBe('213502388');
    expect(rennes.population).toBeGreaterThan(200_000);
  });
});

describe('postal codes', () => {
  it('lists every commune sharing a postal code', () => {
    const dinan = communesByPostalCode('22100');
    expect(dinan).toHaveLength(14);
    expect(dinan.map((c) => c.name)).toEqual(expect.arrayContaining(['Dinan', 'Lanvallay', 'Quévert', 'Taden']));
    expect(dinan.every((c) => c.postalCodes.includes('22100'))).toBe(true);
  });

  it('gives the single commune of a postal code of its own', () => {
    expect(communesByPostalCode('29200').map((c) => c.code)).toEqual(['29019']);
  });
});

describe('searchCommunes', () => {
  it.each([
    ['rennes', '35238'],
    ['RENNES', '35238'],
    ['quimper', '29232'],
    ['ile de sein', '29083'],
    ['Île-de-Sein', '29083'],
    ['saint malo', '35288'],
    ['Saint-Malo', '35288'],
    ['st malo', '35288'],
    ['St-Malo', '35288'],
    ['35000', '35238'],
    ['35238', '35238'],
    ['29200', '29019'],
    ["l'ile d'yeu", '85113'],
    ['lile dyeu', undefined],
    ['plouguern', '29195'],
  ])('finds %j first as %s', (query, code) => {
    expect(searchCommunes(query)[0]?.code).toBe(code);
  });

  it('finds Rennes by its postal code', () => {
    expect(searchCommunes('35000').map((c) => c.code)).toContain('35238');
  });

  it('ranks prefix matches before substrings, then larger populations first', () => {
    const names = searchCommunes('rennes').map((c) => c.name);
    expect(names.slice(0, 5)).toEqual([
      'Rennes',
      'Rennes-les-Bains',
      'Rennes-en-Grenouilles',
      'Rennes-sur-Loue',
      'Rennes-le-Château',
    ]);
    // Prefix, then the start of a later word, then anywhere inside.
    expect(searchCommunes('brest').map((c) => c.name)).toEqual(['Brest', 'Brestot', 'Esboz-Brest', 'Abrest']);
  });

  it('narrows to a region and honours the limit', () => {
    const breton = searchCommunes('saint', { region: '53', limit: 25 });
    expect(breton).toHaveLength(25);
    expect(breton.every((c) => c.region === '53' && c.name.startsWith('Saint'))).toBe(true);
    const populations = breton.map((c) => c.population ?? 0);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
    expect(breton[0]?.code).toBe('35288');
    expect(searchCommunes('29', { limit: 3 }).every((c) => c.departement === '29')).toBe(true);
  });

  it('finds nothing for an empty query or a zero limit', () => {
    expect(searchCommunes('')).toEqual([]);
    expect(searchCommunes(' - ')).toEqual([]);
    expect(searchCommunes('rennes', { limit: 0 })).toEqual([]);
    expect(searchCommunes('zzzzqx')).toEqual([]);
  });
});

describe('Breton names (Ofis publik ar brezhoneg)', () => {
  it.each([
    ['Kemper', '29232'],
    ['Roazhon', '35238'],
    ['Gwened', '56260'],
    ['Sant-Brieg', '22278'],
    ['An Oriant', '56121'],
    ['Montroulez', '29151'],
    ['Gwengamp', '22070'],
    ['Lannuon', '22113'],
    ['Sant-Maloù', '35288'],
    ['sant malou', '35288'],
    ['Kemperle', '29233'],
    ['Konk-Kerne', '29039'],
    ['kemp', '29232'],
    ['st brieuc', '22278'],
    ['st pol', '29259'],
  ])('finds %j first as %s', (query, code) => {
    expect(searchCommunes(query)[0]?.code).toBe(code);
  });

  it.each([
    ['Penn-ar-Bed', '29'],
    ['Finistère', '29'],
    ['Mor-Bihan', '56'],
    ['Il-ha-Gwilen', '35'],
    ['Aodoù-an-Arvor', '22'],
  ])('answers %j, a département, with its largest communes', (query, departement) => {
    const found = searchCommunes(query, { limit: 5 });
    expect(found).toHaveLength(5);
    expect(found.every((c) => c.departement === departement)).toBe(true);
  });

  it('pairs each Breton name with the official French name of the same code', () => {
    for (const [code, [french]] of Object.entries(BRETON_COMMUNE_NAMES))
      expect(normaliseForSearch(findCommune(code)?.name ?? ''), code).toBe(normaliseForSearch(french));
    for (const [code, [french]] of Object.entries(BRETON_DEPARTEMENT_NAMES))
      expect(normaliseForSearch(findDepartement(code)?.name ?? ''), code).toBe(normaliseForSearch(french));
  });

  it('tells a commune by its official, abbreviated or Breton name', () => {
    const quimper = findCommune('29232')!;
    expect(['Quimper', 'QUIMPER', 'Kemper', 'kemper'].map((name) => isNamed(quimper, name))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(isNamed(quimper, 'Kemperle')).toBe(false);
    expect(isNamed(findCommune('22278')!, 'St-Brieuc')).toBe(true);
  });

  it('puts the French names of places into a normalised text', () => {
    expect(frenchPlaceNames('piscine kemper')).toBe('piscine quimper');
    expect(frenchPlaceNames('an oriant')).toBe('lorient');
    expect(frenchPlaceNames('penn ar bed')).toBe('finistere');
    expect(frenchPlaceNames('st brieuc')).toBe('saint brieuc');
    expect(frenchPlaceNames('kemperle')).toBe('quimperle');
    expect(frenchPlaceNames('breizh')).toBe('bretagne');
    expect(frenchPlaceNames('creche')).toBe('creche');
  });
});

describe('normaliseForSearch', () => {
  it.each([
    ['Île-de-Bréhat', 'ile de brehat'],
    ["Plœuc-L'Hermitage", 'ploeuc l hermitage'],
    ['  Saint--Malo  ', 'saint malo'],
    ['Læti', 'laeti'],
    ['CŒUR', 'coeur'],
    ['Gommenec’h', 'gommenec h'],
  ])('turns %j into %j', (text, expected) => {
    expect(normaliseForSearch(text)).toBe(expected);
  });
});

describe('unknown codes', () => {
  it('answers undefined from every find, and an empty list from look-ups', () => {
    expect(findCommune('99999')).toBeUndefined();
    expect(findEpci('000000000')).toBeUndefined();
    expect(findDepartement('00')).toBeUndefined();
    expect(findRegion('00')).toBeUndefined();
    expect(residenceOf('99999')).toBeUndefined();
    expect(communesByPostalCode('00000')).toEqual([]);
  });

  it('does not treat a delegated commune as a place of residence', () => {
    // Binic merged into Binic-Étables-sur-Mer (22055) and survives only as a commune déléguée.
    expect(findCommune('22007')).toBeUndefined();
    expect(findCommune('22055')?.name).toBe('Binic-Étables-sur-Mer');
  });

  it('throws a clear error from getCommune', () => {
    expect(() => getCommune('99999')).toThrow('No current commune has the INSEE code "99999"');
  });
});

describe('codes of communes déléguées, associées and municipal arrondissements', () => {
  it.each([
    ['22007', 'Binic', 'commune-deleguee', '22055', 'Binic-Étables-sur-Mer'],
    ['75101', 'Paris 1er Arrondissement', 'arrondissement-municipal', '75056', 'Paris'],
    ['13201', 'Marseille 1er Arrondissement', 'arrondissement-municipal', '13055', 'Marseille'],
  ])('leads %s (%s) to the current commune it is part of', (code, name, kind, current, currentName) => {
    expect(findCommune(code)).toBeUndefined();
    expect(findFormerCommune(code)).toMatchObject({ code, name, kind, commune: { code: current, name: currentName } });
  });

  it('leaves a current commune’s code to the commune, even when one of its parts shares it', () => {
    // 22055 is Binic-Étables-sur-Mer and also its commune déléguée Étables-sur-Mer.
    expect(findFormerCommune('22055')).toBeUndefined();
    expect(findCommune('22055')?.name).toBe('Binic-Étables-sur-Mer');
    expect(findFormerCommune('99999')).toBeUndefined();
  });

  it('finds a commune associée too', () => {
    const associated = findFormerCommune(firstAssociatedCode());
    expect(associated?.kind).toBe('commune-associee');
    expect(findCommune(associated!.commune.code)).toBe(associated!.commune);
  });
});

function firstAssociatedCode(): string {
  const require = createRequire(import.meta.url);
  const raw = require('@etalab/decoupage-administratif/data/communes.json') as { code: string; type: string }[];
  const currentCodes = new Set(raw.filter((c) => c.type === 'commune-actuelle').map((c) => c.code));
  return raw.find((c) => c.type === 'commune-associee' && !currentCodes.has(c.code))!.code;
}
