// Validation of what API callers send: query strings and the anonymous profile. Anything
// unexpected is a 400 problem+json whose `title`, in French and safe to show, names the parameter
// and what it should hold; `detail` says what was received (see problems.ts).
import { z } from 'zod';
import { findCommune, findDepartement, findEpci, findFormerCommune, findRegion } from '../../../territory/territory.ts';
import { THEMATICS, type Claims } from '../catalogue/model.ts';
import { ACTIVITIES, LEVELS, STUDY_LEVELS } from '../catalogue/schema.ts';
import { describeSchema } from './problems.ts';
import { formerCommuneText, residenceContradiction } from './residence-claims.ts';

export { parseOrThrow, parseQuery, ApiProblem } from './problems.ts';

export const MAX_PAGE = 1000;
export const OLDEST_BIRTHDATE = '1900-01-01';
export const OLDEST_BIRTH_YEAR = 1900;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// A date is in the future when it has begun nowhere yet: the form of "Et si…" computes a birthdate
// from an age in the browser's own time zone, which may be a day ahead of Paris.
const EARLIEST_TIME_ZONE_MS = 14 * 3600_000;
const latestToday = () => new Date(Date.now() + EARLIEST_TIME_ZONE_MS).toISOString().slice(0, 10);

const realDate = (iso: string) => {
  const [, y, m, d] = ISO_DATE.exec(iso)!.map(Number) as [number, number, number, number];
  // Day 0 of the next month is the last day of this one (setUTCFullYear: Date.UTC reads 1 as 1901).
  const last = new Date(0);
  last.setUTCFullYear(y, m, 0);
  return m >= 1 && m <= 12 && d >= 1 && d <= last.getUTCDate();
};

/** A code that must name something the official geography knows. */
const known = (find: (code: string) => unknown, unknownMessage: (code: string) => string) =>
  z.string().superRefine((code, ctx) => {
    if (find(code) === undefined) ctx.addIssue({ code: 'custom', message: unknownMessage(code) });
  });

const noCommune = (code: string) => `Aucune commune n’a le code INSEE « ${code} ».`;

/** A filter names a current commune; the code of one of its parts is refused with the right code. */
const communeCode = z.string().superRefine((code, ctx) => {
  if (findCommune(code)) return;
  const former = findFormerCommune(code);
  const message = former
    ? `${formerCommuneText(former)} : utilisez le code de ${former.commune.name}, ${former.commune.code}.`
    : noCommune(code);
  ctx.addIssue({ code: 'custom', message });
});

/** Where someone lives may be given by the code of a commune déléguée or an arrondissement (routes.ts). */
const communeClaim = known((code) => findCommune(code) ?? findFormerCommune(code), noCommune);

const filters = {
  q: z.string().max(200).optional(),
  thematique: z.enum(Object.keys(THEMATICS) as [string, ...string[]]).optional(),
  niveau: z.enum(LEVELS).optional(),
  commune: communeCode.optional(),
};
const filtersExpected = {
  q: 'un texte de 200 caractères au plus est attendu',
  thematique: 'l’une des thématiques du catalogue est attendue',
  niveau: 'l’un des niveaux de collectivité est attendu',
  commune: 'le code INSEE d’une commune est attendu (par exemple 35238)',
};

export const searchQuerySchema = z
  .object({ ...filters, page: z.coerce.number().int().min(1).max(MAX_PAGE).optional() })
  .strict();
describeSchema(searchQuerySchema, 'query', {
  ...filtersExpected,
  page: `un nombre entier de 1 à ${MAX_PAGE} est attendu`,
});

/**
 * A match list names every service the filters keep, in one answer: no `page`. Refused rather than
 * ignored, so that a caller who pages does not take the first answer for page 2.
 */
export const matchesQuerySchema = z.object(filters).strict();
describeSchema(matchesQuerySchema, 'query', filtersExpected);

/** GET /api/communes: a name or a postal code, as typed. */
export const communesQuerySchema = z.object({ q: z.string().trim().min(1).max(100) }).strict();
describeSchema(communesQuerySchema, 'query', {
  q: 'le nom d’une commune ou un code postal (100 caractères au plus) est attendu',
});

const birthdate = z
  .string()
  .regex(ISO_DATE)
  .superRefine((date, ctx) => {
    if (!ISO_DATE.test(date)) return; // the pattern above says so
    const problem = !realDate(date)
      ? `La date « ${date} » n’existe pas.`
      : date < OLDEST_BIRTHDATE
        ? `La date « ${date} » est antérieure à 1900.`
        : date > latestToday()
          ? `La date « ${date} » est dans le futur.`
          : undefined;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const childrenBirthYears = z
  .array(z.number().int())
  .max(15)
  .superRefine((years, ctx) => {
    const thisYear = Number(latestToday().slice(0, 4));
    years.forEach((year, index) => {
      const problem = !Number.isInteger(year)
        ? undefined // the element's own check says so
        : year < OLDEST_BIRTH_YEAR
          ? `L’année ${year} est antérieure à 1900.`
          : year > thisYear
            ? `L’année ${year} est dans le futur.`
            : undefined;
      if (problem) ctx.addIssue({ code: 'custom', message: problem, path: [index] });
    });
  });

export const claimsSchema = z
  .object({
    birthdate: birthdate.optional(),
    bzh_commune: communeClaim.optional(),
    bzh_epci: known(findEpci, (siren) => `Aucune intercommunalité n’a le SIREN « ${siren} ».`).optional(),
    bzh_departement: known(findDepartement, (code) => `Aucun département n’a le code « ${code} ».`).optional(),
    bzh_region: known(findRegion, (code) => `Aucune région n’a le code « ${code} ».`).optional(),
    bzh_household_size: z.number().int().min(1).max(20).optional(),
    bzh_children_birthyears: childrenBirthYears.optional(),
    bzh_quotient_familial: z.number().min(0).max(100_000).optional(),
    bzh_activity: z.enum(ACTIVITIES).optional(),
    bzh_study_level: z.enum(STUDY_LEVELS).optional(),
    bzh_boursier: z.boolean().optional(),
    bzh_disability_rate: z.number().min(0).max(100).optional(),
  })
  .strict()
  .superRefine((claims, ctx) => {
    // Claims from mon-compte are consistent; a profile typed by hand may not be, and an answer
    // built on "Rennes, in the Finistère" would be absurd.
    const contradiction = residenceContradiction(claims);
    if (contradiction) {
      ctx.addIssue({
        code: 'custom',
        path: [contradiction.claims[0]!],
        message: contradiction.detail,
        params: { title: contradiction.title, code: 'inconsistent_residence' },
      });
    }
    const born = claims.birthdate && ISO_DATE.test(claims.birthdate) ? Number(claims.birthdate.slice(0, 4)) : undefined;
    const before = born === undefined ? [] : (claims.bzh_children_birthyears ?? []).filter((year) => year < born);
    if (before.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['bzh_children_birthyears'],
        message: `L’année ${before[0]} est antérieure à votre année de naissance, ${born}.`,
      });
    }
  });
describeSchema(claimsSchema, 'body', {
  birthdate: `une date de naissance AAAA-MM-JJ, du 1er janvier 1900 à aujourd’hui, est attendue`,
  bzh_commune: 'le code INSEE d’une commune est attendu (par exemple 35238)',
  bzh_epci: 'le SIREN d’une intercommunalité (9 chiffres) est attendu',
  bzh_departement: 'le code d’un département est attendu (par exemple 29)',
  bzh_region: 'le code INSEE d’une région est attendu (53 pour la Bretagne)',
  bzh_household_size: 'un nombre entier de personnes, de 1 à 20, est attendu',
  bzh_children_birthyears: 'une liste d’au plus 15 années de naissance, de 1900 à l’année en cours, est attendue',
  bzh_quotient_familial: 'un montant en euros par mois, de 0 à 100 000, est attendu',
  bzh_activity: 'l’une des situations de la liste est attendue',
  bzh_study_level: 'l’un des niveaux d’études de la liste est attendu',
  bzh_boursier: 'true ou false est attendu',
  bzh_disability_rate: 'un pourcentage de 0 à 100 est attendu',
});

export type SearchParams = z.infer<typeof searchQuerySchema>;
export type AnonymousClaims = Claims;
