// The pages of mes-services, rendered on the server by the Svelte pages of directory-ui: every
// page is useful without JavaScript (search is a GET form, "Et si…" a POST form); the search
// results and "Et si…" are then hydrated and talk to the JSON API.
import Router from '@koa/router';
import type { Context, Next } from 'koa';
import type { CatalogueStore } from '../catalogue/catalogue-store.ts';
import type { Sessions } from '../auth/sessions.ts';
import { readForm } from '../../../platform/http/form.ts';
import type { PageData, Viewer, WhatIfData } from '../../../directory-ui/src/lib/page-data.ts';
import { communeLabel } from '../../../directory-ui/src/lib/labels.ts';
import { readSearchParams, searchHref } from '../../../directory-ui/src/lib/search-params.ts';
import { emptyWhatIf, readWhatIf, whatIfClaims } from '../../../directory-ui/src/lib/what-if.ts';
import type { Match } from '../../../directory-ui/src/lib/page-data.ts';
import { findCommuneOption, resolvePlace } from './communes.ts';
import { claimsNotShared, forMeData, homeData, resultsData, serviceData, siteMapData } from './page-data.ts';
import { describeClaims } from './about-me.ts';
import { sendHtml } from './respond.ts';
import type { Ui } from './ui.ts';

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function createWebRoutes(deps: { catalogue: CatalogueStore; sessions: Sessions; ui: Ui; accountUrl: string }) {
  const { catalogue, sessions, ui } = deps;
  const router = new Router();

  async function visitor(ctx: Context) {
    const session = await sessions.get(ctx);
    const viewer: Viewer = { authenticated: Boolean(session) };
    return { session, common: { viewer, path: ctx.path } };
  }
  // With a session, every page names the citizen's state in its header: never cached.
  const send = (ctx: Context, data: PageData, personal: boolean, status = 200) =>
    sendHtml(ctx, ui.render(data), { personal, status });

  router.get('/', async (ctx) => {
    const { session, common } = await visitor(ctx);
    send(ctx, homeData(catalogue, common), Boolean(session));
  });

  router.get('/recherche', async (ctx) => {
    const { session, common } = await visitor(ctx);
    const params = readSearchParams((name) => first(ctx.query[name]));
    const lieu = first(ctx.query.lieu);
    if (lieu !== undefined) {
      // The place typed in the form without JavaScript: one commune makes a clean URL to come
      // back to; several (or none) are offered on the page.
      const typed = lieu.trim();
      const chosen = findCommuneOption(params.commune);
      if (!typed || (chosen && communeLabel(chosen) === typed)) {
        ctx.redirect(searchHref({ ...params, commune: typed ? params.commune : '' }));
        return;
      }
      const answer = resolvePlace(typed);
      if ('commune' in answer) {
        ctx.redirect(searchHref({ ...params, commune: answer.commune.code, page: 1 }));
        return;
      }
      send(ctx, resultsData(catalogue, common, { ...params, commune: '' }, { query: typed, answer }), Boolean(session));
      return;
    }
    const data = resultsData(catalogue, common, params);
    // Past the last page: the last page, at its own address ("Page 10 sur 9" helps nobody).
    if (data.filters.page !== params.page) {
      ctx.redirect(searchHref({ ...params, page: data.filters.page }));
      return;
    }
    send(ctx, data, Boolean(session));
  });

  router.get('/services/:id', async (ctx) => {
    const { session, common } = await visitor(ctx);
    const service = catalogue.index.find(ctx.params.id!);
    if (!service || !service.published) {
      const message = 'Ce service n’existe pas ou n’est plus publié. Cherchez-le parmi tous les services.';
      send(ctx, { page: 'error', ...common, status: 404, title: 'Service introuvable', message }, false, 404);
      return;
    }
    send(ctx, serviceData(service, common, session), Boolean(session));
  });

  router.get('/pour-moi', async (ctx) => {
    const { session, common } = await visitor(ctx);
    send(ctx, forMeData(catalogue, common, session), true);
  });

  router.get('/mes-informations', async (ctx) => {
    const { session, common } = await visitor(ctx);
    const claims = session?.claims ?? {};
    send(
      ctx,
      {
        page: 'mes-informations',
        ...common,
        ...(session ? { facts: describeClaims(claims) } : {}),
        notShared: session ? claimsNotShared(claims) : [],
        accountUrl: deps.accountUrl,
      },
      true,
    );
  });

  router.get('/et-si', async (ctx) => {
    const { session, common } = await visitor(ctx);
    send(ctx, { page: 'et-si', ...common, values: emptyWhatIf(), errors: {} }, Boolean(session));
  });

  // The form sent without JavaScript: the same checks as in the browser, then the same matches
  // as POST /api/matches. Nothing is stored; the answer is never cached.
  router.post('/et-si', async (ctx) => {
    const { common } = await visitor(ctx);
    const form = await readForm(ctx);
    const values = readWhatIf((name) => form.get(name));
    let communeOption = undefined;
    let placeError: string | undefined;
    if (values.lieu) {
      const chosen = findCommuneOption(values.commune);
      const answer = chosen && communeLabel(chosen) === values.lieu ? { commune: chosen } : resolvePlace(values.lieu);
      if ('commune' in answer) {
        communeOption = answer.commune;
        values.commune = answer.commune.code;
        values.lieu = communeLabel(answer.commune);
      } else {
        values.commune = '';
        placeError = answer.choices.length
          ? `Plusieurs communes correspondent à « ${values.lieu} » : ajoutez le code postal, par exemple ${communeLabel(answer.choices[0]!)}.`
          : `Aucune commune ne correspond à « ${values.lieu} ». Vérifiez l’orthographe ou indiquez le code postal.`;
      }
    } else {
      values.commune = '';
    }
    const { claims, errors } = whatIfClaims(values, new Date());
    if (placeError) errors.lieu = placeError;
    const data: WhatIfData = {
      page: 'et-si',
      ...common,
      values,
      errors,
      ...(communeOption ? { communeOption } : {}),
      ...(Object.keys(errors).length ? {} : { matches: catalogue.matcher.match(claims) as Match[] }),
    };
    send(ctx, data, true);
  });

  // The pages the law asks for (RGAA): the accessibility statement, the site map, the legal notice.
  router.get('/accessibilite', async (ctx) => {
    const { session, common } = await visitor(ctx);
    const monCompteUrl = new URL(deps.accountUrl).origin;
    send(ctx, { page: 'accessibilite', ...common, monCompteUrl }, Boolean(session));
  });
  router.get('/plan-du-site', async (ctx) => {
    const { session, common } = await visitor(ctx);
    send(ctx, siteMapData(catalogue, common), Boolean(session));
  });
  router.get('/mentions-legales', async (ctx) => {
    const { session, common } = await visitor(ctx);
    send(ctx, { page: 'mentions-legales', ...common }, Boolean(session));
  });

  return router;
}

/** Last in the chain: an address nobody answered is a page saying so, in the site's frame. */
export function pageNotFound(ui: Ui, sessions: Sessions) {
  return async (ctx: Context, next: Next) => {
    await next();
    if (ctx.status !== 404 || ctx.body !== undefined || ctx.path.startsWith('/api/')) return;
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return;
    const session = await sessions.get(ctx);
    const data: PageData = {
      page: 'error',
      viewer: { authenticated: Boolean(session) },
      path: ctx.path,
      status: 404,
      title: 'Page introuvable',
      message: 'Cette adresse ne mène à aucune page de mes-services. Elle a peut-être changé.',
    };
    sendHtml(ctx, ui.render(data), { personal: Boolean(session), status: 404 });
  };
}
