// Composition root of mon-compte: repositories → services → routes, all mounted in front of
// oidc-provider's own Koa application.
import type Provider from 'oidc-provider';
import type { Db } from '../../db/create-db.ts';
import { createOidcPayloadsRepo } from '../../db/repos/oidc-payloads-repo.ts';
import type { KeyMaterial } from '../../keys/src/load-keys.ts';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import { createProvider } from './oidc/create-provider.ts';
import { startPurge } from './oidc/adapter.ts';
import { errorHandler, requestLog, securityHeaders } from './http/middleware.ts';
import { createSiteRoutes } from './site-routes.ts';
import { createInteractionRoutes } from './interaction/routes.ts';

export type AppDeps = { config: Config; db: Db; keys: KeyMaterial; logger: Logger };

export type App = { provider: Provider; close(): Promise<void> };

const PURGE_EVERY_MS = 10 * 60 * 1000;

export function createApp({ config, db, keys, logger }: AppDeps): App {
  const payloads = createOidcPayloadsRepo(db);
  const provider = createProvider({
    issuer: config.issuer,
    keys,
    cookieKeys: config.cookieKeys,
    payloads,
    findAccount: async () => undefined,
  });
  provider.on('server_error', (_ctx, err) => logger.error({ err }, 'oidc-provider server error'));

  provider.use(requestLog(logger));
  provider.use(securityHeaders);
  provider.use(errorHandler(logger));
  provider.use(createSiteRoutes().routes());
  provider.use(createInteractionRoutes(provider).routes());

  const stopPurge = startPurge(payloads, PURGE_EVERY_MS, (err) =>
    logger.error({ err }, 'purge of expired rows failed'),
  );
  return {
    provider,
    async close() {
      stopPurge();
    },
  };
}
