import { describe, expect, it } from 'vitest';
import { createSigningKeySet, providerJwks, publicJwk, rotateSigningKeys } from '../../keys/src/signing-keys.ts';

describe('signing key life cycle', () => {
  it('starts with a current and a published next key for RS256 and ES256', async () => {
    const set = await createSigningKeySet();
    expect(set.keys.map(({ alg, state }) => `${alg}:${state}`).sort()).toEqual([
      'ES256:current',
      'ES256:next',
      'RS256:current',
      'RS256:next',
    ]);
  });

  it('rotates: next signs, current is kept for verification, older keys are retired', async () => {
    const first = await createSigningKeySet();
    const second = await rotateSigningKeys(first);
    const third = await rotateSigningKeys(second);
    const kid = (set: typeof first, alg: string, state: string) =>
      set.keys.find((k) => k.alg === alg && k.state === state)?.kid;

    expect(kid(second, 'RS256', 'current')).toBe(kid(first, 'RS256', 'next'));
    expect(kid(second, 'RS256', 'previous')).toBe(kid(first, 'RS256', 'current'));
    expect(kid(third, 'RS256', 'previous')).toBe(kid(first, 'RS256', 'next'));
    expect(third.keys.map((k) => k.kid)).not.toContain(kid(first, 'RS256', 'current'));
    expect(third.keys).toHaveLength(6);
  });

  it('lets only current keys sign: others are marked verify-only', async () => {
    const set = await rotateSigningKeys(await createSigningKeySet());
    const jwks = providerJwks(set);
    const signing = jwks.keys.filter((k) => !k.key_ops);
    expect(signing.map((k) => k.alg).sort()).toEqual(['ES256', 'RS256']);
    expect(jwks.keys.slice(0, 2)).toEqual(signing);
    expect(jwks.keys.filter((k) => k.key_ops).every((k) => k.key_ops!.join() === 'verify')).toBe(true);
  });

  it('strips every private member from a public key', async () => {
    const set = await createSigningKeySet();
    for (const key of set.keys) {
      const pub = publicJwk(key.jwk);
      expect(Object.keys(pub)).not.toContain('d');
      expect(Object.keys(pub).some((m) => ['p', 'q', 'dp', 'dq', 'qi'].includes(m))).toBe(false);
    }
  });
});
