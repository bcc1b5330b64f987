// Turns what zod finds wrong with a query string or a body into one RFC 9457 problem: a French
// `title` that names the parameter and what it should hold (safe to show as it is), and a
// `detail` that says what was received. Zod's own messages are English and never shown.
import type { z } from 'zod';
import type { ParsedUrlQuery } from 'node:querystring';
import { AppError } from '../../../platform/http/app-error.ts';
import { cut, previewJson } from './preview.ts';

/** An AppError with the variable part kept apart, sent as the problem's `detail`. */
export class ApiProblem extends AppError {
  readonly detail: string;
  constructor(status: number, code: string, title: string, detail: string) {
    super(status, code, title);
    this.name = 'ApiProblem';
    this.detail = detail;
  }
}

type Place = 'query' | 'body';
type Described = { place: Place; expected: Record<string, string>; fields: string[] };
const described = new WeakMap<z.ZodType, Described>();

/** What each field of a schema should hold, as the end of « Paramètre « x » invalide : … ». */
export function describeSchema(schema: z.ZodObject, place: Place, expected: Record<string, string>): void {
  described.set(schema, { place, expected, fields: Object.keys(schema.shape) });
}

const NOUN = { query: 'Paramètre', body: 'Champ' } as const;
const NOUNS = { query: 'Paramètres', body: 'Champs' } as const;
const MAX_DETAIL = 1000;

// A text as it was typed; anything else as JSON (preview.ts: never recursive, never `null` for 1e400).
function show(value: unknown): string {
  return typeof value === 'string' ? cut(value) : previewJson(value);
}

// JSON.parse reads a number beyond the range of doubles (1e400) as ±Infinity: say so rather than
// show a value the caller never wrote.
const isInfinite = (value: unknown) => typeof value === 'number' && !Number.isFinite(value) && !Number.isNaN(value);
const TOO_LARGE = 'un nombre trop grand pour être lu (au-delà de 10³⁰⁸ en valeur absolue)';

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'une liste';
  if (typeof value === 'string') return 'un texte';
  if (typeof value === 'number') return 'un nombre';
  if (typeof value === 'boolean') return 'un booléen';
  return 'un objet';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  return value;
}

const ordinal = (index: number) => (index === 0 ? '1re' : `${index + 1}e`);

/** What was wrong with one value, in French. */
function detailOf(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'custom') return issue.message;
  const value = valueAt(input, issue.path);
  const at = issue.path.length > 1 && typeof issue.path[1] === 'number' ? ` (${ordinal(issue.path[1])} valeur)` : '';
  const received =
    value === undefined ? 'aucune valeur' : isInfinite(value) ? `${TOO_LARGE}${at}` : `« ${show(value)} »${at}`;
  if (issue.code === 'invalid_value')
    return `Reçu ${received} ; valeurs possibles : ${issue.values.map(String).join(', ')}.`;
  if (issue.code === 'too_big' && Array.isArray(value)) return `Reçu une liste de ${value.length} valeurs.`;
  return `Reçu ${received}.`;
}

function problemOf(issues: readonly z.core.$ZodIssue[], input: unknown, about: Described): ApiProblem {
  const { place, expected, fields } = about;
  const first = issues[0]!;
  const field = String(first.path[0] ?? '');
  const params = first.code === 'custom' ? (first.params as { title?: string; code?: string } | undefined) : undefined;
  let title: string;
  let detail: string;
  if (first.code === 'unrecognized_keys') {
    const keys = first.keys.map((key) => `« ${show(key)} »`).join(', ');
    title = `${first.keys.length > 1 ? `${NOUNS[place]} inconnus` : `${NOUN[place]} inconnu`} : ${keys}`;
    detail = `${NOUNS[place]} acceptés : ${fields.join(', ')}.`;
  } else if (first.path.length === 0) {
    title = 'Le corps de la requête doit être un objet JSON';
    detail = `Reçu ${kindOf(input)}. ${NOUNS[place]} acceptés : ${fields.join(', ')}.`;
  } else if (params?.title) {
    title = params.title;
    detail = first.message;
  } else {
    const missing = valueAt(input, [field]) === undefined;
    const what = expected[field];
    title = `${NOUN[place]} « ${field} » ${missing ? 'manquant' : 'invalide'}${what ? ` : ${what}` : ''}`;
    detail = detailOf(first, input);
  }
  // The other problems, if any, so that a caller fixes them all at once.
  const others = issues
    .slice(1)
    .filter((issue) => issue.code !== 'unrecognized_keys' && issue.path.length > 0)
    .map((issue) => `« ${String(issue.path[0])} » : ${detailOf(issue, input)}`);
  if (others.length) detail = `${detail} Autres problèmes – ${others.join(' ; ')}`;
  return new ApiProblem(400, params?.code ?? 'invalid_parameters', title, detail.slice(0, MAX_DETAIL));
}

/** The value as the schema reads it, or an ApiProblem (400) in French. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const about = described.get(schema) ?? { place: 'body', expected: {}, fields: [] };
  throw problemOf(parsed.error.issues, value, about);
}

/** A query string: each parameter at most once, then the schema. */
export function parseQuery<T extends z.ZodType>(schema: T, query: ParsedUrlQuery): z.infer<T> {
  for (const [name, value] of Object.entries(query)) {
    if (Array.isArray(value)) {
      throw new ApiProblem(
        400,
        'invalid_parameters',
        `Paramètre « ${show(name)} » répété : il ne doit figurer qu’une fois dans l’adresse`,
        `« ${show(name)} » y figure ${value.length} fois : ${value.map((v) => `« ${show(v)} »`).join(', ')}.`,
      );
    }
  }
  return parseOrThrow(schema, query);
}
