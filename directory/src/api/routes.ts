// The JSON API of mes-services under /api/. Errors are problem+json (RFC 9457).
import Router from '@koa/router';
import { AppError } from '../../../platform/http/app-error.ts';
import { readJson } from '../../../platform/http/json.ts';
import { compressJsonBody } from '../../../platform/http/compression.ts';
import type { CatalogueStore } from '../catalogue/catalogue-store.ts';
import type { Sessions } from '../auth/sessions.ts';
import type { Service } from '../catalogue/model.ts';
import {
  claimsSchema,
  communesQuerySchema,
  matchesQuerySchema,
  parseOrThrow,
  parseQuery,
  searchQuerySchema,
} from './params.ts';
import { suggestCommunes } from './communes.ts';
import { withCurrentCommune } from './residence-claims.ts';
import { ANY_OTHER, apiProblems, otherMethodOrUnknown } from './api-errors.ts';
import type { SearchQuery } from '../catalogue/search.ts';

/** What a list shows of a service; the full record is at /api/services/:id. */
export function serviceSummary(service: Service) {
  const { id, title, description, authority, thematics, audiences, cost, amount, zone } = service;
  return { id, title, description, authority, thematics, audiences, zone, cost, amount };
}

const PREFIX = '/api';

export function createApiRoutes(deps: { catalogue: CatalogueStore; sessions: Sessions }) {
  const { catalogue, sessions } = deps;
  const router = new Router({ prefix: PREFIX });

  router.use(async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    await apiProblems(ctx, next);
    if (ctx.status >= 400) return;
    // A match list names every service (~200 KB for the full catalogue): about 4× smaller compressed.
    // Small answers go as they are (platform/http/compression.ts).
    compressJsonBody(ctx);
  });

  router.get('/services', (ctx) => {
    const params = parseQuery(searchQuerySchema, ctx.query) as SearchQuery;
    const result = catalogue.index.search(params);
    ctx.body = { ...result, items: result.items.map(serviceSummary) };
  });

  router.get('/services/:id', (ctx) => {
    const service = catalogue.index.find(ctx.params.id!);
    if (!service || !service.published) throw new AppError(404, 'service_not_found', 'Ce service n’existe pas.');
    ctx.body = service;
  });

  router.get('/me', async (ctx) => {
    const session = await sessions.get(ctx);
    ctx.body = session
      ? { authenticated: true, sub: session.sub, scopes: session.scopes, claims: session.claims }
      : { authenticated: false };
  });

  router.get('/me/matches', async (ctx) => {
    const session = await sessions.get(ctx);
    if (!session) throw new AppError(401, 'login_required', 'Connectez-vous avec mon-compte.bzh.');
    const params = parseQuery(matchesQuerySchema, ctx.query) as SearchQuery;
    ctx.body = { matches: catalogue.matcher.match(session.claims, params) };
  });

  router.post('/matches', async (ctx) => {
    const { claims, note } = withCurrentCommune(parseOrThrow(claimsSchema, await readJson(ctx)));
    const params = parseQuery(matchesQuerySchema, ctx.query) as SearchQuery;
    // Nothing of the anonymous profile is stored or logged.
    ctx.body = { matches: catalogue.matcher.match(claims, params), ...(note ? { notes: [note] } : {}) };
  });

  // The commune pickers of the pages: official geography, the same for everyone, cacheable.
  router.get('/communes', (ctx) => {
    const { q } = parseQuery(communesQuerySchema, ctx.query);
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.body = { communes: suggestCommunes(q) };
  });

  router.all(ANY_OTHER, otherMethodOrUnknown(PREFIX));

  return router;
}
