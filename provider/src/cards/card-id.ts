// KorriGo card identifiers. Only a keyed hash of the normalised identifier is ever stored or
// compared: HMAC-SHA256 under a versioned key, so the key can rotate (cards are re-hashed
// under the new key the next time a terminal presents them).
import crypto from 'node:crypto';

/** Hex lengths: 4-, 7- and 10-byte ISO 14443 UIDs, and the 8-byte Calypso serial. */
const LENGTHS = new Set([8, 14, 16, 20]);

/** Uppercase hex without separators, or undefined if it is not a card identifier. */
export function normaliseCardId(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > 64) return undefined;
  const hex = raw.replace(/[\s:.-]/g, '').toUpperCase();
  return /^[0-9A-F]+$/.test(hex) && LENGTHS.has(hex.length) ? hex : undefined;
}

export type CardKey = { version: number; key: string };

export function cardHash(key: CardKey, normalised: string): string {
  return crypto.createHmac('sha256', key.key).update(`korrigo\u0000${normalised}`).digest('hex');
}

/** The per-organisation pseudonym of a card in offline lists, which that organisation's terminals can compute. */
export function organisationCardKey(organisationKey: string, normalised: string): string {
  return crypto.createHmac('sha256', organisationKey).update(normalised).digest('base64url');
}

// No 0/O, 1/I/L, 2/Z, 5/S, 8/B: read aloud or copied from a phone, nothing can be confused.
export const PAIRING_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const PAIRING_CODE_LENGTH = 8;

export function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += PAIRING_ALPHABET[crypto.randomInt(PAIRING_ALPHABET.length)];
  return code;
}

/** Case and separators ignored, so "acde-fg34" is accepted as typed. */
export function normalisePairingCode(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > 32) return undefined;
  const code = raw.replace(/[\s-]/g, '').toUpperCase();
  return code.length === PAIRING_CODE_LENGTH && [...code].every((c) => PAIRING_ALPHABET.includes(c)) ? code : undefined;
}

export const hashPairingCode = (code: string) =>
  crypto.createHash('sha256').update(`pairing\u0000${code}`).digest('hex');
