// Sorting a match list into the three answers, and picking out the lines worth showing first.
import type { Match, Reason, ReasonStatus } from './page-data.ts';
import { isShareable } from './labels.ts';

export type Grouped = { eligible: Match[]; unknown: Match[]; ineligible: Match[] };

const byTitle = (a: Match, b: Match) => a.service.title.localeCompare(b.service.title, 'fr');

export function groupMatches(matches: readonly Match[]): Grouped {
  const grouped: Grouped = { eligible: [], unknown: [], ineligible: [] };
  for (const match of matches) grouped[match.status].push(match);
  grouped.eligible.sort(byTitle);
  grouped.unknown.sort(byTitle);
  grouped.ineligible.sort(byTitle);
  return grouped;
}

/** The innermost lines with this status: what is not met, or what remains to check. */
export function leaves(reasons: readonly Reason[], status: ReasonStatus): string[] {
  const out: string[] = [];
  const walk = (list: readonly Reason[]) => {
    for (const reason of list) {
      if (reason.status !== status) continue;
      if (reason.children?.length) walk(reason.children);
      else out.push(reason.text);
    }
  };
  walk(reasons);
  return out;
}

/** The families of attributes that would decide it, in the order they are missing. */
export function scopesToShare(match: Match): string[] {
  return [...new Set(match.missing.map((m) => m.scope))].filter(isShareable);
}

export function loginHref(scope: string | undefined, returnTo: string): string {
  const query = new URLSearchParams();
  if (scope) query.set('scope', scope);
  query.set('return', returnTo);
  return `/auth/login?${query}`;
}
