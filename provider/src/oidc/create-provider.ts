// The only place that configures oidc-provider: which flows exist, how long artefacts live,
// how subjects are derived and where the citizen is sent to log in and consent.
import Provider, { type Configuration, type FindAccount, type KoaContextWithOIDC } from 'oidc-provider';
import type { KeyMaterial } from '../../../keys/src/load-keys.ts';
import { providerJwks } from '../../../keys/src/signing-keys.ts';
import { createAdapterFactory } from './adapter.ts';
import { CookieKeys } from '../../../platform/http/cookie-keys.ts';
import type { OidcPayloadsRepo } from '../../../db/repos/oidc-payloads-repo.ts';
import type { ClientsRepo } from '../../../db/repos/clients-repo.ts';
import type { StandingConsentsRepo } from '../../../db/repos/standing-consents-repo.ts';
import { ROLE_SCOPE_CLAIMS, SCOPE_CLAIMS } from '../profile/attributes.ts';
import { pairwiseSubject, sectorOf } from './pairwise.ts';
import { loadExistingGrant } from './standing-consent.ts';
import { interactionPath, LOGIN_ACR } from './interactions.ts';
import { logoutSource, postLogoutSuccessSource, renderError } from './pages.ts';
import { ACCOUNT_CENTRE_CLIENT } from '../account/account-service.ts';

export type ProviderDeps = {
  issuer: string;
  keys: KeyMaterial;
  /** Cookie keys from COOKIE_KEYS, which win over the generated ones. */
  cookieKeys?: readonly string[];
  payloads: OidcPayloadsRepo;
  clients?: ClientsRepo;
  /** What each citizen agreed to share with each app, beyond one browser session. */
  standingConsents: StandingConsentsRepo;
  findAccount: FindAccount;
  /**
   * oidc-provider refuses outgoing requests (back-channel logout) to loopback and private
   * addresses, against SSRF. Local development and tests run their apps on localhost.
   */
  allowPrivateNetworkFetch?: boolean;
  /** Secret of the account centre's own first-party client. */
  accountCentreSecret: string;
  /** Called when a client receives a citizen's data (token issued, userinfo served). */
  onRelease?: (accountId: string, clientId: string, scopes: string[]) => void;
  /** Reverse proxies in front, whose X-Forwarded-For entries are trusted (https issuer). */
  trustedProxyHops?: number;
};

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * 60 * MINUTE;

export function createProvider(deps: ProviderDeps): Provider {
  const https = deps.issuer.startsWith('https://');
  // `__Host-` needs Path=/ and Secure; the interaction cookies are scoped to their own path,
  // so they get the `__Secure-` prefix instead.
  const cookieNames = https
    ? { session: '__Host-kms_session', interaction: '__Secure-kms_interaction', resume: '__Secure-kms_resume' }
    : { session: 'kms_session', interaction: 'kms_interaction', resume: 'kms_resume' };

  const configuration: Configuration = {
    adapter: createAdapterFactory(deps.payloads, deps.clients),
    // One scope per attribute family (PRODUCT.md). `acr` and `amr` are released when the app
    // asks for them (`claims` parameter, `acr_values`), `auth_time` with `max_age` too.
    claims: {
      ...Object.fromEntries(Object.entries({ ...SCOPE_CLAIMS, ...ROLE_SCOPE_CLAIMS }).map(([k, v]) => [k, [...v]])),
      acr: null,
      amr: null,
    },
    // korrigo:* are the terminals' scopes (client_credentials only).
    scopes: [
      'openid',
      'offline_access',
      ...Object.keys(SCOPE_CLAIMS).filter((s) => s !== 'openid'),
      ...Object.keys(ROLE_SCOPE_CLAIMS),
      'korrigo:check',
      'korrigo:pair',
    ],
    jwks: providerJwks(deps.keys.signing) as Configuration['jwks'],
    acrValues: [LOGIN_ACR],
    findAccount: deps.findAccount,
    loadExistingGrant: loadExistingGrant(deps.standingConsents),
    clients: [
      {
        client_id: ACCOUNT_CENTRE_CLIENT,
        client_secret: deps.accountCentreSecret,
        client_name: 'Mon compte',
        redirect_uris: [`${deps.issuer}/account/callback`],
        post_logout_redirect_uris: [`${deps.issuer}/`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        scope: 'openid',
        subject_type: 'public',
      },
    ],
    cookies: {
      keys: new CookieKeys(deps.cookieKeys ?? deps.keys.secrets.cookieKeys),
      names: cookieNames,
      long: { httpOnly: true, sameSite: 'lax', secure: https },
      short: { httpOnly: true, sameSite: 'lax', secure: https },
    },
    // Authorization code flow only: no implicit, no hybrid, no password grant.
    responseTypes: ['code'],
    pkce: { required: () => true },
    // OpenID Connect requires redirect_uri in every authorization request, and RFC 6749 (4.1.3)
    // at the token endpoint when it was sent: no guessing it from a single registered URI.
    allowOmittingSingleRegisteredRedirectUri: false,
    subjectTypes: ['public', 'pairwise'],
    pairwiseIdentifier: async (_ctx, accountId, client) =>
      pairwiseSubject(
        deps.keys.secrets.pairwiseKey,
        sectorOf({
          bzhSector: client.metadata()['bzh_sector'],
          bzhOrganisation: client.metadata()['bzh_organisation'],
          clientId: client.clientId,
        }),
        accountId,
      ),
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      subject_type: 'pairwise',
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
    extraClientMetadata: {
      // The collectivity (SIREN) that owns the client, and an optional sector of its own.
      properties: ['bzh_organisation', 'bzh_sector'],
      validator(_ctx, key, value) {
        if (value === undefined) return;
        if (key === 'bzh_organisation' && !(typeof value === 'string' && /^\d{9}$/.test(value))) {
          throw new Error('bzh_organisation must be a SIREN of 9 digits');
        }
        if (key === 'bzh_sector' && !(typeof value === 'string' && value.length <= 200)) {
          throw new Error('bzh_sector must be a short string');
        }
      },
    },
    features: {
      devInteractions: { enabled: false },
      // An app learns about its own tokens only: another app's token would tell it that app's
      // pairwise `sub` (another organisation's, maybe) and what the citizen shared there.
      introspection: {
        enabled: true,
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      // Another app's token is left alone with the same empty 200 as an unknown one (RFC 7009
      // 2.2): oidc-provider's default answers it with an error, which tells that it is live.
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      userinfo: { enabled: true },
      claimsParameter: { enabled: true },
      clientCredentials: { enabled: true },
      // Terminals may bind their tokens to a key (RFC 9449); the cards API then checks proofs.
      dPoP: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    },
    interactions: {
      url: async (_ctx: KoaContextWithOIDC, interaction) => interactionPath(interaction.uid),
    },
    ttl: {
      AccessToken: 10 * MINUTE,
      AuthorizationCode: MINUTE,
      ClientCredentials: 5 * MINUTE,
      IdToken: 10 * MINUTE,
      Interaction: 30 * MINUTE,
      RefreshToken: 30 * DAY,
      // Anyone can make a session row (opening /auth or /session/end): one nobody logged into
      // lasts an hour, longer than an interaction, instead of a citizen's 14 days.
      Session: (_ctx, session) => (session.accountId ? 14 * DAY : HOUR),
      Grant: 365 * DAY,
    },
    // Rotate on every use so a stolen refresh token is detected at its next use.
    rotateRefreshToken: true,
    renderError,
    // CORS only for browsers running an app's own front end (public clients, userinfo), and
    // only from the origins of that app's registered redirect URIs. Never for the terminals' API.
    clientBasedCORS(ctx, origin, client) {
      if (origin === 'null') return false;
      if (ctx.oidc.route !== 'userinfo' && client.clientAuthMethod !== 'none') return false;
      return (client.redirectUris ?? []).some((uri) => URL.canParse(uri) && new URL(uri).origin === origin);
    },
    ...(deps.allowPrivateNetworkFetch
      ? {
          fetch: (url: string | URL | Request, options?: RequestInit) =>
            globalThis.fetch(url, { ...options, dispatcher: undefined } as RequestInit),
        }
      : {}),
  };

  const provider = new Provider(deps.issuer, configuration);
  if (deps.onRelease) {
    const onRelease = deps.onRelease;
    provider.on('grant.success', (ctx: KoaContextWithOIDC) => {
      const grant = ctx.oidc.entities.Grant;
      const client = ctx.oidc.entities.Client;
      if (grant?.accountId && client && client.clientId !== ACCOUNT_CENTRE_CLIENT) {
        onRelease(grant.accountId, client.clientId, (grant.getOIDCScope() || '').split(' ').filter(Boolean));
      }
    });
  }
  // Behind a TLS-terminating reverse proxy, trust X-Forwarded-* to know the request is secure.
  provider.proxy = https;
  // X-Forwarded-For is "client, proxy1, proxy2…": only the entries our own proxies added can be
  // trusted; Koa would otherwise take the leftmost, which the client writes (and so choose the
  // address that login throttling counts).
  provider.maxIpsCount = deps.trustedProxyHops ?? 1;
  return provider;
}
