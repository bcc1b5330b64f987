// A KorriGo terminal as a terminal maker would build one: its own key pair, registered with
// its public key, tokens through client_credentials + private_key_jwt (openid-client).
import * as oidc from 'openid-client';
import { exportJWK, generateKeyPair } from 'jose';
import type { RunningProvider } from './provider-server.ts';

export type TestTerminal = {
  clientId: string;
  token(scope?: string): Promise<string>;
  post(
    path: string,
    body: unknown,
    token?: string,
  ): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }>;
};

export async function createTerminal(
  provider: RunningProvider,
  organisation: string,
  scopes: string[],
): Promise<TestTerminal> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), alg: 'ES256', use: 'sig' };
  const { client_id } = await provider.app.services.clients.addTerminal({
    name: `Borne de test ${organisation}`,
    organisationSiren: organisation,
    jwks: { keys: [jwk] },
    scopes,
  });
  const config = await oidc.discovery(new URL(provider.issuer), client_id, undefined, oidc.PrivateKeyJwt(privateKey), {
    execute: [oidc.allowInsecureRequests],
  });
  const token = async (scope = scopes.join(' ')) => (await oidc.clientCredentialsGrant(config, { scope })).access_token;
  return {
    clientId: client_id,
    token,
    async post(path, body, given) {
      const res = await fetch(`${provider.issuer}${path}`, {
        method: path.endsWith('offline-list') ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${given ?? (await token())}`, 'content-type': 'application/json' },
        body: path.endsWith('offline-list') ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = { raw: text };
      }
      return { status: res.status, headers: res.headers, body: parsed };
    },
  };
}
