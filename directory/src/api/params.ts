// Validation of what API callers send: query strings and the anonymous profile. Anything
// unexpected is a 400 with a problem+json naming the parameter.
import { z } from 'zod';
import { findCommune } from '../../../territory/territory.ts';
import { THEMATICS, type Claims } from '../catalogue/model.ts';
import { ACTIVITIES, LEVELS, STUDY_LEVELS } from '../catalogue/schema.ts';
import { AppError } from '../../../platform/http/app-error.ts';

const communeCode = z.string().refine((code) => findCommune(code) !== undefined, 'unknown INSEE commune code');

const single = (schema: z.ZodType) => z.preprocess((v) => (Array.isArray(v) ? { repeated: true } : v), schema);

export const searchQuerySchema = z
  .object({
    q: single(z.string().max(200, 'q is limited to 200 characters')).optional(),
    thematique: single(z.enum(Object.keys(THEMATICS) as [string, ...string[]])).optional(),
    niveau: single(z.enum(LEVELS)).optional(),
    commune: single(communeCode).optional(),
    page: single(z.coerce.number().int().min(1).max(1000)).optional(),
  })
  .strict();

/** GET /api/communes: a name or a postal code, as typed. */
export const communesQuerySchema = z
  .object({
    q: z
      .string('q must name a commune or a postal code, once')
      .trim()
      .min(1, 'q must name a commune or a postal code')
      .max(100, 'q is limited to 100 characters'),
  })
  .strict();

export const claimsSchema = z
  .object({
    birthdate: z.iso.date().optional(),
    bzh_commune: communeCode.optional(),
    bzh_epci: z
      .string()
      .regex(/^\d{9}$/)
      .optional(),
    bzh_departement: z
      .string()
      .regex(/^(\d{2,3}|2A|2B)$/)
      .optional(),
    bzh_region: z
      .string()
      .regex(/^\d{2}$/)
      .optional(),
    bzh_household_size: z.number().int().min(1).max(20).optional(),
    bzh_children_birthyears: z.array(z.number().int().min(1900).max(2100)).max(15).optional(),
    bzh_quotient_familial: z.number().min(0).max(100_000).optional(),
    bzh_activity: z.enum(ACTIVITIES).optional(),
    bzh_study_level: z.enum(STUDY_LEVELS).optional(),
    bzh_boursier: z.boolean().optional(),
    bzh_disability_rate: z.number().min(0).max(100).optional(),
  })
  .strict();

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'paramètre'} : ${issue.message}`)
      .join(' ; ');
    throw new AppError(400, 'invalid_parameters', `Paramètres invalides – ${detail}`.slice(0, 500));
  }
  return parsed.data;
}

export type SearchParams = z.infer<typeof searchQuerySchema>;
export type AnonymousClaims = Claims;
