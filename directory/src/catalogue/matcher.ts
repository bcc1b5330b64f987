// Matching a citizen against the catalogue: rules compiled once per catalogue load, the
// citizen's context built once per request, explanations included.
import { compileService, matchAll } from '../eligibility/index.ts';
import type { Claims, Service } from './model.ts';
import { createCatalogueIndex, zoneCovers } from './search.ts';
import type { SearchQuery } from './search.ts';
import { serviceSummary } from '../api/routes.ts';

export function createMatcher(services: readonly Service[], today: () => Date = () => new Date()) {
  const compiled = services.filter((s) => s.published).map(compileService);
  const index = createCatalogueIndex(services);
  return {
    /** Every published service (narrowed by the query filters), each with its status. */
    match(claims: Claims, query: SearchQuery = {}) {
      const wanted = query.q
        ? new Set(index.search({ q: query.q, perPage: 100_000 }).items.map((s) => s.id))
        : undefined;
      const selected = compiled.filter(({ service }) => {
        if (wanted && !wanted.has(service.id)) return false;
        if (query.thematique && !service.thematics.includes(query.thematique)) return false;
        if (query.niveau && service.authority.level !== query.niveau) return false;
        if (query.commune && !zoneCovers(service.zone, service.authority, query.commune)) return false;
        return true;
      });
      return matchAll(selected, claims, { today: today(), explain: true }).map((m) => ({
        service: serviceSummary(m.service),
        status: m.status,
        missing: m.missing,
        reasons: m.reasons ?? [],
      }));
    },
  };
}

export type Matcher = ReturnType<typeof createMatcher>;
