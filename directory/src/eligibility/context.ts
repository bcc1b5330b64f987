// A citizen's claims, read once per profile into the plain values the compiled conditions test:
// age at `today`, residence completed from the most precise place given (commune → EPCI →
// département → région), and nothing else. Every value is `undefined` when unknown; a value of
// the wrong type counts as not shared, since the anonymous form posts whatever it is given.
import { HIGHER_EDUCATION_YEARS, LYCEE_YEARS, type Claims } from '../catalogue/model.ts';
import { findCommune, findDepartement, findEpci, residenceOf } from '../../../territory/territory.ts';

export type Context = {
  todayYear: number;
  age: number | undefined;
  commune: string | undefined;
  communeName: string | undefined;
  /** `null`: the commune is known and belongs to no EPCI (three Breton islands). */
  epci: string | null | undefined;
  departement: string | undefined;
  region: string | undefined;
  postalCodes: readonly string[] | undefined;
  quotientFamilial: number | undefined;
  householdSize: number | undefined;
  activity: string | undefined;
  /** The activity was told by the study level, not as claimed (see `schoolActivity`). */
  activityFromStudyLevel: boolean;
  studyLevel: string | undefined;
  boursier: boolean | undefined;
  disabilityRate: number | undefined;
  childrenBirthYears: readonly number[] | undefined;
};

type CalendarDate = { year: number; month: number; day: number };

// A birthday is a calendar event in France: "today" is the date in Paris, whatever the server's zone.
const parisDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

// Formatting costs microseconds and a request, a benchmark or a test asks about the same instant
// over and over.
let lastInstant = NaN;
let lastDate: CalendarDate = { year: 0, month: 0, day: 0 };

export function calendarDateInParis(date: Date): CalendarDate {
  const instant = date.getTime();
  if (instant !== lastInstant) {
    const [year, month, day] = parisDate.format(date).split('-').map(Number);
    lastDate = { year: year!, month: month!, day: day! };
    lastInstant = instant;
  }
  return lastDate;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (year: number, month: number) => (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!);

/**
 * Full years between a `YYYY-MM-DD` birthdate and `today`; undefined for a malformed, impossible
 * (2005-02-31) or future date. Someone born on 29 February has their birthday on 28 February in
 * a common year, as aides-jeunes counts it (dayjs's year difference), whose rules the catalogue
 * imports: on 28 February 2026 a person born on 29 February 2000 is 26.
 */
export function ageOn(birthdate: string, today: CalendarDate): number | undefined {
  const match = ISO_DATE.exec(birthdate);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const birthday = Math.min(day, daysInMonth(today.year, month));
  const beforeBirthday = today.month < month || (today.month === month && today.day < birthday);
  const age = today.year - year - (beforeBirthday ? 1 : 0);
  return age >= 0 ? age : undefined;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
const number = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** The département (or région) all of an EPCI's communes lie in; undefined when they straddle several. */
function soleOf(siren: string, level: 'departement' | 'region'): string | undefined {
  const found = new Set((findEpci(siren)?.communes ?? []).map((code) => findCommune(code)?.[level]));
  const [only] = found;
  return found.size === 1 ? only : undefined;
}

/**
 * Lycéen or étudiant, from the study year when one is given: « étudiant » with « terminale », or
 * « lycéen » with « licence 1 », is someone whose year says where they study, and the sources decide
 * between a lycée aid and a higher-education one by that year (aides-jeunes' `scolarite`). Many
 * call themselves « étudiant » at the lycée, and a BTS or a classe préparatoire is taught in a lycée:
 * a citizen expects their year to count, not a refusal of a profile that is theirs. Other
 * activities (apprenti, salarié…) are not about where one studies and are kept as claimed.
 */
function schoolActivity(activity: string | undefined, studyLevel: string | undefined): string | undefined {
  if ((activity !== 'etudiant' && activity !== 'lyceen') || studyLevel === undefined) return activity;
  if (LYCEE_YEARS.includes(studyLevel)) return 'lyceen';
  if (HIGHER_EDUCATION_YEARS.includes(studyLevel)) return 'etudiant';
  return activity;
}

export function createContext(claims: Claims, today: Date): Context {
  const date = calendarDateInParis(today);
  const birthdate = text(claims.birthdate);
  const commune = text(claims.bzh_commune);
  const residence = commune === undefined ? undefined : residenceOf(commune);
  const claimedEpci = text(claims.bzh_epci);
  const claimedDepartement = text(claims.bzh_departement);
  // Without a commune, what the broadest claims given settle: an EPCI lying in one département
  // (most do) is in that département, and a département is in its région.
  const fromEpci = residence === undefined && claimedEpci !== undefined;
  const departement =
    claimedDepartement ?? residence?.bzh_departement ?? (fromEpci ? soleOf(claimedEpci, 'departement') : undefined);
  const region =
    text(claims.bzh_region) ??
    residence?.bzh_region ??
    (departement ? findDepartement(departement)?.region || undefined : undefined) ??
    (fromEpci ? soleOf(claimedEpci, 'region') : undefined);
  const claimedActivity = text(claims.bzh_activity);
  const studyLevel = text(claims.bzh_study_level);
  const activity = schoolActivity(claimedActivity, studyLevel);
  const years = Array.isArray(claims.bzh_children_birthyears)
    ? claims.bzh_children_birthyears.filter((y): y is number => Number.isInteger(y))
    : undefined;
  return {
    todayYear: date.year,
    age: birthdate === undefined ? undefined : ageOn(birthdate, date),
    commune,
    communeName: residence?.bzh_commune_name,
    // Claims the citizen shared win over what we derive: they are what mon-compte released.
    epci: claimedEpci ?? (residence ? (residence.bzh_epci ?? null) : undefined),
    departement,
    region,
    postalCodes: residence ? findCommune(residence.bzh_commune)?.postalCodes : undefined,
    quotientFamilial: number(claims.bzh_quotient_familial),
    householdSize: number(claims.bzh_household_size),
    activity,
    activityFromStudyLevel: activity !== claimedActivity,
    studyLevel,
    boursier: typeof claims.bzh_boursier === 'boolean' ? claims.bzh_boursier : undefined,
    disabilityRate: number(claims.bzh_disability_rate),
    childrenBirthYears: years,
  };
}
