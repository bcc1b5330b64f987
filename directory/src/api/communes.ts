// Communes for the pickers of the pages (GET /api/communes?q=): by name or postal code, the
// best first, each with its postal codes and the name of its département.
import { findDepartement, searchCommunes, type Commune } from '../../../territory/territory.ts';

export type CommuneSuggestion = { code: string; name: string; postalCodes: string[]; departement: string };

export function communeSuggestion(commune: Commune): CommuneSuggestion {
  return {
    code: commune.code,
    name: commune.name,
    postalCodes: commune.postalCodes,
    departement: findDepartement(commune.departement)?.name ?? commune.departement,
  };
}

export function suggestCommunes(query: string, limit = 8): CommuneSuggestion[] {
  return searchCommunes(query, { limit }).map(communeSuggestion);
}
