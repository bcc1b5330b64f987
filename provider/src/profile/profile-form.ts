// Turns a submitted profile form into profile values, with a French message per field in
// error. Only the fields named are read, so a form may ask for just what an app needs.
import { findCommune, normaliseForSearch, searchCommunes, type Commune } from '../../../territory/territory.ts';
import { ACTIVITIES, STUDY_LEVELS } from './attributes.ts';
import type { Profile } from './profile.ts';

export type ProfileFormResult = {
  values: Partial<Profile>;
  /** Fields the citizen emptied: to remove from the profile. */
  cleared: (keyof Profile)[];
  errors: Record<string, string>;
  /** When a commune search matched several, the candidates to choose from. */
  communeCandidates?: Commune[];
};

export const EDITABLE_FIELDS = [
  'given_name',
  'family_name',
  'preferred_username',
  'phone_number',
  'address',
  'birthdate',
  'bzh_commune',
  'bzh_household_size',
  'bzh_children_birthyears',
  'bzh_quotient_familial',
  'bzh_activity',
  'bzh_study_level',
  'bzh_boursier',
  'bzh_disability_rate',
] as const satisfies readonly (keyof Profile)[];

export type EditableField = (typeof EDITABLE_FIELDS)[number];

const CONTROL = /[\p{Cc}\p{Cs}]/u;

function text(raw: string, max: number): string | { error: string } {
  const value = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (value.length > max) return { error: `${max} caractères au maximum.` };
  if (CONTROL.test(value)) return { error: 'Ce texte contient des caractères non autorisés.' };
  return value;
}

function integer(raw: string, min: number, max: number, what: string): number | { error: string } {
  const cleaned = raw.replace(/[\s\u00a0€%]/g, '');
  if (!/^\d+$/.test(cleaned)) return { error: `Indiquez ${what} en chiffres.` };
  const value = Number(cleaned);
  if (value < min || value > max) return { error: `Indiquez ${what} entre ${min} et ${max}.` };
  return value;
}

/** French numbers to E.164: 06 12 34 56 78 → +33612345678. */
export function normalisePhone(raw: string): string | undefined {
  const compact = raw.replace(/[\s.\-()]/g, '');
  if (/^0[1-9]\d{8}$/.test(compact)) return `+33${compact.slice(1)}`;
  if (/^\+\d{8,15}$/.test(compact)) return compact;
  if (/^00\d{8,15}$/.test(compact)) return `+${compact.slice(2)}`;
  return undefined;
}

function birthdate(raw: string, today: Date): string | { error: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  const date = match ? new Date(`${raw.trim()}T00:00:00Z`) : undefined;
  if (!match || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== raw.trim()) {
    return { error: 'Indiquez une date valide, par exemple 14/07/1990.' };
  }
  if (date > today || date.getUTCFullYear() < 1900) return { error: 'Cette date de naissance n’est pas possible.' };
  return raw.trim();
}

export function parseProfileForm(
  form: URLSearchParams,
  fields: readonly EditableField[],
  today = new Date(),
): ProfileFormResult {
  const result: ProfileFormResult = { values: {}, cleared: [], errors: {} };
  const set = <K extends keyof Profile>(
    key: K,
    raw: string,
    parse: (raw: string) => Profile[K] | { error: string },
  ) => {
    if (raw.trim() === '') {
      result.cleared.push(key);
      return;
    }
    const parsed = parse(raw);
    if (parsed && typeof parsed === 'object' && 'error' in parsed) result.errors[key] = parsed.error;
    else result.values[key] = parsed as Profile[K];
  };
  const get = (name: string) => form.get(name) ?? '';

  for (const field of fields) {
    switch (field) {
      case 'given_name':
      case 'family_name':
      case 'preferred_username':
        set(field, get(field), (raw) => text(raw, 100));
        break;
      case 'phone_number':
        set(field, get(field), (raw) => normalisePhone(raw) ?? { error: 'Indiquez un numéro comme 06 12 34 56 78.' });
        break;
      case 'birthdate':
        set(field, get(field), (raw) => birthdate(raw, today));
        break;
      case 'address': {
        const street = text(get('address_street'), 200);
        const postal = get('address_postal_code').trim();
        const locality = text(get('address_locality'), 100);
        if (street === '' && postal === '' && locality === '') {
          result.cleared.push('address');
        } else if (typeof street !== 'string' || typeof locality !== 'string') {
          result.errors.address = 'L’adresse contient des caractères non autorisés ou est trop longue.';
        } else if (!street || !/^\d{5}$/.test(postal) || !locality) {
          result.errors.address = 'Indiquez le numéro et la rue, un code postal de 5 chiffres et la commune.';
        } else {
          result.values.address = { street_address: street, postal_code: postal, locality, country: 'France' };
        }
        break;
      }
      case 'bzh_commune':
        parseCommune(form, result);
        break;
      case 'bzh_household_size':
        set(field, get(field), (raw) => integer(raw, 1, 20, 'le nombre de personnes'));
        break;
      case 'bzh_quotient_familial':
        set(field, get(field), (raw) => integer(raw, 0, 10000, 'le quotient familial'));
        break;
      case 'bzh_disability_rate':
        set(field, get(field), (raw) => integer(raw, 0, 100, 'le taux'));
        break;
      case 'bzh_children_birthyears':
        set(field, get(field), (raw) => {
          const years = raw.split(/[\s,;]+/).filter(Boolean);
          const max = today.getUTCFullYear();
          if (years.length > 15 || !years.every((y) => /^\d{4}$/.test(y) && +y >= 1950 && +y <= max)) {
            return { error: 'Indiquez les années séparées par des virgules, par exemple 2012, 2015.' };
          }
          return years.map(Number).sort((a, b) => a - b);
        });
        break;
      case 'bzh_activity':
        set(field, get(field), (raw) =>
          Object.hasOwn(ACTIVITIES, raw) ? raw : { error: 'Choisissez une situation.' },
        );
        break;
      case 'bzh_study_level':
        set(field, get(field), (raw) => (Object.hasOwn(STUDY_LEVELS, raw) ? raw : { error: 'Choisissez un niveau.' }));
        break;
      case 'bzh_boursier':
        set(field, get(field), (raw) =>
          raw === 'oui' ? true : raw === 'non' ? false : { error: 'Répondez par oui ou non.' },
        );
        break;
    }
  }
  return result;
}

/**
 * The commune is chosen, never typed free: a search by name or postal code, then a choice
 * among the official communes it matches (a second step when there are several).
 */
function parseCommune(form: URLSearchParams, result: ProfileFormResult): void {
  const chosen = (form.get('bzh_commune') ?? '').trim();
  const query = (form.get('bzh_commune_query') ?? '').trim();
  if (chosen && findCommune(chosen)) {
    result.values.bzh_commune = chosen;
    return;
  }
  if (!query) {
    if (form.has('bzh_commune_query') || form.has('bzh_commune')) result.cleared.push('bzh_commune');
    return;
  }
  if (query.length > 100) {
    result.errors.bzh_commune = 'Indiquez un nom de commune ou un code postal.';
    return;
  }
  const candidates = searchCommunes(query, { limit: 12 });
  const wanted = normaliseForSearch(query);
  // An INSEE code, or a name typed in full that only one commune bears, needs no second step.
  const exact = candidates.filter((c) => c.code === query || normaliseForSearch(c.name) === wanted);
  if (exact.length === 1) {
    result.values.bzh_commune = exact[0]!.code;
  } else if (candidates.length === 1) {
    result.values.bzh_commune = candidates[0]!.code;
  } else if (candidates.length === 0) {
    result.errors.bzh_commune = 'Aucune commune ne correspond. Vérifiez le nom ou le code postal.';
  } else {
    result.errors.bzh_commune = 'Plusieurs communes correspondent : choisissez la vôtre dans la liste.';
    result.communeCandidates = candidates;
  }
}
