// How people write place names, and how they are compared: accents, case and punctuation aside,
// "St"/"Ste" spelt out, and the Breton names of communes, départements and the région read as their
// French names (breton-names.ts).
import type { Commune } from './territory.ts';
import { BRETON_COMMUNE_NAMES, BRETON_DEPARTEMENT_NAMES, BRETON_REGION_NAME } from './breton-names.ts';

export function normaliseForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// People type "St Malo" and "Ste Anne" as often as the official "Saint-Malo" and "Sainte-Anne".
export function expandAbbreviations(normalised: string): string {
  return normalised
    .split(' ')
    .map((word) => (word === 'st' ? 'saint' : word === 'ste' ? 'sainte' : word))
    .join(' ');
}

/**
 * A normalised text (normaliseForSearch) with the Breton names of places replaced by their French
 * names ("kemper" → "quimper", "penn ar bed" → "finistere") and "st"/"ste" spelt out: what the
 * catalogue's own words are matched against.
 */
export function frenchPlaceNames(normalised: string): string {
  let text = expandAbbreviations(normalised);
  for (const [breton, french] of frenchOfBreton()) text = text.replace(breton, french);
  return text;
}

let frenchOfBretonNames: [RegExp, string][] | undefined;
// Breton name → French name, both normalised, longest first ("sant malou" before a shorter name).
function frenchOfBreton(): [RegExp, string][] {
  frenchOfBretonNames ??= [
    ...Object.values(BRETON_COMMUNE_NAMES),
    ...Object.values(BRETON_DEPARTEMENT_NAMES),
    BRETON_REGION_NAME,
  ]
    .map(([french, breton]) => [normaliseForSearch(breton), normaliseForSearch(french)] as const)
    .sort((a, b) => b[0].length - a[0].length)
    .map(([breton, french]) => [new RegExp(`(^| )${breton}(?= |$)`, 'g'), `$1${french}`]);
  return frenchOfBretonNames;
}

/** Whether the text is the commune's name: official, abbreviated ("St Malo") or Breton ("Kemper"). */
export function isNamed(commune: Commune, text: string): boolean {
  const typed = expandAbbreviations(normaliseForSearch(text));
  const breton = BRETON_COMMUNE_NAMES[commune.code]?.[1];
  return (
    typed === expandAbbreviations(normaliseForSearch(commune.name)) ||
    (breton !== undefined && typed === normaliseForSearch(breton))
  );
}
