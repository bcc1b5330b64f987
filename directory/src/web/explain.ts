// A service's conditions told in general terms, for its page: the evaluator explains them
// against an empty profile, and the "… is not shared" tail of each sentence is dropped, since
// the page speaks to everyone rather than to someone who withheld it.
import { compileService, createContext, evaluate } from '../eligibility/index.ts';
import type { Reason } from '../eligibility/index.ts';
import type { Claims, Service } from '../catalogue/model.ts';

const NOT_SHARED = / : (?:votre|la|le|les)\b[^:]*n’(?:est|sont) pas (?:partagée?s?|connue?s?)\.$/;

function general(reason: Reason): Reason {
  const text = reason.text.replace(NOT_SHARED, '.');
  return reason.children ? { ...reason, text, children: reason.children.map(general) } : { ...reason, text };
}

export function explainService(service: Service): { zone: string; conditions: Reason[] } {
  const compiled = compileService(service);
  const ctx = createContext({}, new Date());
  const zone = compiled.zone
    ? general(compiled.zone.explain(ctx)).text
    : 'Ouvert à toutes et à tous, où que vous habitiez.';
  const root = compiled.eligibility;
  const parts = root?.parts ?? (root ? [root] : []);
  // A residence condition that only repeats the zone is told once, under "Pour qui ?".
  const conditions = parts.map((part) => general(part.explain(ctx)));
  return {
    zone,
    conditions: conditions.filter((c, i) => c.text !== zone && conditions.findIndex((d) => d.text === c.text) === i),
  };
}

/** The logged-in citizen's own answer for this service. */
export function personalAnswer(service: Service, claims: Claims) {
  const result = evaluate(compileService(service), claims, { explain: true });
  return { status: result.status, missing: result.missing, reasons: result.reasons ?? [] };
}
