// The boundary check for services: what the demo catalogue, the importers and collectivity
// administrators hand to the directory. Administrators' input is hostile until proven otherwise, so
// every object is strict, every string and list is bounded, and codes are checked for shape (not for
// existence: that needs the territory, which callers consult when they care).
import { z } from 'zod';
import { AUDIENCES, THEMATICS } from './model.ts';
import type { Condition, Service } from './model.ts';

export const MAX_CONDITION_DEPTH = 8;
export const MAX_CONDITION_LEAVES = 200;

export const ACTIVITIES = [
  'etudiant',
  'lyceen',
  'apprenti',
  'salarie',
  'independant',
  'demandeur_emploi',
  'retraite',
  'inactif',
] as const;

// The aides-jeunes `annee_etude` values, which bzh_study_level carries unchanged.
export const STUDY_LEVELS = [
  'seconde',
  'premiere',
  'terminale',
  'cap_1',
  'cap_2',
  'bts_1',
  'but_1',
  'cpge_1',
  'licence_1',
  'licence_2',
  'licence_3',
  'master_1',
  'master_2',
  'doctorat_1',
  'doctorat_2',
  'doctorat_3',
  'autre',
] as const;

export const LEVELS = ['commune', 'epci', 'departement', 'region', 'national', 'autre'] as const;
const CHANNEL_TYPES = ['information', 'online', 'form', 'place', 'phone'] as const;
const COMPARISONS = ['<', '<=', '>', '>=', '=='] as const;

const INSEE_COMMUNE = /^(\d{5}|2[AB]\d{3})$/;
const DEPARTEMENT = /^(\d{2,3}|2[AB])$/;
const REGION = /^\d{2}$/;
const POSTAL_CODE = /^\d{5}$/;
const SIREN = /^\d{9}$/;

// Control characters have no place in catalogue text and are a classic vector for log and terminal
// injection; line breaks and tabs stay allowed where prose is expected.
// eslint-disable-next-line no-control-regex
const CONTROL_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const CONTROL_IN_PROSE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function line(max: number) {
  return z
    .string()
    .max(max)
    .refine((s) => s.trim().length > 0, 'ne doit pas être vide')
    .refine((s) => !CONTROL_IN_LINE.test(s), 'ne doit pas contenir de caractères de contrôle');
}

function prose(max: number) {
  return z
    .string()
    .max(max)
    .refine((s) => s.trim().length > 0, 'ne doit pas être vide')
    .refine((s) => !CONTROL_IN_PROSE.test(s), 'ne doit pas contenir de caractères de contrôle');
}

/** SIREN numbers carry a Luhn check digit: a typo is caught here rather than by a failed look-up. */
export function isSiren(value: string): boolean {
  if (!SIREN.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let digit = Number(value[8 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

const sirenSchema = z.string().refine(isSiren, 'doit être un SIREN de 9 chiffres valide (clé de contrôle comprise)');
const communeCode = z.string().regex(INSEE_COMMUNE, 'doit être un code INSEE de commune (5 caractères, ex. 35238)');
const departementCode = z.string().regex(DEPARTEMENT, 'doit être un code de département (ex. 35, 2A, 974)');
const regionCode = z.string().regex(REGION, 'doit être un code de région à 2 chiffres (ex. 53)');
const postalCode = z.string().regex(POSTAL_CODE, 'doit être un code postal à 5 chiffres');

function isHttpsUrl(value: string): boolean {
  if (!value.startsWith('https://')) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  // Credentials in a published link would leak them, and a dotless host is never a public site.
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.hostname.includes('.');
}

const httpsUrl = z
  .string()
  .max(2000)
  .refine(isHttpsUrl, 'doit être une adresse https:// complète (http, javascript: et autres sont refusés)');

function uniqueList<T extends z.ZodType<string>>(item: T, min: number, max: number) {
  return z
    .array(item)
    .min(min)
    .max(max)
    .refine((list) => new Set(list).size === list.length, 'ne doit pas contenir de doublons');
}

function keysOf<T extends Record<string, string>>(record: T) {
  return Object.keys(record) as [keyof T & string, ...(keyof T & string)[]];
}

// Codes of every commune of France fit well under this; it only stops absurd payloads.
const MAX_CODES = 5000;

const residenceSchema = z
  .strictObject({
    type: z.literal('residence'),
    communes: uniqueList(communeCode, 1, MAX_CODES).optional(),
    epcis: uniqueList(sirenSchema, 1, MAX_CODES).optional(),
    departements: uniqueList(departementCode, 1, 200).optional(),
    regions: uniqueList(regionCode, 1, 30).optional(),
    postalCodes: uniqueList(postalCode, 1, MAX_CODES).optional(),
  })
  .refine(
    (r) => r.communes ?? r.epcis ?? r.departements ?? r.regions ?? r.postalCodes,
    'une condition de résidence doit nommer au moins un territoire',
  );

const MAX_MONTHLY_QUOTIENT = 20_000;

function comparison<T extends string>(type: T, number: z.ZodNumber) {
  return z.strictObject({ type: z.literal(type), operator: z.enum(COMPARISONS), value: number });
}

const CONDITION_TYPES = [
  'all',
  'any',
  'not',
  'age',
  'quotient_familial',
  'household_size',
  'disability_rate',
  'residence',
  'activity',
  'study_level',
  'boursier',
  'children',
  'unmodelled',
] as const satisfies readonly Condition['type'][];

const childConditions = () =>
  z
    .array(z.lazy(() => conditionSchema))
    .min(1)
    .max(MAX_CONDITION_LEAVES);

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('all'), conditions: childConditions() }),
      z.strictObject({ type: z.literal('any'), conditions: childConditions() }),
      z.strictObject({ type: z.literal('not'), condition: z.lazy(() => conditionSchema) }),
      comparison('age', z.number().int().min(0).max(130)),
      z
        .strictObject({
          type: z.literal('quotient_familial'),
          operator: z.enum(COMPARISONS),
          value: z
            .number()
            .min(0)
            .max(12 * MAX_MONTHLY_QUOTIENT),
          period: z.enum(['month', 'year']).optional(),
        })
        .refine(
          (c) => c.period === 'year' || c.value <= MAX_MONTHLY_QUOTIENT,
          `un quotient familial mensuel ne dépasse pas ${MAX_MONTHLY_QUOTIENT} € (${12 * MAX_MONTHLY_QUOTIENT} € par an)`,
        ),
      comparison('household_size', z.number().int().min(0).max(30)),
      comparison('disability_rate', z.number().min(0).max(100)),
      residenceSchema,
      z.strictObject({ type: z.literal('activity'), values: uniqueList(z.enum(ACTIVITIES), 1, ACTIVITIES.length) }),
      z.strictObject({
        type: z.literal('study_level'),
        values: uniqueList(z.enum(STUDY_LEVELS), 1, STUDY_LEVELS.length),
      }),
      z.strictObject({ type: z.literal('boursier'), value: z.boolean() }),
      z
        .strictObject({
          type: z.literal('children'),
          minCount: z.number().int().min(1).max(20),
          maxAge: z.number().int().min(0).max(30).optional(),
          minAge: z.number().int().min(0).max(30).optional(),
        })
        .refine(
          (c) => c.minAge === undefined || c.maxAge === undefined || c.minAge <= c.maxAge,
          'minAge ne peut pas dépasser maxAge',
        ),
      z.strictObject({
        type: z.literal('unmodelled'),
        key: z.string().regex(/^[a-z][a-z0-9_]{1,60}$/, 'doit être une clé en snake_case (ex. statut_logement)'),
        label: line(300),
        checkWith: line(200).optional(),
      }),
    ],
    { error: `type de condition inconnu (attendu : ${CONDITION_TYPES.join(', ')})` },
  ),
);

function childrenOf(node: unknown): unknown[] | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const { type, conditions, condition } = node as { type?: unknown; conditions?: unknown; condition?: unknown };
  if ((type === 'all' || type === 'any') && Array.isArray(conditions)) return conditions;
  if (type === 'not' && condition !== undefined) return [condition];
  return undefined;
}

/**
 * Measures the tree iteratively, before the recursive schema sees it, so that a hostile payload
 * nested thousands deep is refused with a message instead of exhausting the stack.
 */
export function conditionTreeProblem(root: unknown): string | undefined {
  const stack: [unknown, number][] = [[root, 1]];
  let leaves = 0;
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [node, depth] = entry;
    if (depth > MAX_CONDITION_DEPTH) return `l’arbre de conditions dépasse ${MAX_CONDITION_DEPTH} niveaux`;
    const children = childrenOf(node);
    if (children === undefined) leaves++;
    // A composite with more children than the leaf budget cannot fit it: stop before stacking them.
    else if (children.length > MAX_CONDITION_LEAVES) leaves += children.length;
    else for (const child of children) stack.push([child, depth + 1]);
    if (leaves > MAX_CONDITION_LEAVES) return `l’arbre de conditions dépasse ${MAX_CONDITION_LEAVES} conditions`;
  }
  return undefined;
}

const eligibilitySchema = z
  .unknown()
  .superRefine((value, ctx) => {
    const problem = conditionTreeProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .pipe(conditionSchema.nullable());

// Collectivities' SIRENs all carry a valid Luhn key, so a failing key there is a typo. National and
// other bodies are only checked for shape: a few real SIRENs (La Poste's) break the Luhn rule.
const COLLECTIVITY_LEVELS: ReadonlySet<string> = new Set(['commune', 'epci', 'departement', 'region']);

const LEVEL_CODES: Record<(typeof LEVELS)[number], { test: (code: string) => boolean; expected: string }> = {
  commune: { test: (c) => INSEE_COMMUNE.test(c), expected: 'le code INSEE de la commune (5 caractères)' },
  epci: { test: isSiren, expected: 'le SIREN de l’EPCI (9 chiffres, clé de contrôle comprise)' },
  departement: { test: (c) => DEPARTEMENT.test(c), expected: 'le code du département (2 ou 3 caractères)' },
  region: { test: (c) => REGION.test(c), expected: 'le code INSEE de la région (2 chiffres)' },
  national: { test: (c) => SIREN.test(c), expected: 'le SIREN de l’organisme (9 chiffres)' },
  autre: { test: (c) => SIREN.test(c), expected: 'le SIREN de l’organisme (9 chiffres)' },
};

const authoritySchema = z
  .strictObject({
    name: line(200),
    level: z.enum(LEVELS),
    code: z.string().max(20),
    siren: z.string().regex(SIREN, 'doit être un SIREN de 9 chiffres').optional(),
  })
  .superRefine((authority, ctx) => {
    const { level, code } = authority;
    // A SIREN of the wrong shape has already been reported by its own schema.
    const siren = authority.siren !== undefined && SIREN.test(authority.siren) ? authority.siren : undefined;
    const rule = LEVEL_CODES[level];
    if (!rule.test(code)) {
      ctx.addIssue({ code: 'custom', path: ['code'], message: `doit être ${rule.expected}` });
    } else if (siren !== undefined && SIREN.test(code) && siren !== code) {
      ctx.addIssue({ code: 'custom', path: ['siren'], message: 'doit être égal au code quand le code est un SIREN' });
    }
    if (siren !== undefined && COLLECTIVITY_LEVELS.has(level) && !isSiren(siren)) {
      ctx.addIssue({
        code: 'custom',
        path: ['siren'],
        message: 'doit être un SIREN valide (clé de contrôle incorrecte)',
      });
    }
  });

const zoneSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('authority') }),
    z.strictObject({ type: z.literal('communes'), codes: uniqueList(communeCode, 1, MAX_CODES) }),
    z.strictObject({ type: z.literal('epcis'), codes: uniqueList(sirenSchema, 1, MAX_CODES) }),
    z.strictObject({ type: z.literal('departements'), codes: uniqueList(departementCode, 1, 200) }),
    z.strictObject({ type: z.literal('regions'), codes: uniqueList(regionCode, 1, 30) }),
    z.strictObject({ type: z.literal('france') }),
  ],
  { error: 'type de zone inconnu (attendu : authority, communes, epcis, departements, regions, france)' },
);

const channelSchema = z
  .strictObject({
    type: z.enum(CHANNEL_TYPES),
    label: line(200),
    url: httpsUrl.optional(),
    address: line(300).optional(),
  })
  .superRefine((channel, ctx) => {
    if (channel.type === 'place' && channel.address === undefined) {
      ctx.addIssue({ code: 'custom', path: ['address'], message: 'un lieu d’accueil doit donner son adresse' });
    }
    if ((channel.type === 'online' || channel.type === 'form') && channel.url === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'une démarche en ligne doit donner son adresse https://',
      });
    }
  });

// Our own ids are kebab-case ASCII; imported services keep their source's id (PRODUCT.md), and
// aides-jeunes ids also use underscores, French accented letters, « · » and « – ». Latin letters
// only, so that no look-alike Cyrillic or Greek id can pass for another.
export const SERVICE_ID = /^[a-z0-9àâäçéèêëîïôöùûüÿæœ][a-z0-9àâäçéèêëîïôöùûüÿæœ_·–-]{1,149}$/;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, year, month, day] = match;
  // Round-tripping the calendar date catches 2026-02-30, which Date.parse would roll over.
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.toISOString().slice(0, 10) === `${year}-${month}-${day}` && !Number.isNaN(Date.parse(value));
}

export const serviceSchema = z.strictObject({
  id: z
    .string()
    .regex(
      SERVICE_ID,
      'doit être fait de minuscules (accents permis), de chiffres, de tirets ou de « _ », sans espace (2 à 150 caractères)',
    ),
  title: line(200),
  description: prose(5000),
  authority: authoritySchema,
  zone: zoneSchema,
  thematics: uniqueList(z.enum(keysOf(THEMATICS)), 1, Object.keys(THEMATICS).length),
  audiences: uniqueList(z.enum(keysOf(AUDIENCES)), 1, Object.keys(AUDIENCES).length),
  channels: z.array(channelSchema).min(1).max(20),
  cost: line(300).optional(),
  amount: z
    .strictObject({
      value: z.number().min(0).max(10_000_000).optional(),
      unit: line(50).optional(),
      text: line(300),
    })
    .optional(),
  eligibility: eligibilitySchema,
  notes: z.array(prose(1000)).max(30),
  source: z.strictObject({ name: line(200), id: line(200).optional(), url: httpsUrl.optional() }),
  updatedAt: z.string().max(40).refine(isIsoDate, 'doit être une date ISO 8601 (AAAA-MM-JJ, avec heure facultative)'),
  published: z.boolean(),
});

export type ParseServiceResult = { ok: true; service: Service } | { ok: false; issues: string[] };

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(service)' : out;
}

const frenchMessages = z.locales.fr().localeError;

export function parseService(value: unknown): ParseServiceResult {
  const result = serviceSchema.safeParse(value, { error: frenchMessages });
  if (result.success) return { ok: true, service: result.data };
  return { ok: false, issues: result.error.issues.map((issue) => `${formatPath(issue.path)} : ${issue.message}`) };
}
