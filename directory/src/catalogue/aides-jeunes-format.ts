// The aides-jeunes benefit format (betagouv/aides-jeunes, generated catalogue), as far as the
// importer and the reference implementation read it. Fields are loose on purpose: the records
// come from JSON and are checked where they are read.

export type AidesJeunesCondition = { type: string; [field: string]: unknown };
export type AidesJeunesProfile = { type: string; conditions?: AidesJeunesCondition[] | null };
export type AidesJeunesInstitution = {
  slug?: string;
  label: string;
  /** region, departement, epci, commune, caf, msa, national, europeen, autre… */
  type: string;
  code_insee?: string | null;
  code_siren?: string | null;
  /** CAF and MSA: the départements they serve. */
  departments?: string[];
};
export type AidesJeunesBenefit = {
  id: string;
  label: string;
  description?: string;
  institution: AidesJeunesInstitution;
  /** javascript (conditions below), openfisca or aides-velo (computed by those engines). */
  source?: string;
  generator?: string;
  type?: string;
  montant?: number;
  unit?: string | null;
  periodicite?: string;
  legend?: string;
  conditions_generales?: AidesJeunesCondition[] | null;
  profils?: AidesJeunesProfile[] | null;
  conditions_textuelles_non_modelisees?: string[] | null;
  voluntary_conditions?: string[] | null;
  links?: Record<string, unknown>;
  /** The benefit is only computed for someone who said they are interested in it. */
  interestFlag?: string | null;
  private?: boolean;
  openfisca?: unknown;
  aidesVelo?: { collectivity?: { kind?: string; value?: string; code?: string } };
};

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why a record cannot be read as a benefit, or undefined when it can. */
export function benefitProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'not an object';
  if (typeof value.id !== 'string' || value.id === '') return 'no id';
  if (typeof value.label !== 'string') return 'no label';
  const institution = value.institution;
  if (!isRecord(institution) || typeof institution.type !== 'string' || typeof institution.label !== 'string') {
    return 'no institution';
  }
  for (const key of ['conditions_generales', 'profils'] as const) {
    const list = value[key];
    if (list !== undefined && list !== null && !Array.isArray(list)) return `${key} is not a list`;
    if (Array.isArray(list) && list.some((c) => !isRecord(c) || typeof c.type !== 'string')) {
      return `${key} holds an entry without a type`;
    }
  }
  return undefined;
}

/** Engines other than the condition list: the benefit's own rules are not in the record. */
export function engineOf(benefit: AidesJeunesBenefit): 'openfisca' | 'aides-velo' | undefined {
  if (benefit.source === 'openfisca' || (benefit.source === undefined && benefit.openfisca !== undefined)) {
    return 'openfisca';
  }
  if (benefit.source === 'aides-velo' || benefit.aidesVelo !== undefined) return 'aides-velo';
  return undefined;
}

/** The number a comparison reads: some records write `"60"`. */
export function numeric(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
