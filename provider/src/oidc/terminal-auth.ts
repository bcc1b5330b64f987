// Authenticating KorriGo terminals at the cards API: the access token they got from the token
// endpoint (client_credentials + private_key_jwt), Bearer or DPoP-bound. Valid tokens are
// cached until they expire (at most 5 minutes): a revoked or disabled terminal's token keeps
// working at most that long, the price of answering a check without a database round trip.
import crypto from 'node:crypto';
import type Provider from 'oidc-provider';
import { calculateJwkThumbprint, decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';

export type Terminal = { clientId: string; organisation: string; scopes: Set<string> };

export class TerminalAuthError extends Error {
  readonly status: number;
  readonly error: string;
  readonly scheme: string;
  /** RFC 6750 3.1: a request without any credentials gets a bare challenge, no error code. */
  readonly challengeWithError: boolean;
  constructor(status: number, error: string, description: string, scheme = 'Bearer', challengeWithError = true) {
    super(description);
    this.status = status;
    this.error = error;
    this.scheme = scheme;
    this.challengeWithError = challengeWithError;
  }

  /** The WWW-Authenticate header value (RFC 6750 3, RFC 9449 7.1). */
  get challenge(): string {
    return this.challengeWithError
      ? `${this.scheme} error="${this.error}", error_description="${this.message}"`
      : this.scheme;
  }
}

type Cached = { terminal: Terminal; exp: number; jkt?: string };

const MAX_CACHED = 10_000;
const DPOP_MAX_AGE_S = 60;

export function createTerminalAuth(provider: Provider) {
  const cache = new Map<string, Cached>();
  const seenProofs = new Map<string, number>();

  async function lookup(token: string): Promise<Cached | undefined> {
    const cached = cache.get(token);
    const now = Date.now() / 1000;
    if (cached && cached.exp > now) return cached;
    if (cached) cache.delete(token);
    const stored = await provider.ClientCredentials.find(token);
    if (!stored || stored.isExpired) return undefined;
    const client = stored.clientId ? await provider.Client.find(stored.clientId) : undefined;
    const organisation = client?.metadata()['bzh_organisation'];
    if (!client || typeof organisation !== 'string') return undefined;
    const entry: Cached = {
      terminal: { clientId: client.clientId, organisation, scopes: new Set(String(stored.scope ?? '').split(' ')) },
      exp: stored.exp!,
      jkt: (stored as unknown as { jkt?: string }).jkt,
    };
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(token, entry);
    return entry;
  }

  /** RFC 9449: the proof is signed by the key the token is bound to, for this request. */
  async function verifyProof(proof: string | undefined, token: string, jkt: string, method: string, url: string) {
    const fail = (why: string) => new TerminalAuthError(401, 'invalid_dpop_proof', why, 'DPoP');
    if (!proof) throw fail('DPoP proof missing');
    let header;
    try {
      header = decodeProtectedHeader(proof);
    } catch {
      throw fail('DPoP proof malformed');
    }
    if (header.typ !== 'dpop+jwt' || !header.jwk || !['ES256', 'EdDSA', 'Ed25519'].includes(String(header.alg))) {
      throw fail('DPoP proof header invalid');
    }
    const jwk = header.jwk as JWK;
    if ((await calculateJwkThumbprint(jwk, 'sha256')) !== jkt) throw fail('DPoP key does not match the token');
    let payload;
    try {
      ({ payload } = await jwtVerify(proof, await importJWK(jwk, String(header.alg)), {
        typ: 'dpop+jwt',
        maxTokenAge: DPOP_MAX_AGE_S,
      }));
    } catch {
      throw fail('DPoP proof signature or age invalid');
    }
    const ath = crypto.createHash('sha256').update(token).digest('base64url');
    if (payload.htm !== method || payload.htu !== url || payload.ath !== ath || typeof payload.jti !== 'string') {
      throw fail('DPoP proof does not match this request');
    }
    const now = Date.now() / 1000;
    for (const [jti, until] of seenProofs) if (until < now) seenProofs.delete(jti);
    if (seenProofs.has(payload.jti)) throw fail('DPoP proof replayed');
    seenProofs.set(payload.jti, now + DPOP_MAX_AGE_S * 2);
  }

  return {
    async authenticate(input: {
      authorization?: string;
      dpop?: string;
      method: string;
      url: string;
      scope: string;
    }): Promise<Terminal> {
      if (!input.authorization) {
        throw new TerminalAuthError(401, 'invalid_token', 'an access token is required', 'Bearer', false);
      }
      // Schemes are case-insensitive (RFC 9110 11.1): openid-client reports token_type "bearer".
      const match = /^(Bearer|DPoP) +([A-Za-z0-9._~+/-]+=*)$/i.exec(input.authorization);
      if (!match) {
        throw new TerminalAuthError(400, 'invalid_request', 'Authorization must be "Bearer <token>" or "DPoP <token>"');
      }
      const scheme = match[1]!.toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer';
      const token = match[2]!;
      const entry = await lookup(token);
      if (!entry) throw new TerminalAuthError(401, 'invalid_token', 'the access token is invalid or expired', scheme);
      if (entry.jkt) {
        if (scheme !== 'DPoP') throw new TerminalAuthError(401, 'invalid_token', 'this token is DPoP-bound', 'DPoP');
        await verifyProof(input.dpop, token, entry.jkt, input.method, input.url);
      } else if (scheme !== 'Bearer') {
        throw new TerminalAuthError(401, 'invalid_token', 'this token is not DPoP-bound');
      }
      if (!entry.terminal.scopes.has(input.scope)) {
        throw new TerminalAuthError(403, 'insufficient_scope', `the scope ${input.scope} is required`, scheme);
      }
      return entry.terminal;
    },
  };
}

export type TerminalAuth = ReturnType<typeof createTerminalAuth>;
