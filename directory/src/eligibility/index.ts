// The eligibility evaluator: pure, three-valued, explains itself. Territory look-ups are its only
// collaborator (names and the commune → EPCI → département → région chain).
export { compileService, type CompiledService } from './compile.ts';
export { authorityWithDe } from './leaves.ts';
export { evaluate, matchAll, type ServiceMatch } from './evaluate.ts';
export { ageOn, createContext, type Context } from './context.ts';
export type { EvaluateOptions, MatchResult, MatchStatus, MissingClaim, Reason, ReasonStatus } from './types.ts';
