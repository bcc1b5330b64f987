// Compiles a service's zone and condition tree once into closures, so that matching a profile
// against a catalogue walks no JSON and builds no strings unless an explanation is asked for.
import type { Condition, Service } from '../catalogue/model.ts';
import type { Context } from './context.ts';
import {
  compileActivity,
  compileBoursier,
  compileChildren,
  compileNumeric,
  compileStudyLevel,
  compileUnmodelled,
  authorityWithDe,
} from './leaves.ts';
import { compileResidence, zoneCondition } from './residence.ts';
import { FALSE, TRUE, UNKNOWN, reasonStatus, type Node, type Reason, type Tri } from './types.ts';

export type CompiledService = {
  service: Service;
  /** Zone and eligibility together; undefined when the service is open to everyone. */
  root: Node | undefined;
  zone: Node | undefined;
  eligibility: Node | undefined;
};

// AND: false if any part is false, else unknown if any is unknown, else true.
function allOf(parts: readonly Node[]): Node {
  const test = (ctx: Context): Tri => {
    let result: Tri = TRUE;
    for (let i = 0; i < parts.length; i++) {
      const value = parts[i]!.test(ctx);
      if (value === FALSE) return FALSE;
      if (value === UNKNOWN) result = UNKNOWN;
    }
    return result;
  };
  return {
    test,
    // Called only when this AND is unknown, so no part is false: each unknown part could still
    // turn it false, and what it misses is worth asking for.
    collectMissing: (ctx, out) => {
      for (const part of parts) if (part.test(ctx) === UNKNOWN) part.collectMissing(ctx, out);
    },
    explain: (ctx): Reason => ({
      status: reasonStatus(test(ctx)),
      text: 'Toutes ces conditions doivent être remplies :',
      children: parts.map((part) => part.explain(ctx)),
    }),
    parts,
  };
}

// OR: true if any part is true, else unknown if any is unknown, else false.
function anyOf(parts: readonly Node[]): Node {
  const test = (ctx: Context): Tri => {
    let result: Tri = FALSE;
    for (let i = 0; i < parts.length; i++) {
      const value = parts[i]!.test(ctx);
      if (value === TRUE) return TRUE;
      if (value === UNKNOWN) result = UNKNOWN;
    }
    return result;
  };
  return {
    test,
    // Only when unknown, so no part is true: each unknown part could still turn it true.
    collectMissing: (ctx, out) => {
      for (const part of parts) if (part.test(ctx) === UNKNOWN) part.collectMissing(ctx, out);
    },
    explain: (ctx): Reason => ({
      status: reasonStatus(test(ctx)),
      text: 'Au moins une de ces conditions doit être remplie :',
      children: parts.map((part) => part.explain(ctx)),
    }),
  };
}

function notOf(part: Node): Node {
  const test = (ctx: Context): Tri => {
    const value = part.test(ctx);
    return value === UNKNOWN ? UNKNOWN : value === TRUE ? FALSE : TRUE;
  };
  return {
    test,
    collectMissing: (ctx, out) => part.collectMissing(ctx, out),
    explain: (ctx): Reason => ({
      status: reasonStatus(test(ctx)),
      text: 'Cette condition ne doit pas être remplie :',
      children: [part.explain(ctx)],
    }),
  };
}

/** `authority`: the service's authority after « auprès » (authorityWithDe), for `unmodelled` conditions. */
export function compileCondition(condition: Condition, authority: string): Node {
  switch (condition.type) {
    case 'all':
      return condition.conditions.length === 1
        ? compileCondition(condition.conditions[0]!, authority)
        : allOf(condition.conditions.map((c) => compileCondition(c, authority)));
    case 'any':
      return condition.conditions.length === 1
        ? compileCondition(condition.conditions[0]!, authority)
        : anyOf(condition.conditions.map((c) => compileCondition(c, authority)));
    case 'not':
      // "Not living in Brest Métropole" reads better as one sentence than as a negated one.
      return condition.condition.type === 'residence'
        ? compileResidence(condition.condition, true)
        : notOf(compileCondition(condition.condition, authority));
    case 'age':
    case 'quotient_familial':
    case 'household_size':
    case 'disability_rate':
      return compileNumeric(condition);
    case 'residence':
      return compileResidence(condition);
    case 'activity':
      return compileActivity(condition.values);
    case 'study_level':
      return compileStudyLevel(condition.values);
    case 'boursier':
      return compileBoursier(condition.value);
    case 'children':
      return compileChildren(condition);
    case 'unmodelled':
      return compileUnmodelled(condition, authority);
    default:
      throw new Error(`Unknown condition type "${(condition as { type?: unknown }).type}"`);
  }
}

export function compileService(service: Service): CompiledService {
  let eligibility: Node | undefined;
  try {
    eligibility = service.eligibility
      ? compileCondition(service.eligibility, authorityWithDe(service.authority))
      : undefined;
  } catch (err) {
    throw new Error(`Service "${service.id}": ${(err as Error).message}`, { cause: err });
  }
  const zoneRule = zoneCondition(service);
  const zone = zoneRule ? compileResidence(zoneRule) : undefined;
  const root = zone && eligibility ? allOf([zone, eligibility]) : (zone ?? eligibility);
  return { service, root, zone, eligibility };
}
