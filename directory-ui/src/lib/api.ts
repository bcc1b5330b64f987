// The JSON API of mes-services, as the pages call it once JavaScript runs.
import type { CommuneOption, Match, SearchResults } from './page-data.ts';
import type { Claims } from '../../../directory/src/catalogue/model.ts';

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { title?: string };
    throw new Error(problem.title ?? 'Le service ne répond pas. Réessayez dans un instant.');
  }
  return (await response.json()) as T;
}

export async function findCommunes(query: string): Promise<CommuneOption[]> {
  const response = await fetch(`/api/communes?${new URLSearchParams({ q: query })}`);
  return (await json<{ communes: CommuneOption[] }>(response)).communes;
}

export async function searchServices(query: string): Promise<SearchResults> {
  return json<SearchResults>(await fetch(`/api/services${query ? `?${query}` : ''}`));
}

export async function matchProfile(claims: Claims): Promise<Match[]> {
  const response = await fetch('/api/matches', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(claims),
  });
  return (await json<{ matches: Match[] }>(response)).matches;
}
