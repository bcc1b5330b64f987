import { describe, expect, it } from 'vitest';
import { pairwiseSubject, sectorOf } from '../../provider/src/oidc/pairwise.ts';

const KEY = 'k'.repeat(43);

describe('pairwise subjects', () => {
  it('gives one account the same sub within a sector and different ones across sectors', () => {
    const rennes = sectorOf({ bzhOrganisation: '243500139', clientId: 'mediatheque' });
    const rennesPool = sectorOf({ bzhOrganisation: '243500139', clientId: 'piscine' });
    const brest = sectorOf({ bzhOrganisation: '242900314', clientId: 'mediatheque-brest' });
    expect(pairwiseSubject(KEY, rennes, 'acc-1')).toBe(pairwiseSubject(KEY, rennesPool, 'acc-1'));
    expect(pairwiseSubject(KEY, rennes, 'acc-1')).not.toBe(pairwiseSubject(KEY, brest, 'acc-1'));
    expect(pairwiseSubject(KEY, rennes, 'acc-1')).not.toBe(pairwiseSubject(KEY, rennes, 'acc-2'));
  });

  it('prefers a client sector over its organisation, and never uses anything else', () => {
    expect(sectorOf({ bzhSector: 'rennes-culture', bzhOrganisation: '243500139', clientId: 'c' })).toBe(
      'sector:rennes-culture',
    );
    expect(sectorOf({ clientId: 'orphan' })).toBe('client:orphan');
  });

  it('depends on the key: another key gives unrelated subjects', () => {
    expect(pairwiseSubject(KEY, 'org:1', 'a')).not.toBe(pairwiseSubject('x'.repeat(43), 'org:1', 'a'));
    expect(pairwiseSubject(KEY, 'org:1', 'a')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
