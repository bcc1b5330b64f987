// Shared shapes of the evaluator. Three-valued results are small integers rather than strings so
// that the hot path compares numbers and allocates nothing.
import type { Context } from './context.ts';

export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;
export type Tri = typeof FALSE | typeof TRUE | typeof UNKNOWN;

export type ReasonStatus = 'true' | 'false' | 'unknown';
export type Reason = { status: ReasonStatus; text: string; children?: Reason[] };

export type MatchStatus = 'eligible' | 'ineligible' | 'unknown';
export type MissingClaim = { claim: string; scope: string };
export type MatchResult = { status: MatchStatus; missing: MissingClaim[]; reasons?: Reason[] };

export type EvaluateOptions = {
  /** The day ages are computed at; defaults to now. Read as a calendar date in Europe/Paris. */
  today?: Date;
  /** Build the French explanation tree; off by default because it is the only costly part. */
  explain?: boolean;
};

/**
 * A condition compiled once. `test` is the fast path; `collectMissing` is only called when
 * `test` said unknown, and adds the claims whose absence keeps this node undecided; `explain`
 * builds the strings.
 */
export type Node = {
  test: (ctx: Context) => Tri;
  collectMissing: (ctx: Context, out: Set<string>) => void;
  explain: (ctx: Context) => Reason;
  /** Only set on `all` nodes, so that the top level can be shown condition by condition. */
  parts?: readonly Node[];
};

const STATUS_TEXT: readonly ReasonStatus[] = ['false', 'true', 'unknown'];

export function reasonStatus(value: Tri): ReasonStatus {
  return STATUS_TEXT[value]!;
}
