import { describe, expect, it } from 'vitest';
import {
  type PasswordContext,
  type PasswordProblem,
  checkPassword,
  normaliseEmail,
  normalisePassword,
} from '../../provider/src/accounts/password-policy.ts';

const JEAN = { email: 'jean.dupont@example.fr' };
const codes = (password: string, context: PasswordContext = JEAN): PasswordProblem['code'][] =>
  checkPassword(password, context).map((problem) => problem.code);

describe('password policy', () => {
  it.each([
    ['an English passphrase', 'correct horse battery staple'],
    ['a French sentence with capitals', 'Le chat de Mamie dort au soleil'],
    ['a Unicode passphrase', 'ñandú sobre él'],
    ['a Unicode passphrase of exactly 12 code points', 'ñandú y búho'],
    ['the same passphrase typed with decomposed accents', 'n\u0303andu\u0301 y bu\u0301ho'],
    ['a Breton sentence with ñ', 'Kanañ a ran e brezhoneg bemdez'],
    ['an emoji passphrase', '🐱 🌧 ☕ 📚 🌊 🦀 🥞'],
    ['a sentence with digits inside', 'J’habite à Brest depuis 1998'],
    ['a long passphrase', 'un '.repeat(300) + 'deux trois'],
  ])('accepts %s', (_label, password) => {
    expect(codes(password)).toEqual([]);
  });

  it.each<[string, string, PasswordProblem['code'][]]>([
    ['a short word', 'short', ['too_short']],
    ['a common French password plus digits', 'motdepasse123', ['common']],
    ['the AZERTY top row plus digits', 'azertyuiop123', ['common']],
    ['a common password with a short suffix', 'azertyuiop12', ['common']],
    ['a common password plus punctuation', 'motdepasse123!', ['common']],
    ['a short common password padded with digits', 'azerty123456', ['common']],
    ['an English common password plus digits', 'password1234', ['common']],
    ['leetspeak over a common password', 'P@ssw0rd2024!', ['common']],
    ['a common password spelt as words', 'Mot de passe 2024 !', ['common']],
    ['a common password typed twice', 'motdepassemotdepasse', ['common']],
    ['a curated French password missing from the international list', 'doudou123456', ['common']],
    ['the region’s name, which is also a common password', 'bretagne2024!', ['common', 'contains_context']],
    ['the email’s local part', 'jean.dupont-secret', ['contains_context']],
    ['a piece of the email’s local part', 'Dupont et Dupond au marché', ['contains_context']],
    ['the email’s domain label', 'mon exemple favori: example', ['contains_context']],
    ['the service’s name spelt with a space', 'mon compte perso bzh', ['contains_context']],
    ['the service’s name in leetspeak', 'j’aime le k0rr1g0 !', ['contains_context']],
    ['a partner’s name with its accent', 'Mégalis, c’est ma vie', ['contains_context']],
    ['a single repeated character', 'aaaaaaaaaaaaaaaa', ['repetitive']],
    ['a repeated short block', 'abcabcabcabc', ['repetitive']],
    ['a run of digits, also in the list', '123456789012', ['common', 'repetitive']],
    ['a run of digits split by spaces', '1234 5678 9012', ['repetitive']],
    ['a run of letters', 'abcdefghijklm', ['repetitive']],
    ['two characters alternating irregularly', 'abbaabababba', ['repetitive']],
  ])('refuses %s', (_label, password, expected) => {
    expect(codes(password)).toEqual(expected);
  });

  it('refuses words the caller adds, ignoring case and accents', () => {
    expect(codes('Gwenaëlle aime la mer', { email: 'x@y.fr', extraWords: ['GWENAELLE'] })).toEqual([
      'contains_context',
    ]);
    expect(codes('Gwenaëlle aime la mer', { email: 'x@y.fr' })).toEqual([]);
  });

  it('does not treat the name of a public mailbox provider as personal', () => {
    expect(codes('Une olive et du jus d’orange', { email: 'x@live.fr' })).toEqual([]);
    expect(codes('Une olive et du jus d’orange', { email: 'x@orange.fr' })).toEqual([]);
  });

  it('ignores context words shorter than four characters', () => {
    expect(codes('les jo de paris en été', { email: 'jo@sfr.fr' })).toEqual([]);
  });

  it('counts length in code points, not UTF-16 units', () => {
    // 11 emoji are 22 UTF-16 units: a naive .length would let them through.
    expect(codes('😀'.repeat(11))).toEqual(['too_short']);
    // 12 are long enough, but one symbol repeated is still refused.
    expect(codes('😀'.repeat(12))).toEqual(['repetitive']);
    expect(codes('😀🐄🌧️🥞🎻🚲🌻🦀🌊📚☕')).toEqual([]);
  });

  it('refuses more than 1024 code points, even before normalising a huge input', () => {
    const varied = (n: number): string =>
      Array.from({ length: n }, (_, i) => String.fromCodePoint(0x4e00 + 2 * i)).join('');
    expect(codes(varied(1024))).toEqual([]);
    expect(codes(varied(1025))).toEqual(['too_long']);
    expect(codes('x'.repeat(10_000_000))).toEqual(['too_long']);
  });

  it('normalises full-width and decomposed input before checking', () => {
    expect(normalisePassword('ｐａｓｓｗｏｒｄ１２３４')).toBe('password1234');
    expect(codes('ｐａｓｓｗｏｒｄ１２３４')).toEqual(['common']);
    expect(normalisePassword('e\u0301te\u0301 a\u0300 Brest')).toBe(normalisePassword('été à Brest'));
  });

  it('keeps spaces and everything else in the hashed form', () => {
    expect(normalisePassword('  deux  espaces  ')).toBe('  deux  espaces  ');
    expect(normalisePassword('Ça !\t')).toBe('Ça !\t');
  });

  it('explains each problem in plain French', () => {
    const [tooShort] = checkPassword('court', {});
    expect(tooShort?.message).toBe(
      'Choisissez un mot de passe d’au moins 12 caractères. Une phrase de plusieurs mots est plus facile à retenir.',
    );
    for (const password of ['motdepasse123', 'jean.dupont-secret', 'abcabcabcabc', 'x'.repeat(1025)]) {
      for (const problem of checkPassword(password, JEAN)) expect(problem.message).toMatch(/[a-zé].{30,}\.$/);
    }
  });
});

describe('email normalisation', () => {
  it.each([
    [
      'trims and lower-cases, keeping dots and +tags',
      '  Jean.Dupont+mairie@Exemple.FR ',
      'jean.dupont+mairie@exemple.fr',
    ],
    ['turns an IDN domain into punycode', 'élise@bréhat.bzh', 'élise@xn--brhat-csa.bzh'],
    ['composes decomposed accents first', 'E\u0301lise@BRE\u0301HAT.bzh', 'élise@xn--brhat-csa.bzh'],
    ['accepts a domain already in punycode', 'elise@xn--brhat-csa.bzh', 'elise@xn--brhat-csa.bzh'],
    ['accepts subdomains and hyphens', 'accueil@mairie.saint-malo.fr', 'accueil@mairie.saint-malo.fr'],
  ])('%s', (_label, input, expected) => {
    expect(normaliseEmail(input)).toBe(expected);
  });

  it.each([
    ['an empty string', ''],
    ['no @', 'jean.dupont.example.fr'],
    ['two @', 'jean@dupont@example.fr'],
    ['a quoted local part', '"jean@home"@example.fr'],
    ['an empty local part', '@example.fr'],
    ['a local part over 64 octets', 'x'.repeat(65) + '@example.fr'],
    ['a local part ending with a dot', 'jean.@example.fr'],
    ['two dots in a row', 'jean..dupont@example.fr'],
    ['a domain without a dot', 'jean@localhost'],
    ['an empty domain label', 'jean@example..fr'],
    ['a trailing dot', 'jean@example.fr.'],
    ['a label starting with a hyphen', 'jean@-example.fr'],
    ['an underscore in the domain', 'jean@ex_ample.fr'],
    ['an IP address', 'jean@192.168.1.1'],
    ['an inner space', 'jean dupont@example.fr'],
    ['a zero-width space', 'jean\u200b@example.fr'],
    ['a control character', 'jean\u0000@example.fr'],
    // Each part is valid on its own (11 and 250 octets); only the total is too long.
    ['an address over 254 octets', 'jean.dupont@' + ['a', 'b', 'c', 'd'].map((c) => c.repeat(61)).join('.') + '.fr'],
  ])('refuses %s', (_label, input) => {
    expect(normaliseEmail(input)).toBeUndefined();
  });
});
