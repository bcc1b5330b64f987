// Matching a profile: eligible, ineligible or unknown, with the claims worth sharing and, on
// request, the explanation condition by condition.
import { CLAIM_SCOPES, type Claims, type Service } from '../catalogue/model.ts';
import type { CompiledService } from './compile.ts';
import { createContext, type Context } from './context.ts';
import { FALSE, TRUE, type EvaluateOptions, type MatchResult, type MatchStatus, type Reason } from './types.ts';

export type ServiceMatch = MatchResult & { service: Service };

const STATUS: readonly MatchStatus[] = ['ineligible', 'eligible', 'unknown'];

// A rule often repeats the zone ("réservé aux habitants de Rennes Métropole" as zone and as a
// residence condition): the same sentence is told once.
function explainService(compiled: CompiledService, ctx: Context): Reason[] {
  const reasons: Reason[] = [];
  const add = (reason: Reason) => {
    if (!reasons.some((r) => r.text === reason.text && r.status === reason.status)) reasons.push(reason);
  };
  if (compiled.zone) add(compiled.zone.explain(ctx));
  const eligibility = compiled.eligibility;
  if (eligibility?.parts) for (const part of eligibility.parts) add(part.explain(ctx));
  else if (eligibility) add(eligibility.explain(ctx));
  return reasons;
}

function evaluateWith(compiled: CompiledService, ctx: Context, explain: boolean): MatchResult {
  const root = compiled.root;
  const value = root ? root.test(ctx) : TRUE;
  const missing: MatchResult['missing'] = [];
  if (root && value !== TRUE && value !== FALSE) {
    const claims = new Set<string>();
    root.collectMissing(ctx, claims);
    for (const claim of claims) missing.push({ claim, scope: CLAIM_SCOPES[claim] ?? claim });
  }
  const result: MatchResult = { status: STATUS[value]!, missing };
  if (explain) result.reasons = explainService(compiled, ctx);
  return result;
}

export function evaluate(compiled: CompiledService, claims: Claims, options: EvaluateOptions = {}): MatchResult {
  return evaluateWith(compiled, createContext(claims, options.today ?? new Date()), options.explain === true);
}

/** Every service, in catalogue order; the profile is read once for all of them. */
export function matchAll(
  compiledServices: readonly CompiledService[],
  claims: Claims,
  options: EvaluateOptions = {},
): ServiceMatch[] {
  const ctx = createContext(claims, options.today ?? new Date());
  const explain = options.explain === true;
  return compiledServices.map((compiled) => ({ service: compiled.service, ...evaluateWith(compiled, ctx, explain) }));
}
