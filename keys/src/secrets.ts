// Symmetric secrets: cookie signing keys (newest first, older ones still verify) and the keys
// of the keyed hashes (pairwise subjects, card identifiers). Versioned so they can rotate.
import crypto from 'node:crypto';

export type Secrets = {
  version: 1;
  /** Cookie signing keys, newest first. */
  cookieKeys: string[];
  /** Key of the pairwise subject hash. Never rotated: it would change every `sub`. */
  pairwiseKey: string;
  /** Keys of the card identifier hash, newest first; older ones still recognise cards. */
  cardKeys?: { version: number; key: string }[];
};

export function randomSecret(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function createSecrets(): Secrets {
  return {
    version: 1,
    cookieKeys: [randomSecret()],
    pairwiseKey: randomSecret(),
    cardKeys: [{ version: 1, key: randomSecret() }],
  };
}

/** Secrets created before card keys existed get their first one. */
export function withCardKeys(secrets: Secrets): Secrets {
  return secrets.cardKeys?.length ? secrets : { ...secrets, cardKeys: [{ version: 1, key: randomSecret() }] };
}

/** A new card key in front; older ones stay until no card is hashed under them. */
export function rotateCardKeys(secrets: Secrets): Secrets {
  const current = withCardKeys(secrets).cardKeys!;
  return { ...secrets, cardKeys: [{ version: current[0]!.version + 1, key: randomSecret() }, ...current] };
}

/** Adds a new cookie key in front and keeps only the one before it for verification. */
export function rotateCookieKeys(secrets: Secrets): Secrets {
  return { ...secrets, cookieKeys: [randomSecret(), ...secrets.cookieKeys.slice(0, 1)] };
}

export function isSecrets(value: unknown): value is Secrets {
  if (!value || typeof value !== 'object') return false;
  const s = value as Partial<Secrets>;
  return (
    s.version === 1 &&
    Array.isArray(s.cookieKeys) &&
    s.cookieKeys.length > 0 &&
    typeof s.pairwiseKey === 'string' &&
    s.pairwiseKey.length >= 32
  );
}
