// Territory look-ups over the Code officiel géographique, as published by @etalab/decoupage-administratif:
// commune → EPCI → département → région, postal codes, and the commune search behind residence pickers
// (which reads place names as place-names.ts compares them, Breton names included).
// Every current commune of France is indexed, so that a resident of anywhere can be described; the
// Breton helpers only narrow that down.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BRETON_COMMUNE_NAMES, BRETON_DEPARTEMENT_NAMES } from './breton-names.ts';
import { expandAbbreviations, normaliseForSearch } from './place-names.ts';

export { BRETON_COMMUNE_NAMES, BRETON_DEPARTEMENT_NAMES };
export { expandAbbreviations, frenchPlaceNames, isNamed, normaliseForSearch } from './place-names.ts';

export type Commune = {
  code: string;
  name: string;
  postalCodes: string[];
  departement: string;
  region: string;
  siren: string | undefined;
  epci: string | undefined;
  population: number | undefined;
};
export type Epci = { siren: string; name: string; kind: string; communes: string[] };
/**
 * A code that is not a current commune's: a commune déléguée or associée (part of a commune
 * nouvelle, or associated with another, since a merger) or a municipal arrondissement (Paris,
 * Lyon, Marseille). Its residents live in `commune`.
 */
export type FormerCommune = {
  code: string;
  name: string;
  kind: 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  commune: Commune;
};
export type Departement = { code: string; name: string; region: string };
export type Region = { code: string; name: string };
export type Residence = {
  bzh_commune: string;
  bzh_commune_name: string;
  bzh_epci?: string;
  bzh_departement: string;
  bzh_region: string;
};
export type SearchOptions = { limit?: number; region?: string };

export const BRITTANY_REGION = '53';
export const BRETON_DEPARTEMENTS: readonly string[] = Object.freeze(['22', '29', '35', '56']);

type RawCommune = {
  code: string;
  nom: string;
  type: string;
  /** Of a commune déléguée or associée: the current commune it is part of. */
  chefLieu?: string;
  /** Of a municipal arrondissement: its commune. */
  commune?: string;
  departement: string;
  region: string;
  siren?: string;
  codesPostaux?: string[];
  population?: number;
};
type RawEpci = { code: string; nom: string; type: string; membres: { code: string }[] };
type RawNamed = { code: string; nom: string; region?: string };

type Ranked = { commune: Commune; rank: number };

const require = createRequire(import.meta.url);

// The package's own entry point resolves its files against process.cwd(), so read the data directly.
// Parsing (rather than require) lets the raw 12 MB be collected once the indexes are built.
function readData<T>(file: string): T {
  return JSON.parse(readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${file}`), 'utf8')) as T;
}

let index: ReturnType<typeof buildIndex> | undefined;

// Built on first use: the servers that never ask about territory do not pay for 12 MB of JSON.
function load() {
  index ??= buildIndex();
  return index;
}

/**
 * Builds the indexes now (~250-300 ms of parsing on the benchmark machine). A server that
 * answers territory questions on its hot paths calls this before it listens, so that the first
 * request after a start does not pay for it.
 */
export function preloadTerritory(): void {
  load();
}

function buildIndex() {
  const epcis = new Map<string, Epci>();
  const epciOf = new Map<string, string>();
  for (const raw of readData<RawEpci[]>('epci.json')) {
    const communes = Object.freeze(raw.membres.map((m) => m.code)) as string[];
    epcis.set(raw.code, Object.freeze({ siren: raw.code, name: raw.nom, kind: raw.type, communes }));
    for (const code of communes) epciOf.set(code, raw.code);
  }

  const communes = new Map<string, Commune>();
  const byPostalCode = new Map<string, Commune[]>();
  const searchable: { commune: Commune; key: string; alias?: string }[] = [];
  const parts: RawCommune[] = [];
  for (const raw of readData<RawCommune[]>('communes.json')) {
    // Delegated and associated communes, and municipal arrondissements, reuse or shadow the codes of
    // current communes: nobody's residence is one of them, but a code of theirs leads to one.
    if (raw.type !== 'commune-actuelle') {
      parts.push(raw);
      continue;
    }
    const commune: Commune = Object.freeze({
      code: raw.code,
      name: raw.nom,
      postalCodes: Object.freeze([...(raw.codesPostaux ?? [])]) as string[],
      departement: raw.departement,
      region: raw.region,
      siren: raw.siren,
      epci: epciOf.get(raw.code),
      population: raw.population,
    });
    communes.set(commune.code, commune);
    const breton = BRETON_COMMUNE_NAMES[commune.code]?.[1];
    searchable.push({
      commune,
      key: expandAbbreviations(normaliseForSearch(commune.name)),
      ...(breton ? { alias: normaliseForSearch(breton) } : {}),
    });
    for (const postalCode of commune.postalCodes) {
      const list = byPostalCode.get(postalCode);
      if (list) list.push(commune);
      else byPostalCode.set(postalCode, [commune]);
    }
  }

  // A commune déléguée often keeps the code of its commune nouvelle (22055 is Binic-Étables-sur-Mer
  // and its part Étables-sur-Mer): the current commune wins.
  const formerCommunes = new Map<string, FormerCommune>();
  for (const raw of parts) {
    const commune = communes.get(raw.chefLieu ?? raw.commune ?? '');
    if (!commune || communes.has(raw.code)) continue;
    const kind = raw.type as FormerCommune['kind'];
    formerCommunes.set(raw.code, Object.freeze({ code: raw.code, name: raw.nom, kind, commune }));
  }

  const named = <T>(file: string, make: (raw: RawNamed) => T) =>
    new Map(readData<RawNamed[]>(file).map((raw) => [raw.code, Object.freeze(make(raw))] as const));
  const breton = [...communes.values()].filter((c) => c.region === BRITTANY_REGION);
  const bretonEpciSirens = new Set(breton.flatMap((c) => (c.epci ? [c.epci] : [])));
  const departements = named('departements.json', (raw) => ({
    code: raw.code,
    name: raw.nom,
    region: raw.region ?? '',
  }));
  const regions = named('regions.json', (raw) => ({ code: raw.code, name: raw.nom }));
  // Every département by its name, and the Breton ones by their Breton name too.
  const departementByName = new Map<string, string>();
  for (const d of departements.values()) departementByName.set(normaliseForSearch(d.name), d.code);
  for (const [code, [, name]] of Object.entries(BRETON_DEPARTEMENT_NAMES))
    departementByName.set(normaliseForSearch(name), code);
  return {
    communes,
    formerCommunes,
    epcis,
    departements,
    regions,
    departementByName,
    byPostalCode,
    searchable,
    breton,
    bretonEpcis: [...epcis.values()].filter((e) => bretonEpciSirens.has(e.siren)),
  };
}

export function findCommune(code: string): Commune | undefined {
  return load().communes.get(code);
}

/** The commune déléguée, associée or arrondissement with this code, and the current commune it is part of. */
export function findFormerCommune(code: string): FormerCommune | undefined {
  return load().formerCommunes.get(code);
}

export function getCommune(code: string): Commune {
  const commune = findCommune(code);
  if (!commune) throw new Error(`No current commune has the INSEE code "${code}"`);
  return commune;
}

export function findEpci(siren: string): Epci | undefined {
  return load().epcis.get(siren);
}

export function findDepartement(code: string): Departement | undefined {
  return load().departements.get(code);
}

export function findRegion(code: string): Region | undefined {
  return load().regions.get(code);
}

// In INSEE order, which is alphabetical within a département, articles aside.
export function communesByPostalCode(postalCode: string): Commune[] {
  return [...(load().byPostalCode.get(postalCode.trim()) ?? [])];
}

export function bretonCommunes(): Commune[] {
  return [...load().breton];
}

// Those with at least one Breton member: Redon Agglomération and Cap Atlantique reach beyond the region.
export function bretonEpcis(): Epci[] {
  return [...load().bretonEpcis];
}

// The claims the product releases about where a citizen lives.
export function residenceOf(communeCode: string): Residence | undefined {
  const commune = findCommune(communeCode);
  if (!commune) return undefined;
  return {
    bzh_commune: commune.code,
    bzh_commune_name: commune.name,
    ...(commune.epci ? { bzh_epci: commune.epci } : {}),
    bzh_departement: commune.departement,
    bzh_region: commune.region,
  };
}

function rankOf(key: string, q: string): number | undefined {
  return key === q ? 0 : key.startsWith(q) ? 1 : key.includes(` ${q}`) ? 2 : key.includes(q) ? 3 : undefined;
}

// Lower is better; undefined is no match.
function nameRank(key: string, alias: string | undefined, variants: string[]): number | undefined {
  let best: number | undefined;
  for (const q of variants) {
    for (const rank of [rankOf(key, q), alias === undefined ? undefined : rankOf(alias, q)]) {
      if (rank !== undefined && (best === undefined || rank < best)) best = rank;
    }
  }
  return best;
}

// A département named ("Finistère", "Penn-ar-Bed"): its communes come after those whose name matches.
const IN_DEPARTEMENT = 4;

function codeRank(commune: Commune, query: string): number | undefined {
  if (commune.code === query || commune.postalCodes.includes(query)) return 0;
  if (commune.code.startsWith(query) || commune.postalCodes.some((p) => p.startsWith(query))) return 1;
  return undefined;
}

export function searchCommunes(query: string, { limit = 10, region }: SearchOptions = {}): Commune[] {
  const trimmed = query.trim().toUpperCase();
  const isCode = /^(\d|\d[\dAB]\d{0,3})$/.test(trimmed);
  const normalised = normaliseForSearch(query);
  // The literal query too, so that "ste" still finds Steenvoorde.
  const variants = [...new Set([normalised, expandAbbreviations(normalised)])];
  if (limit <= 0 || (!isCode && normalised === '')) return [];
  const departement = isCode ? undefined : load().departementByName.get(normalised);

  // A sorted top-k: single-letter queries match tens of thousands of communes, and only k are shown.
  const best: Ranked[] = [];
  const before = (a: Ranked, b: Ranked) => a.rank - b.rank || (b.commune.population ?? 0) - (a.commune.population ?? 0);
  for (const { commune, key, alias } of load().searchable) {
    if (region !== undefined && commune.region !== region) continue;
    const rank = isCode
      ? codeRank(commune, trimmed)
      : (nameRank(key, alias, variants) ?? (commune.departement === departement ? IN_DEPARTEMENT : undefined));
    if (rank === undefined) continue;
    const candidate = { commune, rank };
    if (best.length === limit && before(candidate, best[limit - 1]!) >= 0) continue;
    let at = best.length;
    while (at > 0 && before(candidate, best[at - 1]!) < 0) at--;
    best.splice(at, 0, candidate);
    if (best.length > limit) best.pop();
  }
  return best.map((entry) => entry.commune);
}
