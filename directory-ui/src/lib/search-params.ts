// The search filters as they live in the URL (/recherche?q=&thematique=&niveau=&commune=&page=),
// read the same way by the server and, after a "back", by the browser. Values that make no sense
// are dropped rather than refused: a hand-edited URL still shows a useful page.
import { LEVELS, THEMATICS } from './labels.ts';

export type SearchParams = { q: string; thematique: string; niveau: string; commune: string; page: number };

const COMMUNE_CODE = /^\d[\dAB]\d{3}$/;

export function readSearchParams(get: (name: string) => string | null | undefined): SearchParams {
  const text = (name: string) => (get(name) ?? '').trim();
  const thematique = text('thematique');
  const niveau = text('niveau');
  const commune = text('commune').toUpperCase();
  const page = Number(text('page'));
  return {
    q: text('q').slice(0, 200),
    thematique: thematique in THEMATICS ? thematique : '',
    niveau: niveau in LEVELS ? niveau : '',
    commune: COMMUNE_CODE.test(commune) ? commune : '',
    page: Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1,
  };
}

/** The canonical query string: empty filters and the first page left out. */
export function searchQuery(params: Partial<SearchParams>): string {
  const query = new URLSearchParams();
  if (params.q) query.set('q', params.q);
  if (params.thematique) query.set('thematique', params.thematique);
  if (params.niveau) query.set('niveau', params.niveau);
  if (params.commune) query.set('commune', params.commune);
  if (params.page && params.page > 1) query.set('page', String(params.page));
  return query.toString();
}

export function searchHref(params: Partial<SearchParams>): string {
  const query = searchQuery(params);
  return query ? `/recherche?${query}` : '/recherche';
}
