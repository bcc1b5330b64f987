// Authenticating KorriGo terminals at the cards API: the access token they got from the token
// endpoint (client_credentials + private_key_jwt), Bearer or DPoP-bound.
//
// A validated token is cached, so that a check costs no database round trip for its token. The
// cache must not outlive a revocation or a disabled terminal for long:
// - a token revoked through this instance is evicted at once (oidc-provider's
//   `client_credentials.destroyed` event);
// - every entry is looked up again (token row, then client) after TOKEN_RECHECK_S, so that a
//   token revoked through another instance sharing the database is refused here within that
//   bound, and a disabled terminal within that bound plus the client cache of the adapter
//   (CLIENT_CACHE_MS). One read per token every few seconds, instead of one per check.
import crypto from 'node:crypto';
import type Provider from 'oidc-provider';
import { calculateJwkThumbprint, decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';

export type Terminal = { clientId: string; organisation: string; scopes: Set<string> };

/** Where the DPoP proofs already used are remembered: shared by every instance (RFC 9449 11.1). */
export type SeenProofs = {
  /** True the first time `key` is presented before `until` (ms), false for a replay. */
  firstUse(key: string, until: number): Promise<boolean>;
};

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

type Cached = { terminal: Terminal; exp: number; jkt?: string; checkedAt: number };

const MAX_CACHED = 10_000;
/** How long a cached token is trusted before its row and its client are read again. */
export const TOKEN_RECHECK_S = 5;
const DPOP_MAX_AGE_S = 60;
/**
 * A proof is accepted while its iat is at most DPOP_MAX_AGE_S old (and not in the future), so
 * remembering it that long after now would do; twice that covers clocks of instances that
 * differ by up to a minute.
 */
const DPOP_REMEMBER_MS = 2 * DPOP_MAX_AGE_S * 1000;

const UNRESERVED = /^[A-Za-z0-9._~-]$/;

/**
 * The form two `htu` values are compared in (RFC 9449 4.3): RFC 3986 syntax- and scheme-based
 * normalisation (WHATWG URL lowercases scheme and host, drops the default port, resolves dot
 * segments; percent-encoded unreserved characters are decoded and other escapes uppercased),
 * without query and fragment. Undefined for what is not an http(s) URL.
 */
export function normaliseHtu(value: unknown): string | undefined {
  if (typeof value !== 'string' || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return undefined;
  const path = url.pathname.replace(/%[0-9A-Fa-f]{2}/g, (escape) => {
    const char = String.fromCharCode(parseInt(escape.slice(1), 16));
    return UNRESERVED.test(char) ? char : escape.toUpperCase();
  });
  return `${url.protocol}//${url.host}${path}`;
}

export function createTerminalAuth(provider: Provider, seenProofs: SeenProofs) {
  const cache = new Map<string, Cached>();
  // An opaque token's value is its jti: revoking it here takes it out of the cache at once.
  provider.on('client_credentials.destroyed', (token: { jti?: string }) => {
    if (token.jti) cache.delete(token.jti);
  });

  async function lookup(token: string): Promise<Cached | undefined> {
    const cached = cache.get(token);
    const now = Date.now() / 1000;
    if (cached && cached.exp > now && now - cached.checkedAt < TOKEN_RECHECK_S) return cached;
    // Deleted before the lookup: an entry set again goes to the end of the map (least recently
    // checked first out), and one that is no longer valid does not stay.
    if (cached) cache.delete(token);
    const stored = await provider.ClientCredentials.find(token);
    if (!stored || stored.isExpired) return undefined;
    // A disabled client is not found (the adapter): its tokens stop working with it.
    const client = stored.clientId ? await provider.Client.find(stored.clientId) : undefined;
    const organisation = client?.metadata()['bzh_organisation'];
    if (!client || typeof organisation !== 'string') return undefined;
    const entry: Cached = {
      terminal: { clientId: client.clientId, organisation, scopes: new Set(String(stored.scope ?? '').split(' ')) },
      exp: stored.exp!,
      jkt: (stored as unknown as { jkt?: string }).jkt,
      checkedAt: now,
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
    const htu = normaliseHtu(payload.htu);
    if (
      payload.htm !== method ||
      !htu ||
      htu !== normaliseHtu(url) ||
      payload.ath !== ath ||
      typeof payload.jti !== 'string'
    ) {
      throw fail('DPoP proof does not match this request');
    }
    // Checked last, so that only a proof valid in every other way is written down. The key
    // names the terminal's key and its jti (a fixed-size hash, whatever the jti's length): two
    // terminals choosing the same jti do not refuse each other's proofs.
    const key = crypto.createHash('sha256').update(`${jkt}.${payload.jti}`).digest('base64url');
    if (!(await seenProofs.firstUse(key, Date.now() + DPOP_REMEMBER_MS))) throw fail('DPoP proof replayed');
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
