// One root secret, several purposes: HKDF gives each purpose its own independent key, so a
// key leaked from one use (say, throttling) says nothing about another (pairwise subjects).
import crypto from 'node:crypto';

export function deriveKey(root: string, purpose: string): string {
  return Buffer.from(crypto.hkdfSync('sha256', root, 'kms-bzh', purpose, 32)).toString('base64url');
}
