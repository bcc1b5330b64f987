// The data of each page, from the catalogue and the citizen's session: what the Svelte pages
// render on the server, and what the interactive ones receive again for hydration.
import type { CatalogueStore } from '../catalogue/catalogue-store.ts';
import { CLAIM_SCOPES, THEMATICS, type Claims } from '../catalogue/model.ts';
import { serviceSummary } from '../api/routes.ts';
import type { CitizenSession } from '../auth/sessions.ts';
import type {
  ForMeData,
  HomeData,
  Match,
  NotShared,
  ResultsData,
  ServiceData,
  SiteMapData,
  Viewer,
} from '../../../directory-ui/src/lib/page-data.ts';
import { CLAIMS, SCOPES } from '../../../directory-ui/src/lib/labels.ts';
import { searchHref, type SearchParams } from '../../../directory-ui/src/lib/search-params.ts';
import type { Service } from '../catalogue/model.ts';
import { findCommuneOption, type PlaceAnswer } from './communes.ts';
import { explainService, personalAnswer } from './explain.ts';
import { authorityWithDe } from '../eligibility/index.ts';
import { findCommune } from '../../../territory/territory.ts';

type Common = { viewer: Viewer; path: string };

/** The thematics that have at least one published service, with their count. */
function thematicsOf(catalogue: CatalogueStore) {
  const published = catalogue.index.published();
  const thematics = Object.entries(THEMATICS)
    .map(([id, label]) => ({ id, label, count: published.filter((s) => s.thematics.includes(id)).length }))
    .filter((t) => t.count > 0);
  return { total: published.length, thematics };
}

export function homeData(catalogue: CatalogueStore, common: Common): HomeData {
  return { page: 'home', ...common, ...thematicsOf(catalogue) };
}

export function siteMapData(catalogue: CatalogueStore, common: Common): SiteMapData {
  const { thematics } = thematicsOf(catalogue);
  return { page: 'plan-du-site', ...common, thematics: thematics.map(({ id, label }) => ({ id, label })) };
}

export function resultsData(
  catalogue: CatalogueStore,
  common: Common,
  params: SearchParams,
  place?: { query: string; answer: Extract<PlaceAnswer, { choices: unknown }> },
): ResultsData {
  const commune = place ? undefined : findCommuneOption(params.commune);
  const search = (page: number) =>
    catalogue.index.search({
      q: params.q || undefined,
      thematique: params.thematique || undefined,
      niveau: (params.niveau || undefined) as Service['authority']['level'] | undefined,
      commune: commune?.code,
      page,
    });
  let result = search(params.page);
  // A page past the last one (an old link, a hand-edited URL) shows the last one.
  const last = Math.max(1, Math.ceil(result.total / result.perPage));
  if (result.page > last) result = search(last);
  return {
    page: 'results',
    ...common,
    filters: { q: params.q, thematique: params.thematique, niveau: params.niveau, commune, page: result.page },
    results: { ...result, items: result.items.map(serviceSummary) },
    ...(place
      ? {
          lieu: {
            query: place.query,
            choices: place.answer.choices.map((choice) => ({
              commune: choice,
              href: searchHref({ ...params, commune: choice.code, page: 1 }),
            })),
          },
        }
      : {}),
  };
}

export function serviceData(service: Service, common: Common, session: CitizenSession | undefined): ServiceData {
  const { eligibility: _rules, published: _published, ...detail } = service;
  return {
    page: 'service',
    ...common,
    service: detail,
    ...explainService(service),
    authorityWithDe: authorityWithDe(service.authority),
    ...(session ? { personal: personalAnswer(service, session.claims) } : {}),
  };
}

/** Families that would settle at least one "à vérifier": what they release is not known yet. */
export function scopesWorthSharing(matches: readonly Match[]): string[] {
  const wanted = new Set(matches.flatMap((m) => (m.status === 'unknown' ? m.missing.map((x) => x.scope) : [])));
  return Object.keys(SCOPES).filter((scope) => wanted.has(scope));
}

/**
 * The claims mes-services did not receive, claim by claim, grouped by the family that would
 * release them: a citizen may untick the quotient familial and share the rest of their foyer.
 * EPCI, département and région are derived from the commune, and are not asked for.
 */
export function claimsNotShared(claims: Record<string, unknown>): NotShared[] {
  const missing = Object.keys(CLAIMS).filter((claim) => claims[claim] === undefined || claims[claim] === null);
  return Object.keys(SCOPES)
    .map((scope) => ({ scope, claims: missing.filter((claim) => CLAIM_SCOPES[claim] === scope) }))
    .filter((group) => group.claims.length > 0);
}

export function forMeData(catalogue: CatalogueStore, common: Common, session: CitizenSession | undefined): ForMeData {
  if (!session) return { page: 'pour-moi', ...common, notShared: [] };
  const matches = catalogue.matcher.match(session.claims as Claims) as Match[];
  const code = typeof session.claims.bzh_commune === 'string' ? session.claims.bzh_commune : undefined;
  const communeName =
    typeof session.claims.bzh_commune_name === 'string'
      ? session.claims.bzh_commune_name
      : code
        ? findCommune(code)?.name
        : undefined;
  return {
    page: 'pour-moi',
    ...common,
    matches,
    ...(communeName ? { communeName } : {}),
    notShared: scopesWorthSharing(matches),
  };
}
