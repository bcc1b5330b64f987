// A router's middleware that steps aside at once for requests none of its routes can match.
// mon-compte mounts a dozen routers in front of oidc-provider, and each tests every one of its
// routes' regular expressions against every request: the authorization and login requests went
// through all of them (~3 % of the JS thread per login in a perf profile). A route can only match
// paths that begin with the literal part of its pattern (before the first parameter, wildcard or
// group), so a request whose path begins with none of its router's literal parts skips it.
import type Router from '@koa/router';
import type { Middleware } from 'koa';

type LayerLike = { path: unknown; methods: readonly string[]; opts?: { pathAsRegExp?: boolean } };

/** What paths a router's routes can match: `/` exactly, and paths beginning with a prefix. */
export type PathFilter = { root: boolean; prefixes: string[] };

/** `router.routes()`, behind a test of the path's beginning when the routes allow one. */
export function routesOf(router: Router): Middleware {
  const routes = router.routes() as unknown as Middleware;
  const filter = pathFilter(router.stack as unknown as LayerLike[]);
  if (!filter) return routes;
  return (ctx, next) => {
    // The path the router itself matches (@koa/router's _getRequestPath).
    const state = ctx as unknown as { newRouterPath?: string; routerPath?: string };
    return mayMatch(filter, state.newRouterPath || ctx.path || state.routerPath || '') ? routes(ctx, next) : next();
  };
}

export function mayMatch({ root, prefixes }: PathFilter, path: string): boolean {
  // Case-insensitively, as routes match by default: one marked case-sensitive matches fewer.
  const lower = path.toLowerCase();
  return (root && (lower === '/' || lower === '')) || prefixes.some((prefix) => lower.startsWith(prefix));
}

/**
 * The filter of a router's routes, or undefined if one of them could match any path. Only
 * routes count: a router runs its middleware (`router.use`) for a request only when one of its
 * routes matches it (@koa/router's dispatch), otherwise it hands the request on.
 */
export function pathFilter(layers: readonly LayerLike[]): PathFilter | undefined {
  let root = false;
  const prefixes = new Set<string>();
  for (const layer of layers) {
    if (layer.methods.length === 0) continue;
    if (typeof layer.path !== 'string' || layer.opts?.pathAsRegExp) return undefined;
    if (layer.path === '/') {
      root = true;
      continue;
    }
    // Before path-to-regexp's first special character (parameter, wildcard, group, escape),
    // and without its trailing slash: a route may answer the path with or without it.
    const literal = layer.path
      .split(/[:*{}()\\?+]/, 1)[0]!
      .toLowerCase()
      .replace(/\/$/, '');
    if (literal === '') return undefined;
    prefixes.add(literal);
  }
  // A prefix that begins with another adds nothing.
  const kept = [...prefixes].filter((p) => ![...prefixes].some((other) => other !== p && p.startsWith(other)));
  return { root, prefixes: kept };
}
