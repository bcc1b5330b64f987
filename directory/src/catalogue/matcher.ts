// Matching a citizen against the catalogue: rules compiled once per catalogue load, then
// evaluated per request with explanations.
import { compileService, evaluate } from '../eligibility/index.ts';
import type { Claims, Service } from './model.ts';
import { createCatalogueIndex, zoneCovers } from './search.ts';
import type { SearchQuery } from './search.ts';
import { serviceSummary } from '../api/routes.ts';

export function createMatcher(services: readonly Service[], today: () => Date = () => new Date()) {
  const published = services.filter((s) => s.published);
  const compiled = published.map((service) => ({ service, rules: compileService(service) }));
  const index = createCatalogueIndex(published);
  return {
    /** Every published service (narrowed by the query filters), each with its status. */
    match(claims: Claims, query: SearchQuery = {}) {
      const wanted = query.q
        ? new Set(index.search({ q: query.q, perPage: 100_000 }).items.map((s) => s.id))
        : undefined;
      const now = today();
      return compiled
        .filter(({ service }) => {
          if (wanted && !wanted.has(service.id)) return false;
          if (query.thematique && !service.thematics.includes(query.thematique)) return false;
          if (query.niveau && service.authority.level !== query.niveau) return false;
          if (query.commune && !zoneCovers(service.zone, service.authority, query.commune)) return false;
          return true;
        })
        .map(({ service, rules }) => {
          const result = evaluate(rules, claims, { today: now, explain: true });
          return {
            service: serviceSummary(service),
            status: result.status,
            missing: result.missing,
            reasons: result.reasons ?? [],
          };
        });
    },
  };
}

export type Matcher = ReturnType<typeof createMatcher>;
