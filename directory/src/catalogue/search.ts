// Full-text search and filters over the published catalogue, in memory: the catalogue is
// small (hundreds to a few thousand services) and every query must answer in milliseconds.
// Accents, case and plurals are ignored: "creches" finds "Crèche"; places may be written in Breton
// ("Kemper" finds what Quimper offers) or abbreviated ("st brieuc").
import { findCommune, frenchPlaceNames, normaliseForSearch } from '../../../territory/territory.ts';
import { THEMATICS, type Level, type Service, type Zone } from './model.ts';
import { searchableText } from './plain-text.ts';

const STOPWORDS = new Set([
  'de',
  'du',
  'des',
  'la',
  'le',
  'les',
  'l',
  'd',
  'et',
  'a',
  'au',
  'aux',
  'pour',
  'en',
  'un',
  'une',
  'sur',
  'par',
]);

/** Lower case, no accents, no plural "s"/"x", no stopwords. */
export function searchWords(text: string): string[] {
  return normaliseForSearch(text)
    .split(' ')
    .filter((w) => w && !STOPWORDS.has(w))
    .map((w) => (w.length > 3 && /[sx]$/.test(w) ? w.slice(0, -1) : w));
}

type Indexed = { service: Service; title: Set<string>; body: string[]; titleWords: string[] };

export type SearchQuery = {
  q?: string;
  thematique?: string;
  niveau?: Level;
  commune?: string;
  page?: number;
  perPage?: number;
};

export type SearchResult = { total: number; page: number; perPage: number; items: Service[] };

/** Does the service apply to residents of this commune? */
export function zoneCovers(zone: Zone, authority: Service['authority'], communeCode: string): boolean {
  const commune = findCommune(communeCode);
  if (!commune) return false;
  switch (zone.type) {
    case 'france':
      return true;
    case 'communes':
      return zone.codes.includes(commune.code);
    case 'epcis':
      return commune.epci !== undefined && zone.codes.includes(commune.epci);
    case 'departements':
      return zone.codes.includes(commune.departement);
    case 'regions':
      return zone.codes.includes(commune.region);
    case 'authority':
      switch (authority.level) {
        case 'commune':
          return authority.code === commune.code;
        case 'epci':
          return authority.code === commune.epci;
        case 'departement':
          return authority.code === commune.departement;
        case 'region':
          return authority.code === commune.region;
        default:
          return true;
      }
  }
}

export function createCatalogueIndex(services: readonly Service[]) {
  const published = services.filter((s) => s.published);
  const byId = new Map(services.map((s) => [s.id, s]));
  const indexed: Indexed[] = published.map((service) => {
    const titleWords = searchWords(service.title);
    const themes = service.thematics.map((t) => THEMATICS[t as keyof typeof THEMATICS] ?? t).join(' ');
    return {
      service,
      titleWords,
      title: new Set(titleWords),
      body: [
        ...new Set(
          searchWords(
            searchableText(`${service.description} ${service.authority.name} ${themes} ${service.notes.join(' ')}`),
          ),
        ),
      ],
    };
  });

  function score(entry: Indexed, words: string[]): number {
    let total = 0;
    for (const word of words) {
      if (entry.title.has(word)) total += 4;
      else if (entry.titleWords.some((w) => w.startsWith(word))) total += 3;
      else if (entry.body.some((w) => w.startsWith(word))) total += 1;
      else return 0; // every word of the query must be found somewhere
    }
    return total;
  }

  return {
    published: () => published,
    find: (id: string) => byId.get(id),

    search(query: SearchQuery): SearchResult {
      const words = query.q ? searchWords(query.q) : [];
      const inFrench = words.length ? searchWords(frenchPlaceNames(normaliseForSearch(query.q!))) : [];
      // The words as typed, and with places named in French: the better of the two scores counts.
      const variants = inFrench.join(' ') === words.join(' ') ? [words] : [words, inFrench];
      const perPage = query.perPage ?? 20;
      const page = query.page ?? 1;
      const hits: { entry: Indexed; score: number }[] = [];
      for (const entry of indexed) {
        const { service } = entry;
        if (query.thematique && !service.thematics.includes(query.thematique)) continue;
        if (query.niveau && service.authority.level !== query.niveau) continue;
        if (query.commune && !zoneCovers(service.zone, service.authority, query.commune)) continue;
        const s = words.length ? Math.max(...variants.map((v) => score(entry, v))) : 1;
        if (s > 0) hits.push({ entry, score: s });
      }
      hits.sort((a, b) => b.score - a.score || a.entry.service.title.localeCompare(b.entry.service.title, 'fr'));
      return {
        total: hits.length,
        page,
        perPage,
        items: hits.slice((page - 1) * perPage, page * perPage).map((h) => h.entry.service),
      };
    },
  };
}

export type CatalogueIndex = ReturnType<typeof createCatalogueIndex>;
