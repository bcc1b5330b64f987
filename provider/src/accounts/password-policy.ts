// Password policy of mon-compte.bzh, after NIST SP 800-63B §3.1.1 and the OWASP cheat sheets:
// length and a blocklist instead of composition rules, any Unicode accepted, and messages that
// help a citizen choose a passphrase rather than a "P@ssw0rd1!" that ticks boxes.
// Pure: no I/O beyond loading the packaged list once, so it is unit-tested with tables.
import { Buffer } from 'node:buffer';
import { createRequire } from 'node:module';
import { domainToASCII } from 'node:url';
import { commonPasswordsFr } from './common-passwords-fr.ts';

export type PasswordProblem = {
  code: 'too_short' | 'too_long' | 'common' | 'contains_context' | 'repetitive';
  message: string;
};

export type PasswordContext = { email?: string; extraWords?: string[] };

export const MIN_PASSWORD_LENGTH = 12;
// Bounds the work of the password hash (argon2 itself accepts far more) and of these checks.
export const MAX_PASSWORD_LENGTH = 1024;
// Context words shorter than this would refuse too many honest passphrases ("jo", "bzh").
const MIN_CONTEXT_WORD_LENGTH = 4;

const MESSAGES: Record<PasswordProblem['code'], string> = {
  too_short:
    'Choisissez un mot de passe d’au moins 12 caractères. Une phrase de plusieurs mots est plus facile à retenir.',
  too_long: 'Votre mot de passe dépasse 1 024 caractères. Choisissez-en un un peu plus court.',
  common:
    'Ce mot de passe fait partie des plus utilisés, même avec des chiffres ou des signes ajoutés, et serait vite deviné. Essayez plutôt une phrase de quelques mots qui n’appartient qu’à vous.',
  contains_context:
    'Votre mot de passe contient votre adresse électronique, votre nom ou le nom du service. Ce sont les premiers mots qu’essaierait une personne mal intentionnée : choisissez-en d’autres.',
  repetitive:
    'Ce mot de passe répète les mêmes caractères ou suit une suite simple, comme « abcabc » ou « 123456 ». Mélangez plutôt quelques mots.',
};

// The service, its region and its partners: the first words an attacker tries against our users.
const SERVICE_WORDS = ['bretagne', 'breizh', 'korrigo', 'moncompte', 'mon-compte', 'megalis', 'rennes'];

// Mailbox providers whose name says nothing about the citizen; as substrings they would refuse
// ordinary French words ("olive" for live.fr, "neuf" for neuf.fr, "jus d'orange" for orange.fr).
const MAILBOX_PROVIDERS = new Set([
  'gmail',
  'googlemail',
  'orange',
  'wanadoo',
  'free',
  'neuf',
  'live',
  'hotmail',
  'outlook',
  'yahoo',
  'laposte',
  'icloud',
  'proton',
  'protonmail',
  'bbox',
  'numericable',
]);

/** The form that is hashed: the same passphrase typed on different keyboards or systems (composed
 * or decomposed accents, full-width letters) gives the same bytes. Nothing is trimmed: spaces are
 * part of a passphrase. */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}

export function checkPassword(password: string, context: PasswordContext): PasswordProblem[] {
  // A code point takes at most two UTF-16 units, and NFKC composition shrinks a text by a small
  // factor at most: beyond this bound the input is surely too long, so it is not normalised at all.
  if (password.length > MAX_PASSWORD_LENGTH * 8) return [problem('too_long')];
  // NIST counts each Unicode code point as one character: "😀" is one, not two UTF-16 units.
  const codePoints = Array.from(normalisePassword(password));
  if (codePoints.length > MAX_PASSWORD_LENGTH) return [problem('too_long')];
  // The other checks would only add noise to a password that must change anyway.
  if (codePoints.length < MIN_PASSWORD_LENGTH) return [problem('too_short')];

  const folded = fold(codePoints.join(''));
  const problems: PasswordProblem[] = [];
  if (isCommon(folded)) problems.push(problem('common'));
  if (containsContextWord(folded, context)) problems.push(problem('contains_context'));
  if (isRepetitive(folded)) problems.push(problem('repetitive'));
  return problems;
}

function problem(code: PasswordProblem['code']): PasswordProblem {
  return { code, message: MESSAGES[code] };
}

// Comparisons ignore case and accents: "Mégalis", "MEGALIS" and "megalis" are the same guess.
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase();
}

// Separators people put between words; "@", "$" and "!" stay, as they stand for letters.
const SEPARATORS = /[\s.,;:_\-'’"/]+/gu;
const EDGES = /^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu;
const joinWords = (text: string): string => text.replace(SEPARATORS, '');
// "Motdepasse2024!" is "motdepasse" with what every cracking rule appends.
const core = (text: string): string => text.replace(EDGES, '');

const LEET: Record<string, string> = { '0': 'o', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };
function unleet(text: string): string[] {
  const base = text.replace(/[03457@$]/g, (c) => LEET[c] ?? c);
  return [base.replaceAll('1', 'i'), base.replaceAll('1', 'l')];
}

let commonPasswords: Set<string> | undefined;

// Loaded on first use: about 49 000 entries, decompressed from the package in a few tens of ms.
function loadCommonPasswords(): Set<string> {
  if (commonPasswords) return commonPasswords;
  // require() keeps the load lazy and synchronous; the package ships a CommonJS build.
  const require = createRequire(import.meta.url);
  const { dictionary } = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  const set = new Set<string>();
  for (const entry of [...dictionary['passwords-common'], ...commonPasswordsFr]) {
    const folded = fold(entry.normalize('NFKC'));
    // Entries of 12 or more characters can be a whole password: kept as they are.
    if (Array.from(folded).length >= MIN_PASSWORD_LENGTH) set.add(folded);
    // Shorter ones can only be the heart of one ("azerty" in "azerty123456"); bare digits or
    // three letters ("123456", "abc") are left to the length and repetition checks.
    const heart = core(joinWords(folded));
    if (Array.from(heart).length >= 4) set.add(heart);
  }
  commonPasswords = set;
  return set;
}

function isCommon(folded: string): boolean {
  const set = loadCommonPasswords();
  if (set.has(folded)) return true;
  const heart = core(joinWords(folded));
  const candidates = [heart, ...unleet(heart)];
  // "azertyazerty" and "motdepassemotdepasse" are a common password typed twice.
  for (const candidate of [...candidates]) {
    const unit = repeatedUnit(Array.from(candidate));
    if (unit) candidates.push(unit.join(''));
  }
  return candidates.some((candidate) => Array.from(candidate).length >= 4 && set.has(candidate));
}

function contextWords(context: PasswordContext): string[] {
  const words = [...SERVICE_WORDS, ...(context.extraWords ?? [])];
  const email = context.email?.trim() ?? '';
  const at = email.lastIndexOf('@');
  if (at > 0) {
    // The typed, Unicode form: a citizen of bréhat.bzh would write "bréhat", not its punycode.
    const local = email.slice(0, at);
    words.push(local, ...local.split(/[._+-]/));
    const labels = email.slice(at + 1).split('.');
    const label = labels.length >= 2 ? labels[labels.length - 2] : undefined;
    if (label && !MAILBOX_PROVIDERS.has(fold(label))) words.push(label);
  }
  return words
    .map((word) => fold(word.normalize('NFKC')))
    .filter((word) => Array.from(word).length >= MIN_CONTEXT_WORD_LENGTH);
}

function containsContextWord(folded: string, context: PasswordContext): boolean {
  const haystacks = [folded, ...unleet(folded)];
  const joined = haystacks.map(joinWords);
  return contextWords(context).some((word) => {
    if (haystacks.some((haystack) => haystack.includes(word))) return true;
    // "mon compte" and "jean dupont" still name the service or the person; for short words, a
    // match across two words ("paje anglaise" holding "jean") would be chance, so it is not sought.
    const joinedWord = joinWords(word);
    return Array.from(joinedWord).length >= 6 && joined.some((haystack) => haystack.includes(joinedWord));
  });
}

function isRepetitive(folded: string): boolean {
  // Separators do not make "1234 5678 9012" or "abc abc abc abc" less of a pattern.
  const compact = folded.replace(/[\s\p{P}]+/gu, '');
  const texts = Array.from(compact).length >= 4 ? [folded, compact] : [folded];
  return texts.some((text) => {
    const points = Array.from(text);
    if (new Set(points).size <= 2) return true;
    const unit = repeatedUnit(points, true);
    return (unit !== undefined && points.length / unit.length >= 3) || isSequence(points);
  });
}

/** The shortest block whose repetition makes up the text, if any. With `partial`, the last
 * repetition may be cut short ("abcabcabcab"). Uses the KMP failure function: linear time. */
function repeatedUnit(points: string[], partial = false): string[] | undefined {
  const n = points.length;
  if (n < 2) return undefined;
  const failure = new Array<number>(n).fill(0);
  for (let i = 1, k = 0; i < n; i++) {
    while (k > 0 && points[i] !== points[k]) k = failure[k - 1] ?? 0;
    if (points[i] === points[k]) k++;
    failure[i] = k;
  }
  const period = n - (failure[n - 1] ?? 0);
  if (period === n) return undefined;
  if (!partial && n % period !== 0) return undefined;
  return points.slice(0, period);
}

// "abcdefghijkl", "987654321098": each character one step from the previous, digits wrapping.
function isSequence(points: string[]): boolean {
  const codes = points.map((p) => p.codePointAt(0) ?? 0);
  const digits = points.every((p) => p >= '0' && p <= '9');
  const step = (a: number, b: number): number => (digits ? (((b - a) % 10) + 10) % 10 : b - a);
  const first = step(codes[0] ?? 0, codes[1] ?? 0);
  if (!(first === 1 || first === -1 || (digits && first === 9))) return false;
  return codes.every((code, i) => i === 0 || step(codes[i - 1] ?? 0, code) === first);
}

/**
 * The address as stored and compared, or undefined when it is not a plausible address.
 *
 * The whole address is lower-cased. RFC 5321 lets a server treat "Jean.Dupont" and "jean.dupont"
 * as two mailboxes, but no provider our citizens use does, while people type their address with
 * whatever capitals their phone adds: keeping case would open two accounts for one person and
 * make "forgotten password" miss. Dots and "+tags" are kept: on most providers they are distinct
 * mailboxes, and merging them would hand one person's account to another.
 */
export function normaliseEmail(email: string): string | undefined {
  const address = email.trim().normalize('NFC').toLowerCase();
  // Whitespace, control, format (zero-width) and unassigned characters have no place in an
  // address and can make two look alike.
  if (/[\s\p{C}]/u.test(address)) return undefined;
  const parts = address.split('@');
  if (parts.length !== 2) return undefined;
  const [local = '', domain = ''] = parts;
  if (!isLocalPart(local)) return undefined;
  // IDN domains are stored in their ASCII (punycode) form, the one DNS and SMTP use, so that
  // "bréhat.bzh" typed composed or decomposed is one domain. domainToASCII returns '' if invalid.
  const ascii = domainToASCII(domain);
  if (!isDomain(ascii)) return undefined;
  const normalised = `${local}@${ascii}`;
  return Buffer.byteLength(normalised) <= 254 ? normalised : undefined;
}

// Dot-atom form of RFC 5322, with the UTF-8 of RFC 6531; quoted local parts are not accepted.
function isLocalPart(local: string): boolean {
  if (local.length === 0 || Buffer.byteLength(local) > 64) return false;
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  return !/[()<>[\]\\,;:"]/.test(local);
}

function isDomain(ascii: string): boolean {
  if (ascii.length === 0 || ascii.length > 253) return false;
  const labels = ascii.split('.');
  if (labels.length < 2) return false;
  const valid = labels.every((label) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label));
  // An all-digit last label is an IP address, not a mail domain.
  return valid && !/^\d+$/.test(labels[labels.length - 1] ?? '');
}
