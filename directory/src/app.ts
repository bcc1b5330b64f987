// Composition root of mes-services: its own tables, the catalogue, login through mon-compte
// as a relying party, the JSON API, and the pages (the Svelte front end built in directory-ui/).
import Koa from 'koa';
import Router from '@koa/router';
import type { Db } from '../../db/create-db.ts';
import { createDirectoryServicesRepo } from '../../db/repos/directory-services-repo.ts';
import { createDirectorySessionsRepo } from '../../db/repos/directory-sessions-repo.ts';
import type { Config } from '../../platform/config.ts';
import type { Logger } from '../../platform/logger.ts';
import { errorHandler, requestLog, securityHeaders } from '../../platform/http/middleware.ts';
import { createCatalogueStore, seedDemoCatalogue } from './catalogue/catalogue-store.ts';
import { createMonCompteClient } from './auth/mon-compte-client.ts';
import { createSessions } from './auth/sessions.ts';
import { createAuthRoutes } from './auth/routes.ts';
import { createApiRoutes } from './api/routes.ts';
import { DEFAULT_UI_DIST, loadUi } from './web/ui.ts';
import { serveAssets } from './web/assets.ts';
import { createWebRoutes, pageNotFound } from './web/routes.ts';
import { createCsrf } from '../../platform/http/csrf.ts';
import { deriveKey } from '../../keys/src/derive.ts';
import { createServicesAdmin } from './admin/services-admin.ts';
import { createAdminRoutes } from './admin/routes.ts';
import { createAdminRights } from './admin/admin-rights.ts';

export type DirectoryDeps = {
  config: Config;
  db: Db;
  logger: Logger;
  cookieKeys: readonly string[];
  clientSecret: string;
  /** The built front end; directory-ui/dist unless a test says otherwise. */
  uiDist?: string;
};

const RELOAD_EVERY_MS = 30_000;
const PURGE_EVERY_MS = 10 * 60_000;

export async function createDirectoryApp(deps: DirectoryDeps) {
  const { config, db, logger } = deps;
  const ui = await loadUi(deps.uiDist ?? DEFAULT_UI_DIST);
  const secure = config.directoryUrl.startsWith('https://');
  const servicesRepo = createDirectoryServicesRepo(db);
  const seeded = await seedDemoCatalogue(servicesRepo);
  if (seeded) logger.info({ services: seeded }, 'demo catalogue loaded');
  const catalogue = createCatalogueStore(servicesRepo, (id, issues) =>
    logger.warn({ service: id, issues: issues.slice(0, 5) }, 'invalid service skipped'),
  );
  await catalogue.reload();
  const reloader = setInterval(() => {
    catalogue.reload().catch((err: unknown) => logger.error({ err }, 'catalogue reload failed'));
  }, RELOAD_EVERY_MS);
  reloader.unref();

  const sessionsRepo = createDirectorySessionsRepo(db);
  // What a citizen shared is erased when their session ends, not only no longer read.
  const purger = setInterval(() => {
    sessionsRepo.purgeExpired().catch((err: unknown) => logger.error({ err }, 'session purge failed'));
  }, PURGE_EVERY_MS);
  purger.unref();
  const sessions = createSessions(sessionsRepo, { secure });
  const client = createMonCompteClient({
    issuer: config.issuer,
    clientId: config.directoryClientId,
    clientSecret: deps.clientSecret,
    redirectUri: `${config.directoryUrl}/auth/callback`,
  });

  const app = new Koa();
  app.keys = [...deps.cookieKeys];
  app.proxy = secure;
  // Only the X-Forwarded-For entries our own proxies added (see create-provider.ts).
  app.maxIpsCount = config.trustedProxyHops;
  const health = new Router();
  health.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });

  app.use(requestLog(logger));
  app.use(securityHeaders);
  app.use(
    errorHandler(logger, (title, message) =>
      ui.render({ page: 'error', viewer: { authenticated: false }, path: '', status: 500, title, message }),
    ),
  );
  app.use(pageNotFound(ui, sessions));
  app.use(health.routes());
  app.use(createAuthRoutes({ client, sessions, directoryUrl: config.directoryUrl, secure }).routes());
  // Before the public API: /api/admin is the collectivities' own.
  const csrf = createCsrf({ key: deriveKey(deps.cookieKeys[0]!, 'mes-services-csrf'), secure });
  const rights = createAdminRights(client.currentClaims);
  app.use(createAdminRoutes({ admin: createServicesAdmin(servicesRepo, catalogue), sessions, csrf, rights }).routes());
  app.use(createApiRoutes({ catalogue, sessions }).routes());
  app.use(serveAssets(ui.assetsDir));
  app.use(createWebRoutes({ catalogue, sessions, ui, accountUrl: `${config.issuer}/account/apps` }).routes());

  return {
    app,
    catalogue,
    async close() {
      clearInterval(reloader);
      clearInterval(purger);
    },
  };
}
