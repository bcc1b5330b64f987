// RFC 9449 4.3: `htu` and the request's URL are compared after RFC 3986 syntax- and
// scheme-based normalisation, without query and fragment.
import { describe, expect, it } from 'vitest';
import { normaliseHtu } from '../../provider/src/oidc/terminal-auth.ts';

const CHECK = 'https://mon-compte.bzh/api/cards/check';

describe('normaliseHtu', () => {
  it.each([
    ['https://mon-compte.bzh/api/cards/check', CHECK],
    ['HTTPS://MON-COMPTE.BZH/api/cards/check', CHECK],
    ['https://mon-compte.bzh:443/api/cards/check', CHECK],
    ['https://mon-compte.bzh/api/cards/check?borne=1#entree', CHECK],
    ['https://mon-compte.bzh/api/%63ards/check', CHECK],
    ['https://mon-compte.bzh/api/x/../cards/./check', CHECK],
    ['http://localhost:80/api/cards/check', 'http://localhost/api/cards/check'],
    ['https://mon-compte.bzh/api/cards/check%2f', 'https://mon-compte.bzh/api/cards/check%2F'],
    ['https://mon-compte.bzh', 'https://mon-compte.bzh/'],
  ])('reads %s as %s', (htu, normal) => {
    expect(normaliseHtu(htu)).toBe(normal);
  });

  it.each([
    ['a path alone', '/api/cards/check'],
    ['another scheme', 'ftp://mon-compte.bzh/api/cards/check'],
    ['user information', 'https://borne@mon-compte.bzh/api/cards/check'],
    ['not a string', 42],
  ])('refuses %s', (_what, htu) => {
    expect(normaliseHtu(htu)).toBeUndefined();
  });

  it('keeps the path case and another port apart', () => {
    expect(normaliseHtu('https://mon-compte.bzh/API/cards/check')).not.toBe(CHECK);
    expect(normaliseHtu('https://mon-compte.bzh:8443/api/cards/check')).not.toBe(CHECK);
  });
});
