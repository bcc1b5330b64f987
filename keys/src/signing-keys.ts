// Signing keys and their life cycle. Each algorithm has a `current` key that signs, a `next`
// key already published in the JWKS (so relying parties have it cached before it signs) and,
// after a rotation, the `previous` key kept published so that tokens it signed still verify.
import crypto from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export const SIGNING_ALGORITHMS = ['RS256', 'ES256'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];
export type KeyState = 'next' | 'current' | 'previous';

export type StoredSigningKey = {
  kid: string;
  alg: SigningAlgorithm;
  state: KeyState;
  createdAt: string;
  /** Private JWK. */
  jwk: JWK;
};

export type SigningKeySet = { version: 1; keys: StoredSigningKey[] };

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

export async function generateSigningKey(alg: SigningAlgorithm, state: KeyState, now: Date): Promise<StoredSigningKey> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  const kid = `${alg.toLowerCase()}-${now.toISOString().slice(0, 10)}-${crypto.randomBytes(6).toString('base64url')}`;
  return { kid, alg, state, createdAt: now.toISOString(), jwk: { ...jwk, kid, alg, use: 'sig' } };
}

export async function createSigningKeySet(now = new Date()): Promise<SigningKeySet> {
  const keys: StoredSigningKey[] = [];
  for (const alg of SIGNING_ALGORITHMS) {
    keys.push(await generateSigningKey(alg, 'current', now));
    keys.push(await generateSigningKey(alg, 'next', now));
  }
  return { version: 1, keys };
}

/**
 * One rotation: the published `next` key starts signing, the signing key is kept for
 * verification only, keys older than that are retired, and a fresh `next` key is published.
 */
export async function rotateSigningKeys(set: SigningKeySet, now = new Date()): Promise<SigningKeySet> {
  const keys: StoredSigningKey[] = [];
  for (const alg of SIGNING_ALGORITHMS) {
    const ofAlg = set.keys.filter((key) => key.alg === alg);
    const current = ofAlg.find((key) => key.state === 'current');
    const next = ofAlg.find((key) => key.state === 'next') ?? (await generateSigningKey(alg, 'next', now));
    if (current) keys.push({ ...current, state: 'previous' });
    keys.push({ ...next, state: 'current' });
    keys.push(await generateSigningKey(alg, 'next', now));
  }
  return { version: 1, keys };
}

/**
 * The JWKS handed to oidc-provider: private keys, current ones first. Keys that must not sign
 * carry key_ops ["verify"], which the provider honours when it selects a signing key.
 */
export function providerJwks(set: SigningKeySet): { keys: JWK[] } {
  const order: Record<KeyState, number> = { current: 0, next: 1, previous: 2 };
  const sorted = [...set.keys].sort((a, b) => order[a.state] - order[b.state]);
  return {
    keys: sorted.map((key) => (key.state === 'current' ? { ...key.jwk } : { ...key.jwk, key_ops: ['verify'] })),
  };
}

/** Public halves only: what may be shown to anyone. */
export function publicJwk(jwk: JWK): JWK {
  const copy: Record<string, unknown> = { ...jwk };
  for (const member of PRIVATE_MEMBERS) delete copy[member];
  return copy as JWK;
}

export function isSigningKeySet(value: unknown): value is SigningKeySet {
  if (!value || typeof value !== 'object') return false;
  const set = value as Partial<SigningKeySet>;
  return (
    set.version === 1 &&
    Array.isArray(set.keys) &&
    SIGNING_ALGORITHMS.every((alg) => set.keys!.some((key) => key.alg === alg && key.state === 'current'))
  );
}
