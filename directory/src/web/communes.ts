// Communes as the pages show and choose them: by name or postal code, from the official list.
import {
  communesByPostalCode,
  findCommune,
  isNamed,
  normaliseForSearch,
  searchCommunes,
} from '../../../territory/territory.ts';
import type { CommuneOption } from '../../../directory-ui/src/lib/page-data.ts';
import { communeSuggestion as communeOption } from '../api/communes.ts';

export function findCommuneOption(code: string): CommuneOption | undefined {
  const commune = code ? findCommune(code) : undefined;
  return commune ? communeOption(commune) : undefined;
}

export type PlaceAnswer = { commune: CommuneOption } | { choices: CommuneOption[] };

/**
 * What a place typed in a text field names: one commune, or the candidates to choose from
 * (none when nothing matches). Reads "Rennes", "35000", "Rennes (35000)", "St Malo" and "Roazhon".
 */
export function resolvePlace(text: string): PlaceAnswer {
  const typed = text.trim();
  const labelled = /^(.*?)\s*\((\d{5})\)$/.exec(typed);
  if (labelled) {
    const name = normaliseForSearch(labelled[1]!);
    const inCode = communesByPostalCode(labelled[2]!).filter((c) => normaliseForSearch(c.name) === name);
    if (inCode.length === 1) return { commune: communeOption(inCode[0]!) };
  }
  if (/^\d{5}$/.test(typed)) {
    const byCode = communesByPostalCode(typed);
    if (byCode.length === 1) return { commune: communeOption(byCode[0]!) };
    if (byCode.length > 1) return { choices: byCode.map(communeOption) };
    const byInsee = findCommune(typed);
    return byInsee ? { commune: communeOption(byInsee) } : { choices: [] };
  }
  const name = labelled ? labelled[1]! : typed;
  const found = searchCommunes(name, { limit: 10 });
  // "Quimper", "St Malo", "Kemper": one commune by that name, however written.
  const exact = found.filter((c) => isNamed(c, name));
  if (exact.length === 1) return { commune: communeOption(exact[0]!) };
  if (found.length === 1) return { commune: communeOption(found[0]!) };
  return { choices: (exact.length > 1 ? exact : found).map(communeOption) };
}
