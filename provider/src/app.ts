// Composition root of mon-compte: repositories → services → routes, all mounted in front of
// oidc-provider's own Koa application.
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type Provider from 'oidc-provider';
import type { Db } from '../../db/create-db.ts';
import { createOidcPayloadsRepo } from '../../db/repos/oidc-payloads-repo.ts';
import { createAccountsRepo } from '../../db/repos/accounts-repo.ts';
import { createConsentsRepo } from '../../db/repos/consents-repo.ts';
import { createStandingConsentsRepo } from '../../db/repos/standing-consents-repo.ts';
import { createThrottleRepo } from '../../db/repos/throttle-repo.ts';
import { createDpopProofsRepo } from '../../db/repos/dpop-proofs-repo.ts';
import { createClientsRepo } from '../../db/repos/clients-repo.ts';
import { createOrganisationsRepo } from '../../db/repos/organisations-repo.ts';
import { createAuditRepo } from '../../db/repos/audit-repo.ts';
import { createEmailTokensRepo } from '../../db/repos/email-tokens-repo.ts';
import type { KeyMaterial } from '../../keys/src/load-keys.ts';
import { deriveKey } from '../../keys/src/derive.ts';
import type { Config } from '../../platform/config.ts';
import type { Logger } from '../../platform/logger.ts';
import { createProvider } from './oidc/create-provider.ts';
import { createFindAccount } from './oidc/find-account.ts';
import { createInteractions } from './oidc/interactions.ts';
import { createAccountPort } from './oidc/account-port.ts';
import { startPurge } from './oidc/adapter.ts';
import { batchAuthorizationWrites } from './oidc/batch-authorization-writes.ts';
import {
  errorHandler,
  httpsOnly,
  notFoundAsError,
  requestLog,
  securityHeaders,
} from '../../platform/http/middleware.ts';
import { createCsrf } from '../../platform/http/csrf.ts';
import { routesOf } from '../../platform/http/routes.ts';
import { createSiteRoutes } from './site-routes.ts';
import { createInteractionRoutes } from './interaction/routes.ts';
import { createInteractionPages } from './interaction/pages.ts';
import { serveFirstPageAtAuthorization } from './interaction/at-authorization.ts';
import { createLoginRoutes } from './interaction/login-routes.ts';
import { createDeviceCookie } from './interaction/device-cookie.ts';
import { createAccountRoutes } from './account/routes.ts';
import { simplePage } from './account/views.ts';
import { createPasswordHasher, type PasswordHasher } from './accounts/password-hasher.ts';
import { createLoginThrottle, FORGET_AFTER_MS } from './accounts/login-throttle.ts';
import { createWindowCap, LINK_MAIL_LIMIT, REGISTRATION_LIMIT } from './accounts/window-caps.ts';
import { createAccountsService } from './accounts/accounts-service.ts';
import { createProfileService } from './profile/profile-service.ts';
import { createClientsService } from './admin/clients-service.ts';
import { seedOrganisations } from './admin/organisations.ts';
import { createAccountService, type OidcPort } from './account/account-service.ts';
import { createEmailFlows } from './account/email-flows.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { deliverInBackground } from './mail/background-delivery.ts';
import { createBackgroundTasks } from '../../platform/background.ts';
import { createDemoRoutes, demoClientSecret, DEMO_CLIENT } from './demo/demo-rp.ts';
import { createGuards } from './account/guards.ts';
import { createAdminRepo } from '../../db/repos/admin-repo.ts';
import { createTerminalActivityRepo } from '../../db/repos/terminal-activity-repo.ts';
import { createAdminService } from './admin/admin-service.ts';
import { createAdminApiRoutes } from './admin/api-routes.ts';
import { createConsoleRoutes } from './admin/console-routes.ts';
import { createActivityRecorder } from './cards/terminal-activity.ts';
import { createHealthRoutes, createMetrics, type Metrics } from '../../platform/observability.ts';
import { createCardsRepo } from '../../db/repos/cards-repo.ts';
import { createCardsService } from './cards/cards-service.ts';
import { createCardRoutes } from './cards/routes.ts';
import { createCardAccountRoutes } from './cards/account-routes.ts';
import { createWindowLimiter } from './cards/unknown-card-limiter.ts';
import { createSharedLimiter } from './cards/shared-limiter.ts';
import { frenchFormPost } from './oidc/form-post-page.ts';
import { postAsGet } from './oidc/post-as-get.ts';
import { pragmaNoCacheOnTokens } from './oidc/token-no-cache.ts';
import { createTerminalAuth } from './oidc/terminal-auth.ts';

export type AppDeps = {
  config: Config;
  db: Db;
  keys: KeyMaterial;
  logger: Logger;
  hasher?: PasswordHasher;
  mailer?: Mailer;
};

export type App = {
  /** The request handler of the current provider (swapped on key reload). */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  readonly provider: Provider;
  readonly services: ReturnType<typeof createServices>;
  metrics: Metrics;
  /** Rebuilds the provider over rotated keys, without a restart. */
  reloadKeys(keys: KeyMaterial): void;
  /** First-start data: the official organisations and, outside production, the demo app. */
  prepare(): Promise<void>;
  /** Resolves once the work requests left to the background (mail deliveries…) has ended. */
  settled(): Promise<void>;
  close(): Promise<void>;
};

/** How long a stopping server waits for mail still being delivered. */
const SETTLE_ON_CLOSE_MS = 5_000;

const PURGE_EVERY_MS = 10 * 60 * 1000;
/** Unrecognised cards (and refused pairings) a terminal may present before it is stopped. */
const UNKNOWN_CARD_LIMIT = { max: 20, windowMs: 60_000 };
/** DPoP proofs are remembered two minutes: purged often, the table stays a few minutes' worth. */
const DPOP_PURGE_EVERY_MS = 60_000;

/** The dev outbox: where mail lands in a local run without SMTP_URL. */
export function outboxDir(): string {
  return path.resolve('data', 'outbox');
}

/** The key an organisation's terminals use to match cards in its offline list. */
export function organisationCardKeyOf(keys: KeyMaterial) {
  return (siren: string) => deriveKey(keys.secrets.pairwiseKey, `korrigo-offline-list:${siren}`);
}

/** Repositories and services, without HTTP: shared by the server and the admin CLI. */
export function createServices(deps: Omit<AppDeps, 'logger'> & { oidc?: OidcPort }) {
  const { config, db, keys } = deps;
  const repos = {
    payloads: createOidcPayloadsRepo(db),
    accounts: createAccountsRepo(db),
    consents: createConsentsRepo(db),
    standingConsents: createStandingConsentsRepo(db),
    throttle: createThrottleRepo(db),
    clients: createClientsRepo(db),
    organisations: createOrganisationsRepo(db),
    audit: createAuditRepo(db),
    emailTokens: createEmailTokensRepo(db),
    cards: createCardsRepo(db),
    admin: createAdminRepo(db),
    terminalActivity: createTerminalActivityRepo(db),
  };
  const hasher = deps.hasher ?? createPasswordHasher();
  const mailer = deps.mailer ?? createMailer({ smtpUrl: config.smtpUrl, outboxDir: outboxDir() });
  const throttle = createLoginThrottle(repos.throttle, deriveKey(keys.secrets.pairwiseKey, 'login-throttle'));
  const registrationLimit = createWindowCap(
    repos.throttle,
    deriveKey(keys.secrets.pairwiseKey, 'registration-limit'),
    REGISTRATION_LIMIT,
  );
  const linkMailLimit = createWindowCap(
    repos.throttle,
    deriveKey(keys.secrets.pairwiseKey, 'mail-limit'),
    LINK_MAIL_LIMIT,
  );
  const accounts = createAccountsService({ accounts: repos.accounts, hasher, throttle, registrationLimit });
  const clients = createClientsService({
    clients: repos.clients,
    organisations: repos.organisations,
    production: config.nodeEnv === 'production',
  });
  const profiles = createProfileService(repos.accounts);
  const emailFlows = createEmailFlows({
    issuer: config.issuer,
    accounts: repos.accounts,
    tokens: repos.emailTokens,
    audit: repos.audit,
    payloads: repos.payloads,
    hasher,
    mailer,
    linkMailLimit,
  });
  const account = createAccountService({
    accounts: repos.accounts,
    audit: repos.audit,
    consents: repos.consents,
    standingConsents: repos.standingConsents,
    payloads: repos.payloads,
    clients,
    mailer,
    oidc: deps.oidc ?? { notifyLogout: async () => 'none' },
    cards: repos.cards,
    admin: repos.admin,
  });
  const cards = createCardsService({
    cards: repos.cards,
    organisations: repos.organisations,
    accounts: repos.accounts,
    mailer,
    cardKeys: keys.secrets.cardKeys ?? [],
    pairwiseKey: keys.secrets.pairwiseKey,
    organisationKeyOf: organisationCardKeyOf(keys),
  });
  const admin = createAdminService({
    admin: repos.admin,
    clients: repos.clients,
    clientsService: clients,
    organisations: repos.organisations,
    accounts: repos.accounts,
    activity: repos.terminalActivity,
  });
  return { repos, accounts, clients, profiles, emailFlows, account, mailer, cards, admin };
}

export function createApp(deps: AppDeps): App {
  const { config, logger } = deps;
  // State that must outlive a key reload: the rate limits of terminals.
  const limiter = createSharedLimiter(createWindowLimiter(UNKNOWN_CARD_LIMIT), createThrottleRepo(deps.db), {
    ...UNKNOWN_CARD_LIMIT,
    onError: (err) => logger.error({ err }, 'shared terminal limit not updated'),
  });
  // DPoP proofs already used, in the database so that every instance refuses a replay.
  const dpopProofs = createDpopProofsRepo(deps.db);
  const hasher = deps.hasher ?? createPasswordHasher();
  const metrics = createMetrics('mon-compte');
  // Error codes only: a mail server's message can quote the recipient's address.
  const background = createBackgroundTasks((what, err) =>
    logger.error(
      { task: what, code: (err as { code?: unknown }).code ?? (err as Error).name },
      'background task failed',
    ),
  );
  const mailer = deliverInBackground(
    deps.mailer ?? createMailer({ smtpUrl: config.smtpUrl, outboxDir: outboxDir() }),
    background,
  );
  const activity = createActivityRecorder(createTerminalActivityRepo(deps.db), (err) =>
    logger.error({ err }, 'terminal activity not recorded'),
  );
  let current = build(deps.keys);
  let callback = current.provider.callback();

  /**
   * The provider and every route built over one set of keys. A key rotation builds a new one
   * and swaps it in: requests already running finish on the old one.
   */
  function build(keys: KeyMaterial) {
    const secure = config.issuer.startsWith('https://');
    const payloadsForProvider = createOidcPayloadsRepo(deps.db);
    const accountsForProvider = createAccountsRepo(deps.db);
    const adminRepo = createAdminRepo(deps.db);
    const audit = createAuditRepo(deps.db);
    const standingConsents = createStandingConsentsRepo(deps.db);

    const provider = createProvider({
      issuer: config.issuer,
      keys,
      cookieKeys: config.cookieKeys,
      trustedProxyHops: config.trustedProxyHops,
      payloads: payloadsForProvider,
      clients: createClientsRepo(deps.db),
      standingConsents,
      findAccount: createFindAccount(accountsForProvider, async (accountId) => {
        const roles = await adminRepo.rolesOf(accountId);
        return roles.some((r) => r.role === 'platform')
          ? ['*']
          : roles.map((r) => r.organisationSiren!).filter(Boolean);
      }),
      accountCentreSecret: deriveKey(keys.secrets.pairwiseKey, 'account-centre-client'),
      allowPrivateNetworkFetch: config.nodeEnv !== 'production',
      onRelease: (accountId, clientId, scopes) => {
        audit.append({ accountId, type: 'data.released', clientId, detail: { scopes } }).catch((err: unknown) => {
          logger.error({ err }, 'audit append failed');
        });
      },
    });
    provider.on('server_error', (_ctx, err) => logger.error({ err }, 'oidc-provider server error'));
    provider.on('backchannel.error', (_ctx, err) =>
      logger.warn({ err: (err as Error).message }, 'back-channel logout failed'),
    );

    const port = createAccountPort(provider);
    const services = createServices({ ...deps, hasher, mailer, keys, oidc: port });
    const csrf = createCsrf({ key: deriveKey(config.cookieKeys?.[0] ?? keys.secrets.cookieKeys[0]!, 'csrf'), secure });

    provider.use(metrics.middleware);
    provider.use(requestLog(logger));
    provider.use(securityHeaders);
    provider.use(errorHandler(logger, (title, message) => simplePage(title, message, ['/', 'Retour à l’accueil'])));
    // Inside the error handler: a batch that cannot be written is an error page like any other.
    provider.use(batchAuthorizationWrites(deps.db));
    provider.use(notFoundAsError);
    provider.use(frenchFormPost);
    provider.use(postAsGet);
    provider.use(pragmaNoCacheOnTokens);
    provider.use(routesOf(createHealthRoutes(() => deps.db.raw('select 1'))));
    // After the health routes: a load balancer probes instances directly, over plain http.
    if (secure) provider.use(httpsOnly(config.issuer));
    provider.use(routesOf(createSiteRoutes()));
    const interactions = createInteractions(provider, { standingConsents, payloads: payloadsForProvider });
    const pages = createInteractionPages({ profiles: services.profiles, clients: services.clients, csrf });
    const device = createDeviceCookie(services.accounts, secure);
    provider.use(serveFirstPageAtAuthorization(interactions, pages));
    provider.use(
      routesOf(
        createLoginRoutes({
          interactions,
          pages,
          device,
          accounts: services.accounts,
          audit: services.repos.audit,
          csrf,
        }),
      ),
    );
    provider.use(
      routesOf(
        createInteractionRoutes({
          interactions,
          pages,
          device,
          accounts: services.accounts,
          profiles: services.profiles,
          consents: services.repos.consents,
          audit: services.repos.audit,
          emailFlows: services.emailFlows,
          csrf,
          logger,
        }),
      ),
    );
    const guards = createGuards(port.currentSession);
    const es256 = keys.signing.keys.find((k) => k.alg === 'ES256' && k.state === 'current')!;
    provider.use(
      routesOf(
        createCardRoutes({
          issuer: config.issuer,
          auth: createTerminalAuth(provider, dpopProofs),
          cards: services.cards,
          limiter,
          activity,
          logger,
          listSigningKey: { kid: es256.kid, jwk: es256.jwk },
          organisationKeyOf: organisationCardKeyOf(keys),
        }),
      ),
    );
    provider.use(
      routesOf(
        createCardAccountRoutes({
          csrf,
          cards: services.cards,
          profiles: services.profiles,
          organisations: services.repos.organisations,
          guards,
        }),
      ),
    );
    provider.use(routesOf(createAdminApiRoutes({ admin: services.admin, currentSession: port.currentSession })));
    provider.use(routesOf(createConsoleRoutes({ admin: services.admin, csrf, guards })));
    provider.use(
      routesOf(
        createAccountRoutes({
          guards,
          issuer: config.issuer,
          secureCookies: secure,
          csrf,
          currentSession: port.currentSession,
          account: services.account,
          emailFlows: services.emailFlows,
          profiles: services.profiles,
          audit: services.repos.audit,
          clients: services.clients,
          background,
        }),
      ),
    );
    if (config.nodeEnv !== 'production') {
      const secret = demoClientSecret(deriveKey(keys.secrets.pairwiseKey, 'demo'));
      provider.use(routesOf(createDemoRoutes({ issuer: config.issuer, clientSecret: secret })));
    }
    return { provider, services };
  }

  const keys = deps.keys;
  const demo = config.nodeEnv !== 'production';
  const demoSecret = demoClientSecret(deriveKey(keys.secrets.pairwiseKey, 'demo'));
  const services = current.services;

  const throttlePurge = setInterval(() => {
    services.repos.throttle
      .purgeOlderThan(Date.now() - FORGET_AFTER_MS)
      .catch((err: unknown) => logger.error({ err }, 'purge of old throttle counters failed'));
  }, PURGE_EVERY_MS);
  throttlePurge.unref();
  const dpopPurge = setInterval(() => {
    dpopProofs.purgeExpired().catch((err: unknown) => logger.error({ err }, 'purge of used DPoP proofs failed'));
  }, DPOP_PURGE_EVERY_MS);
  dpopPurge.unref();
  const stopPurge = startPurge(services.repos.payloads, PURGE_EVERY_MS, (err) =>
    logger.error({ err }, 'purge of expired rows failed'),
  );
  return {
    handler: (req, res) => callback(req, res),
    metrics,
    get provider() {
      return current.provider;
    },
    get services() {
      return current.services;
    },
    reloadKeys(keys: KeyMaterial) {
      current = build(keys);
      callback = current.provider.callback();
    },
    async prepare() {
      const seeded = await seedOrganisations(services.repos.organisations);
      if (seeded) logger.info({ organisations: seeded }, 'official organisations loaded');
      if (demo) {
        await services.clients.addRelyingParty({
          clientId: DEMO_CLIENT.clientId,
          clientSecret: demoSecret,
          name: DEMO_CLIENT.name,
          organisationSiren: DEMO_CLIENT.organisationSiren,
          redirectUris: [`${config.issuer}/demo/callback`],
          scopes: DEMO_CLIENT.scopes,
        });
        // mes-services is an ordinary relying party; in a local run it is registered here with
        // a secret both servers derive from KEYS_DIR. In production: `clients add` and
        // DIRECTORY_CLIENT_SECRET.
        await services.clients.addRelyingParty({
          clientId: config.directoryClientId,
          clientSecret: config.directoryClientSecret ?? deriveKey(keys.secrets.pairwiseKey, 'mes-services-client'),
          name: 'mes-services.bzh',
          organisationSiren: '233500016',
          redirectUris: [`${config.directoryUrl}/auth/callback`],
          postLogoutRedirectUris: [`${config.directoryUrl}/`],
          // Revocation, account deletion and logout end mes-services' sessions at once.
          backchannelLogoutUri: `${config.directoryUrl}/auth/backchannel-logout`,
          scopes: ['birthdate', 'bzh_residence', 'bzh_foyer', 'bzh_situation', 'bzh_handicap'],
          roleScopes: ['bzh_admin'],
        });
      }
    },
    settled: () => background.idle(),
    async close() {
      await Promise.race([
        background.idle(),
        new Promise((resolve) => setTimeout(resolve, SETTLE_ON_CLOSE_MS).unref()),
      ]);
      stopPurge();
      clearInterval(throttlePurge);
      clearInterval(dpopPurge);
      limiter.close();
      await activity.close();
    },
  };
}
