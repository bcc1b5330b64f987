// Composition root of mes-services: its own tables, the catalogue, login through mon-compte
// as a relying party, and the JSON API.
import Koa from 'koa';
import Router from '@koa/router';
import type { Db } from '../../db/create-db.ts';
import { createDirectoryServicesRepo } from '../../db/repos/directory-services-repo.ts';
import { createDirectorySessionsRepo } from '../../db/repos/directory-sessions-repo.ts';
import type { Config } from '../../platform/config.ts';
import type { Logger } from '../../platform/logger.ts';
import { errorHandler, requestLog, securityHeaders } from '../../platform/http/middleware.ts';
import { escapeHtml } from '../../platform/html.ts';
import { createCatalogueStore, seedDemoCatalogue } from './catalogue/catalogue-store.ts';
import { createMonCompteClient } from './auth/mon-compte-client.ts';
import { createSessions } from './auth/sessions.ts';
import { createAuthRoutes } from './auth/routes.ts';
import { createApiRoutes } from './api/routes.ts';

export type DirectoryDeps = {
  config: Config;
  db: Db;
  logger: Logger;
  cookieKeys: readonly string[];
  clientSecret: string;
};

const RELOAD_EVERY_MS = 30_000;

function errorPage(title: string, message: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} – mes-services.bzh</title></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/">Retour à l’accueil</a></p></main></body></html>`;
}

export async function createDirectoryApp(deps: DirectoryDeps) {
  const { config, db, logger } = deps;
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
  const health = new Router();
  health.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });

  app.use(requestLog(logger.child({ service: 'mes-services' })));
  app.use(securityHeaders);
  app.use(errorHandler(logger, errorPage));
  app.use(health.routes());
  app.use(createAuthRoutes({ client, sessions, directoryUrl: config.directoryUrl, secure }).routes());
  app.use(createApiRoutes({ catalogue, sessions }).routes());

  return {
    app,
    catalogue,
    async close() {
      clearInterval(reloader);
    },
  };
}
