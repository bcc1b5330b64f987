// Composition root of mon-compte: repositories → services → routes, all mounted in front of
// oidc-provider's own Koa application.
import type Provider from 'oidc-provider';
import type { Db } from '../../db/create-db.ts';
import { createOidcPayloadsRepo } from '../../db/repos/oidc-payloads-repo.ts';
import { createAccountsRepo } from '../../db/repos/accounts-repo.ts';
import { createConsentsRepo } from '../../db/repos/consents-repo.ts';
import { createThrottleRepo } from '../../db/repos/throttle-repo.ts';
import { createClientsRepo } from '../../db/repos/clients-repo.ts';
import { createOrganisationsRepo } from '../../db/repos/organisations-repo.ts';
import type { KeyMaterial } from '../../keys/src/load-keys.ts';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import { createProvider } from './oidc/create-provider.ts';
import { createFindAccount } from './oidc/find-account.ts';
import { createInteractions } from './oidc/interactions.ts';
import { startPurge } from './oidc/adapter.ts';
import { errorHandler, requestLog, securityHeaders } from './http/middleware.ts';
import { createCsrf } from './http/csrf.ts';
import { createSiteRoutes } from './site-routes.ts';
import { createInteractionRoutes } from './interaction/routes.ts';
import { createPasswordHasher, type PasswordHasher } from './accounts/password-hasher.ts';
import { createLoginThrottle } from './accounts/login-throttle.ts';
import { createAccountsService, type AccountsService } from './accounts/accounts-service.ts';
import { createProfileService } from './profile/profile-service.ts';
import { createClientsService, type ClientsService } from './admin/clients-service.ts';
import { deriveKey } from '../../keys/src/derive.ts';
import { seedOrganisations } from './admin/organisations.ts';
import { createDemoRoutes, demoClientSecret, DEMO_CLIENT } from './demo/demo-rp.ts';

export type AppDeps = { config: Config; db: Db; keys: KeyMaterial; logger: Logger; hasher?: PasswordHasher };

export type App = {
  provider: Provider;
  services: { accounts: AccountsService; clients: ClientsService };
  /** First-start data: the official organisations and, outside production, the demo app. */
  prepare(): Promise<void>;
  close(): Promise<void>;
};

const PURGE_EVERY_MS = 10 * 60 * 1000;

/** Repositories and services, without HTTP: shared by the server and the admin CLI. */
export function createServices({ config, db, keys, hasher }: Omit<AppDeps, 'logger'>) {
  const repos = {
    payloads: createOidcPayloadsRepo(db),
    accounts: createAccountsRepo(db),
    consents: createConsentsRepo(db),
    throttle: createThrottleRepo(db),
    clients: createClientsRepo(db),
    organisations: createOrganisationsRepo(db),
  };
  const throttle = createLoginThrottle(repos.throttle, deriveKey(keys.secrets.pairwiseKey, 'login-throttle'));
  const accounts = createAccountsService({
    accounts: repos.accounts,
    hasher: hasher ?? createPasswordHasher(),
    throttle,
  });
  const clients = createClientsService({
    clients: repos.clients,
    organisations: repos.organisations,
    production: config.nodeEnv === 'production',
  });
  const profiles = createProfileService(repos.accounts);
  return { repos, accounts, clients, profiles };
}

export function createApp(deps: AppDeps): App {
  const { config, keys, logger } = deps;
  const { repos, accounts, clients, profiles } = createServices(deps);
  const secure = config.issuer.startsWith('https://');
  const provider = createProvider({
    issuer: config.issuer,
    keys,
    cookieKeys: config.cookieKeys,
    payloads: repos.payloads,
    clients: repos.clients,
    findAccount: createFindAccount(repos.accounts),
  });
  provider.on('server_error', (_ctx, err) => logger.error({ err }, 'oidc-provider server error'));
  const csrf = createCsrf({ key: deriveKey(config.cookieKeys?.[0] ?? keys.secrets.cookieKeys[0]!, 'csrf'), secure });

  provider.use(requestLog(logger));
  provider.use(securityHeaders);
  provider.use(errorHandler(logger));
  provider.use(createSiteRoutes().routes());
  provider.use(
    createInteractionRoutes({
      interactions: createInteractions(provider),
      accounts,
      profiles,
      clients,
      consents: repos.consents,
      csrf,
      secureCookies: secure,
    }).routes(),
  );

  const demo = config.nodeEnv !== 'production';
  const demoSecret = demoClientSecret(deriveKey(keys.secrets.pairwiseKey, 'demo'));
  if (demo) provider.use(createDemoRoutes({ issuer: config.issuer, clientSecret: demoSecret }).routes());

  const stopPurge = startPurge(repos.payloads, PURGE_EVERY_MS, (err) =>
    logger.error({ err }, 'purge of expired rows failed'),
  );
  return {
    provider,
    services: { accounts, clients },
    async prepare() {
      const seeded = await seedOrganisations(repos.organisations);
      if (seeded) logger.info({ organisations: seeded }, 'official organisations loaded');
      if (demo) {
        await clients.addRelyingParty({
          clientId: DEMO_CLIENT.clientId,
          clientSecret: demoSecret,
          name: DEMO_CLIENT.name,
          organisationSiren: DEMO_CLIENT.organisationSiren,
          redirectUris: [`${config.issuer}/demo/callback`],
          scopes: DEMO_CLIENT.scopes,
        });
      }
    },
    async close() {
      stopPurge();
    },
  };
}
