// mes-services as an ordinary relying party of mon-compte: discovery, authorization code with
// PKCE, userinfo, and the logout tokens of Back-Channel Logout 1.0. Discovery is lazy and
// retried, so the directory may start before the provider.
import * as oidc from 'openid-client';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';

export const INITIAL_SCOPES = ['openid', 'bzh_residence', 'birthdate', 'bzh_foyer', 'bzh_situation'];
/** The scopes mes-services may ask for, one at a time, to "share it to find out". */
export const OPTIONAL_SCOPES = new Set([
  'bzh_residence',
  'birthdate',
  'bzh_foyer',
  'bzh_situation',
  'bzh_handicap',
  'bzh_admin',
]);

/** Claims that give a right in mes-services: only ever what mon-compte releases now. */
export const ROLE_SCOPE_CLAIMS: Readonly<Record<string, readonly string[]>> = {
  bzh_admin: ['bzh_admin_organisations'],
};

const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** How old a logout token may be (mon-compte's expire after 120 s), and the clocks' leeway. */
const LOGOUT_TOKEN_MAX_AGE_S = 300;
const CLOCK_TOLERANCE_S = 30;

/** Who a valid logout token names: the citizen (`sub`), one of their sessions (`sid`), or both. */
export type LogoutSubject = { sub?: string; sid?: string };

export type MonCompteClient = ReturnType<typeof createMonCompteClient>;

export type PendingLogin = { state: string; verifier: string; nonce: string; returnTo: string };

export function createMonCompteClient(o: {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}) {
  let configuration: Promise<oidc.Configuration> | undefined;
  const config = () => {
    configuration ??= oidc
      .discovery(new URL(o.issuer), o.clientId, o.clientSecret, undefined, {
        execute: o.issuer.startsWith('http://') ? [oidc.allowInsecureRequests] : [],
      })
      .catch((err: unknown) => {
        configuration = undefined; // try again at the next login
        throw err;
      });
    return configuration;
  };
  let jwks: { uri: string; get: ReturnType<typeof createRemoteJWKSet> } | undefined;
  const keysOf = (uri: string) => {
    if (jwks?.uri !== uri) jwks = { uri, get: createRemoteJWKSet(new URL(uri)) };
    return jwks.get;
  };

  return {
    /** Where to send the browser; `scope` alone asks for one more attribute family. */
    async startLogin(scope: string | undefined, returnTo: string): Promise<{ url: string; pending: PendingLogin }> {
      const pending: PendingLogin = {
        state: oidc.randomState(),
        verifier: oidc.randomPKCECodeVerifier(),
        nonce: oidc.randomNonce(),
        returnTo,
      };
      const url = oidc.buildAuthorizationUrl(await config(), {
        redirect_uri: o.redirectUri,
        scope: scope ? `openid ${scope}` : INITIAL_SCOPES.join(' '),
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
        // Asking again for a family the citizen once declined must show the consent screen.
        ...(scope ? { prompt: 'consent' } : {}),
      });
      return { url: url.href, pending };
    },

    /** Exchanges the code and reads every claim the citizen consented to. */
    async finishLogin(callbackUrl: URL, pending: PendingLogin) {
      const configured = await config();
      const tokens = await oidc.authorizationCodeGrant(configured, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
      });
      const { sub, sid } = tokens.claims()!;
      const userinfo = await oidc.fetchUserInfo(configured, tokens.access_token, sub);
      return {
        sub,
        // mes-services is registered with backchannel_logout_session_required: the ID token names
        // the session at mon-compte, which a logout token may name alone.
        sid: typeof sid === 'string' ? sid : undefined,
        idToken: tokens.id_token,
        accessToken: tokens.access_token,
        scope: tokens.scope ?? '',
        claims: userinfo,
      };
    },

    /**
     * The claims mon-compte releases now for this access token; undefined when it no longer
     * answers for the token (expired, revoked, or another citizen's). Throws when mon-compte
     * cannot be reached: that says nothing about the citizen.
     */
    async currentClaims(accessToken: string, sub: string): Promise<Record<string, unknown> | undefined> {
      const configured = await config();
      try {
        return await oidc.fetchUserInfo(configured, accessToken, sub);
      } catch (err) {
        if (
          err instanceof oidc.WWWAuthenticateChallengeError ||
          err instanceof oidc.ResponseBodyError ||
          (err instanceof oidc.ClientError && err.code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED')
        )
          return undefined;
        throw err;
      }
    },

    /**
     * The subject of a logout token that passes every check of Back-Channel Logout 1.0 §2.6;
     * undefined for any other. Throws only when mon-compte's keys cannot be fetched.
     */
    async verifyLogoutToken(token: string): Promise<LogoutSubject | undefined> {
      const metadata = (await config()).serverMetadata();
      if (!metadata.jwks_uri) throw new Error('mon-compte publishes no jwks_uri');
      // Signatures by mon-compte's published keys only: never "none", never a shared secret.
      const algorithms = (metadata.id_token_signing_alg_values_supported ?? ['RS256']).filter(
        (alg) => alg !== 'none' && !alg.startsWith('HS'),
      );
      let payload: JWTPayload;
      try {
        const verified = await jwtVerify(token, keysOf(metadata.jwks_uri), {
          issuer: metadata.issuer,
          audience: o.clientId,
          algorithms,
          requiredClaims: ['iat', 'jti'],
          maxTokenAge: LOGOUT_TOKEN_MAX_AGE_S,
          clockTolerance: CLOCK_TOLERANCE_S,
        });
        const typ = verified.protectedHeader.typ?.toLowerCase();
        if (typ !== undefined && typ !== 'logout+jwt' && typ !== 'application/logout+jwt') return undefined;
        payload = verified.payload;
      } catch (err) {
        if (err instanceof errors.JOSEError && !(err instanceof errors.JWKSTimeout)) return undefined;
        throw err;
      }
      const events = payload.events as Record<string, unknown> | undefined;
      const event = events && typeof events === 'object' ? events[BACKCHANNEL_LOGOUT_EVENT] : undefined;
      if (!event || typeof event !== 'object') return undefined;
      // A nonce makes it an ID token, which must never log anyone out.
      if ('nonce' in payload) return undefined;
      const sub = typeof payload.sub === 'string' && payload.sub ? payload.sub : undefined;
      const sid = typeof payload.sid === 'string' && payload.sid ? payload.sid : undefined;
      if (!sub && !sid) return undefined;
      return { ...(sub ? { sub } : {}), ...(sid ? { sid } : {}) };
    },

    async endSessionUrl(idToken: string | undefined, postLogoutRedirectUri: string): Promise<string> {
      return oidc.buildEndSessionUrl(await config(), {
        post_logout_redirect_uri: postLogoutRedirectUri,
        ...(idToken ? { id_token_hint: idToken } : {}),
      }).href;
    },
  };
}
