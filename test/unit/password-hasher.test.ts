import argon2 from 'argon2';
import { describe, expect, it } from 'vitest';
import { ARGON2_OPTIONS, createPasswordHasher } from '../../provider/src/accounts/password-hasher.ts';

describe('password hasher', () => {
  const hasher = createPasswordHasher();

  it('verifies with argon2id and the OWASP parameters', async () => {
    const hash = await hasher.hash('la mer est calme à Saint-Malo');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await hasher.verify(hash, 'la mer est calme à Saint-Malo')).toBe(true);
    expect(await hasher.verify(hash, 'la mer est agitée à Saint-Malo')).toBe(false);
    expect(await hasher.verify('not a hash', 'anything at all')).toBe(false);
  });

  it('asks to rehash only what today’s parameters did not make', async () => {
    expect(hasher.needsRehash(await hasher.hash('une phrase de passe'))).toBe(false);
    const older = [
      await argon2.hash('une phrase de passe', { ...ARGON2_OPTIONS, memoryCost: 15_360 }),
      await argon2.hash('une phrase de passe', { ...ARGON2_OPTIONS, timeCost: 1 }),
      await argon2.hash('une phrase de passe', { ...ARGON2_OPTIONS, type: argon2.argon2i }),
    ];
    for (const hash of older) expect(hasher.needsRehash(hash)).toBe(true);
  });
});
