// The "Et si…" form: what a visitor types, checked and turned into the claims of an anonymous
// profile for POST /api/matches. Used by the page in the browser and by the server when the
// form is sent without JavaScript, so that both say the same thing. Nothing here is stored.
import type { Claims } from '../../../directory/src/catalogue/model.ts';
import type { WhatIfValues } from './page-data.ts';
import { ACTIVITIES, STUDY_LEVELS } from './labels.ts';

export type WhatIfErrors = Partial<Record<keyof WhatIfValues, string>>;

export const WHAT_IF_FIELDS: readonly (keyof WhatIfValues)[] = [
  'age',
  'lieu',
  'commune',
  'activity',
  'study_level',
  'boursier',
  'quotient_familial',
  'household_size',
  'disability_rate',
];

export function emptyWhatIf(): WhatIfValues {
  return {
    age: '',
    lieu: '',
    commune: '',
    activity: '',
    study_level: '',
    boursier: '',
    quotient_familial: '',
    household_size: '',
    disability_rate: '',
  };
}

export function readWhatIf(get: (name: string) => string | null | undefined): WhatIfValues {
  const values = emptyWhatIf();
  for (const field of WHAT_IF_FIELDS) values[field] = (get(field) ?? '').trim().slice(0, 100);
  return values;
}

/** "650", "650,50", "1 200" → a number; anything else → NaN. */
function parseNumber(text: string): number {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return /^\d+(\.\d+)?$/.test(compact) ? Number(compact) : NaN;
}

/** The birth date that makes someone exactly `age` today (29 February becomes the 28th). */
export function birthdateForAge(age: number, today: Date): string {
  const year = today.getFullYear() - age;
  const month = today.getMonth();
  const last = new Date(year, month + 1, 0).getDate();
  const day = Math.min(today.getDate(), last);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${year}-${pad(month + 1)}-${pad(day)}`;
}

/** The claims of the profile, or what to correct. `commune` is an INSEE code already chosen. */
export function whatIfClaims(values: WhatIfValues, today: Date): { claims: Claims; errors: WhatIfErrors } {
  const claims: Claims = {};
  const errors: WhatIfErrors = {};
  const number = (
    field: keyof WhatIfValues,
    min: number,
    max: number,
    message: string,
    integer = false,
  ): number | undefined => {
    if (!values[field]) return undefined;
    const value = parseNumber(values[field]);
    if (Number.isNaN(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      errors[field] = message;
      return undefined;
    }
    return value;
  };

  const age = number('age', 0, 120, 'Indiquez un âge en années, entre 0 et 120, par exemple 22.', true);
  if (age !== undefined) claims.birthdate = birthdateForAge(age, today);
  if (values.commune) claims.bzh_commune = values.commune;
  else if (values.lieu) errors.lieu = 'Choisissez votre commune dans la liste, ou indiquez son code postal.';
  if (values.activity) {
    if (values.activity in ACTIVITIES) claims.bzh_activity = values.activity;
    else errors.activity = 'Choisissez une situation dans la liste.';
  }
  if (values.study_level) {
    if (values.study_level in STUDY_LEVELS) claims.bzh_study_level = values.study_level;
    else errors.study_level = 'Choisissez un niveau d’études dans la liste.';
  }
  if (values.boursier === 'oui' || values.boursier === 'non') claims.bzh_boursier = values.boursier === 'oui';
  const qf = number(
    'quotient_familial',
    0,
    100_000,
    'Indiquez le quotient familial en euros par mois, par exemple 650.',
  );
  if (qf !== undefined) claims.bzh_quotient_familial = qf;
  const household = number(
    'household_size',
    1,
    20,
    'Indiquez le nombre de personnes du foyer, vous compris, entre 1 et 20.',
    true,
  );
  if (household !== undefined) claims.bzh_household_size = household;
  const rate = number('disability_rate', 0, 100, 'Indiquez un taux d’incapacité entre 0 et 100 %.');
  if (rate !== undefined) claims.bzh_disability_rate = rate;
  return { claims, errors };
}

/** The labels of the fields, for the error summary. */
export const WHAT_IF_LABELS: Record<keyof WhatIfValues, string> = {
  age: 'Âge',
  lieu: 'Commune de résidence',
  commune: 'Commune de résidence',
  activity: 'Situation',
  study_level: 'Niveau d’études',
  boursier: 'Boursier ou boursière',
  quotient_familial: 'Quotient familial CAF',
  household_size: 'Nombre de personnes du foyer',
  disability_rate: 'Taux d’incapacité reconnu',
};
