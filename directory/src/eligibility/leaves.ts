// The leaves of the condition tree, each compiled into a test over the prepared context and an
// explanation in French: « <what we know> : il faut <requirement>. », or, when the claim is
// missing, « Il faut <requirement> : <what is not shared>. »
import type { Authority, Comparison, Condition } from '../catalogue/model.ts';
import { findEpci } from '../../../territory/territory.ts';
import type { Context } from './context.ts';
import { activityWords, bound, de, deName, formatNumber, persons, plural, studyWords } from './french.ts';
import { FALSE, TRUE, UNKNOWN, reasonStatus, type Node, type Reason, type Tri } from './types.ts';

/** The comparison with its bound, chosen once at compile time. */
export function comparator(operator: Comparison, bound: number): (value: number) => boolean {
  switch (operator) {
    case '<':
      return (value) => value < bound;
    case '<=':
      return (value) => value <= bound;
    case '>':
      return (value) => value > bound;
    case '>=':
      return (value) => value >= bound;
    case '==':
      return (value) => value === bound;
  }
}

const readAge = (ctx: Context) => ctx.age;
const readQuotient = (ctx: Context) => ctx.quotientFamilial;
const readHousehold = (ctx: Context) => ctx.householdSize;
const readDisability = (ctx: Context) => ctx.disabilityRate;
const readActivity = (ctx: Context) => ctx.activity;
const readStudyLevel = (ctx: Context) => ctx.studyLevel;
const readBoursier = (ctx: Context) => ctx.boursier;

type Leaf<T> = {
  claim: string;
  read: (ctx: Context) => T | undefined;
  holds: (value: T) => boolean;
  requirement: () => string;
  fact: (value: T, ctx: Context) => string;
  notShared: string;
};

// The test captures `read` and `holds` themselves, not the spec: on catalogues of thousands of
// services the evaluation is bound by memory, and every object it touches counts.
function leaf<T>(spec: Leaf<T>): Node {
  const { read, holds } = spec;
  const test = (ctx: Context): Tri => {
    const value = read(ctx);
    return value === undefined ? UNKNOWN : holds(value) ? TRUE : FALSE;
  };
  return {
    test,
    collectMissing: (ctx, out) => {
      if (spec.read(ctx) === undefined) out.add(spec.claim);
    },
    explain: (ctx): Reason => {
      const value = spec.read(ctx);
      if (value === undefined) {
        return { status: 'unknown', text: `Il faut ${spec.requirement()} : ${spec.notShared}.` };
      }
      return { status: reasonStatus(test(ctx)), text: `${spec.fact(value, ctx)} : il faut ${spec.requirement()}.` };
    },
  };
}

const years = (n: number) => plural(n, 'an');
const euros = (n: number) => `${formatNumber(n)} € par mois`;

type NumericCondition = Extract<
  Condition,
  { type: 'age' | 'quotient_familial' | 'household_size' | 'disability_rate' }
>;

export function compileNumeric(condition: NumericCondition): Node {
  const { operator, value } = condition;
  const holds = comparator(operator, value);
  switch (condition.type) {
    case 'quotient_familial':
      return condition.period === 'year' ? yearlyQuotient(operator, value) : monthlyQuotient(operator, value);
    case 'age':
      return leaf({
        claim: 'birthdate',
        read: readAge,
        holds,
        requirement: () => `avoir ${bound(operator, years(value))}`,
        fact: (age) => `Vous avez ${years(age)}`,
        notShared: 'votre date de naissance n’est pas partagée',
      });
    case 'household_size':
      return leaf({
        claim: 'bzh_household_size',
        read: readHousehold,
        holds,
        requirement: () => `vivre dans un foyer ${de(bound(operator, persons(value)))}`,
        fact: (size) => `Votre foyer compte ${persons(size)}`,
        notShared: 'la taille de votre foyer n’est pas partagée',
      });
    case 'disability_rate':
      return leaf({
        claim: 'bzh_disability_rate',
        read: readDisability,
        holds,
        requirement: () =>
          // "More than 0 %" is how a source says "any recognised incapacity".
          operator === '>' && value === 0
            ? 'avoir un taux d’incapacité reconnu, quel qu’il soit'
            : `avoir un taux d’incapacité de ${bound(operator, `${formatNumber(value)} %`)}`,
        fact: (rate) => `Votre taux d’incapacité est de ${formatNumber(rate)} %`,
        notShared: 'votre taux d’incapacité n’est pas partagé',
      });
  }
}

const QUOTIENT_NOT_SHARED = 'votre quotient familial n’est pas partagé';

function monthlyQuotient(operator: Comparison, value: number): Node {
  return leaf({
    claim: 'bzh_quotient_familial',
    read: readQuotient,
    holds: comparator(operator, value),
    requirement: () => `avoir un quotient familial de ${bound(operator, euros(value))}`,
    fact: (qf) => `Votre quotient familial est de ${euros(qf)}`,
    notShared: QUOTIENT_NOT_SHARED,
  });
}

/**
 * A threshold the source states per year (25 000 € par an) is told as it states it: its twelfth
 * (2 083,33 €) is a figure the source never wrote. The claim is per month; the sentence says it
 * was counted per year. The test compares the claim with the twelfth, as it always has
 * (the product of the claim by 12 can round across the threshold, and the verdicts stay the same).
 */
function yearlyQuotient(operator: Comparison, perYear: number): Node {
  return leaf({
    claim: 'bzh_quotient_familial',
    read: readQuotient,
    holds: comparator(operator, perYear / 12),
    requirement: () => `avoir un quotient familial de ${bound(operator, `${formatNumber(perYear)} € par an`)}`,
    fact: (qf) => `Votre quotient familial est de ${euros(qf)}, soit ${formatNumber(qf * 12)} € par an`,
    notShared: QUOTIENT_NOT_SHARED,
  });
}

// "a", "a, ou b": the words themselves often contain "ou" (« étudiant ou étudiante »).
const either = (words: readonly string[]) => words.join(', ou ');

export function compileActivity(values: readonly string[]): Node {
  const accepted = new Set(values);
  return leaf({
    claim: 'bzh_activity',
    read: readActivity,
    holds: (activity) => accepted.has(activity),
    requirement: () => `être ${either(values.map(activityWords))}`,
    // Say why when the study year decided it, rather than contradict what the citizen said.
    fact: (activity, ctx) =>
      ctx.activityFromStudyLevel && ctx.studyLevel
        ? `Vous êtes ${studyWords(ctx.studyLevel)}, donc ${activityWords(activity)}`
        : `Vous êtes ${activityWords(activity)}`,
    notShared: 'votre situation (études, emploi…) n’est pas partagée',
  });
}

export function compileStudyLevel(values: readonly string[]): Node {
  const accepted = new Set(values);
  return leaf({
    claim: 'bzh_study_level',
    read: readStudyLevel,
    holds: (level) => accepted.has(level),
    requirement: () => `être ${either(values.map(studyWords))}`,
    fact: (level) => `Vous êtes ${studyWords(level)}`,
    notShared: 'votre niveau d’études n’est pas partagé',
  });
}

export function compileBoursier(expected: boolean): Node {
  return leaf({
    claim: 'bzh_boursier',
    read: readBoursier,
    holds: (boursier) => boursier === expected,
    requirement: () => (expected ? 'être boursier ou boursière' : 'ne pas être boursier ou boursière'),
    fact: (boursier) => (boursier ? 'Vous êtes boursier ou boursière' : 'Vous n’êtes pas boursier ou boursière'),
    notShared: 'votre statut de boursier n’est pas partagé',
  });
}

type ChildrenCondition = Extract<Condition, { type: 'children' }>;

/**
 * Only birth years are shared, so a child's age today is one of two values (before or after
 * their birthday): a child surely in the age range counts, one possibly in it leaves the
 * answer unknown.
 */
export function compileChildren({ minCount, minAge, maxAge }: ChildrenCondition): Node {
  const low = minAge ?? 0;
  const high = maxAge ?? Infinity;
  const counts = (birthYears: readonly number[], todayYear: number) => {
    let sure = 0;
    let possible = 0;
    for (const year of birthYears) {
      const oldest = todayYear - year;
      const youngest = Math.max(0, oldest - 1);
      if (oldest < 0) continue;
      if (youngest >= low && oldest <= high) sure++;
      if (oldest >= low && youngest <= high) possible++;
    }
    return { sure, possible };
  };
  const test = (ctx: Context): Tri => {
    const birthYears = ctx.childrenBirthYears;
    if (birthYears === undefined) return UNKNOWN;
    const { sure, possible } = counts(birthYears, ctx.todayYear);
    return sure >= minCount ? TRUE : possible < minCount ? FALSE : UNKNOWN;
  };
  const ages =
    minAge !== undefined && maxAge !== undefined
      ? ` de ${formatNumber(minAge)} à ${years(maxAge)}`
      : maxAge !== undefined
        ? ` de ${years(maxAge)} ou moins`
        : minAge !== undefined
          ? ` de ${years(minAge)} ou plus`
          : '';
  const requirement = `avoir au moins ${minCount <= 1 ? 'un enfant' : plural(minCount, 'enfant')}${ages}`;
  return {
    test,
    collectMissing: (ctx, out) => {
      if (ctx.childrenBirthYears === undefined) out.add('bzh_children_birthyears');
    },
    explain: (ctx) => {
      const birthYears = ctx.childrenBirthYears;
      if (birthYears === undefined) {
        return {
          status: 'unknown',
          text: `Il faut ${requirement} : la composition de votre foyer n’est pas partagée.`,
        };
      }
      const { sure, possible } = counts(birthYears, ctx.todayYear);
      const declared =
        birthYears.length === 0
          ? 'Vous n’avez pas déclaré d’enfant'
          : `Vous avez déclaré ${plural(birthYears.length, 'enfant')}`;
      const detail =
        ages === '' || birthYears.length === 0
          ? ''
          : sure === possible
            ? `, dont ${formatNumber(sure)}${ages}`
            : ` ; seule leur année de naissance est connue, leur âge exact ne l’est pas`;
      return { status: reasonStatus(test(ctx)), text: `${declared}${detail} : il faut ${requirement}.` };
    },
  };
}

type Unmodelled = Extract<Condition, { type: 'unmodelled' }>;

/**
 * The body to check with, after « auprès »: "de la Communauté d’agglomération Golfe du Morbihan -
 * Vannes Agglomération" for an EPCI whose source calls it "Golfe du Morbihan - Vannes Agglomération".
 * Such a short name takes no article, and « auprès de Golfe du Morbihan … » is not French: an EPCI
 * is named by its official name, which says what it is.
 */
export function authorityWithDe(authority: Pick<Authority, 'name' | 'level' | 'code'>): string {
  const official = authority.level === 'epci' ? findEpci(authority.code)?.name : undefined;
  return deName(official ?? authority.name);
}

/** `authority`: the service's own, as `authorityWithDe` says it; `checkWith` names another body. */
export function compileUnmodelled(condition: Unmodelled, authority: string): Node {
  const label = condition.label.trim().replace(/\.$/, '');
  const body = condition.checkWith ? deName(condition.checkWith) : authority;
  return {
    test: () => UNKNOWN,
    // No claim of mon-compte carries it: sharing more would not decide it.
    collectMissing: () => undefined,
    explain: () => ({ status: 'unknown', text: `À vérifier auprès ${body} : ${label}.` }),
  };
}
