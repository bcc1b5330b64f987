// mes-services as an ordinary relying party of mon-compte: discovery, authorization code with
// PKCE, userinfo. Discovery is lazy and retried, so the directory may start before the provider.
import * as oidc from 'openid-client';

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
      const sub = tokens.claims()!.sub;
      const userinfo = await oidc.fetchUserInfo(configured, tokens.access_token, sub);
      return {
        sub,
        idToken: tokens.id_token,
        accessToken: tokens.access_token,
        scope: tokens.scope ?? '',
        claims: userinfo,
      };
    },

    async endSessionUrl(idToken: string | undefined, postLogoutRedirectUri: string): Promise<string> {
      return oidc.buildEndSessionUrl(await config(), {
        post_logout_redirect_uri: postLogoutRedirectUri,
        ...(idToken ? { id_token_hint: idToken } : {}),
      }).href;
    },
  };
}
