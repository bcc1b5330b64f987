// A KorriGo terminal as a terminal maker would build one: its own key pair, registered with
// its public key, tokens through client_credentials + private_key_jwt (openid-client), Bearer
// or bound to a second key of its own by DPoP (RFC 9449).
import crypto from 'node:crypto';
import * as oidc from 'openid-client';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { RunningProvider } from './provider-server.ts';

export type Answer = { status: number; headers: Headers; body: Record<string, unknown> };

export type TestTerminal = {
  clientId: string;
  token(scope?: string): Promise<string>;
  /** A DPoP-bound token (openid-client sends the proof at the token endpoint). */
  dpopToken(scope?: string): Promise<string>;
  /** A DPoP proof for one API request with this terminal's DPoP key; `claims` override its own. */
  dpopProof(method: string, url: string, token: string, claims?: Record<string, unknown>): Promise<string>;
  /** Revokes a token at the revocation endpoint (RFC 7009), as the terminal's owner would. */
  revoke(token: string): Promise<void>;
  introspect(token: string): Promise<{ active: boolean }>;
  post(path: string, body: unknown, token?: string): Promise<Answer>;
  /** Any request to `base` (mon-compte's issuer by default) with this terminal's token. */
  send(path: string, init?: RequestInit & { token?: string; base?: string }): Promise<Answer>;
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
  const dpopKeys = await generateKeyPair('ES256', { extractable: true });
  const dpopJwk = await exportJWK(dpopKeys.publicKey);
  const token = async (scope = scopes.join(' ')) => (await oidc.clientCredentialsGrant(config, { scope })).access_token;

  async function send(path: string, init: RequestInit & { token?: string; base?: string } = {}): Promise<Answer> {
    const { token: given, base = provider.issuer, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${given ?? (await token())}`);
    const res = await fetch(`${base}${path}`, { ...rest, headers });
    const text = await res.text();
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { raw: text };
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  return {
    clientId: client_id,
    token,
    async dpopToken(scope = scopes.join(' ')) {
      const DPoP = oidc.getDPoPHandle(config, dpopKeys);
      return (await oidc.clientCredentialsGrant(config, { scope }, { DPoP })).access_token;
    },
    dpopProof(method, url, accessToken, claims = {}) {
      return new SignJWT({
        htm: method,
        htu: url,
        ath: crypto.createHash('sha256').update(accessToken).digest('base64url'),
        jti: crypto.randomUUID(),
        ...claims,
      })
        .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: dpopJwk })
        .setIssuedAt()
        .sign(dpopKeys.privateKey);
    },
    revoke: (accessToken) => oidc.tokenRevocation(config, accessToken),
    introspect: async (accessToken) => ({ active: (await oidc.tokenIntrospection(config, accessToken)).active }),
    send,
    post(path, body, given) {
      const offline = path.endsWith('offline-list');
      return send(path, {
        method: offline ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json' },
        body: offline ? undefined : JSON.stringify(body),
        token: given,
      });
    },
  };
}
