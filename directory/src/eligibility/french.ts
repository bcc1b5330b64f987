// Small pieces of French for the explanations: numbers, "de" before a name, lists joined by "ou",
// and the words for activities and years of study. Only called when an explanation is asked for.
import type { Comparison } from '../catalogue/model.ts';

const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatNumber(count)} ${Math.abs(count) >= 2 ? pluralForm : singular}`;
}

/** "25 ans ou moins", "moins de 21 ans", "plus de 3 personnes"… */
export function bound(operator: Comparison, quantity: string): string {
  switch (operator) {
    case '<=':
      return `${quantity} ou moins`;
    case '<':
      return `moins ${de(quantity)}`;
    case '>=':
      return `${quantity} ou plus`;
    case '>':
      return `plus ${de(quantity)}`;
    case '==':
      return quantity;
  }
}

export function capitalise(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

const VOWEL = /^[aeiouyàâéèêëîïôöûüœAEIOUYÀÂÉÈÊËÎÏÔÖÛÜŒ]/;
// The end of a word: JavaScript's \b knows ASCII letters only, so "Communauté\b" never matched.
const END = String.raw`(?=[\s'’-]|$)`;
// Names of bodies that take an article: "de la CAF", "du Département", "de l’État"…
const FEMININE = new RegExp(
  `^(CAF|Caisse|Région|Mutualité|MSA|Ville|Commune|Communauté|Métropole|Mairie|Mission locale|Maison|Préfecture|Direction|Chambre)${END}`,
);
const MASCULINE = new RegExp(
  `^(Département|Conseil|CCAS|CIAS|Centre|Ministère|Pôle|Syndicat|Service|SIVU|SIVOM|Point|Fonds)${END}`,
);
const ELIDED = new RegExp(
  `^(État|Éducation|Assurance|Union|Agence|Office|Institut|Université|Académie|Association|École|Établissement|Urssaf|URSSAF)${END}`,
);

/** "de 3 personnes", "d’une personne", "d’un enfant": « de » before a quantity or a word. */
export function de(words: string): string {
  return VOWEL.test(words) || /^un(e)?\b/.test(words) ? `d’${words}` : `de ${words}`;
}

/** "une personne", "2 personnes": one is written out, as French prose does. */
export function persons(count: number): string {
  return count === 1 ? 'une personne' : plural(count, 'personne');
}

// The official short forms of the names of intercommunalités (COG: "CC Auray Quiberon Terre
// Atlantique", "CA Lorient Agglomération"), spelled out in sentences.
const EPCI_ABBREVIATIONS: [RegExp, string][] = [
  [/^CC /, 'Communauté de communes '],
  [/^CA /, 'Communauté d’agglomération '],
  [/^CU /, 'Communauté urbaine '],
];

/**
 * "Communauté de communes Auray Quiberon Terre Atlantique" for "CC Auray Quiberon Terre Atlantique",
 * "Communauté de communes du Pays d’Iroise" for "CC du Pays d'Iroise": the COG and the sources write
 * the typewriter apostrophe, the rest of our French the typographic one, and a sentence must not mix them.
 */
export function epciName(name: string): string {
  const shown = typographic(name);
  for (const [pattern, full] of EPCI_ABBREVIATIONS) if (pattern.test(shown)) return shown.replace(pattern, full);
  return shown;
}

/** "Côtes-d’Armor" for the COG's "Côtes-d'Armor": one apostrophe in our sentences. */
export function typographic(name: string): string {
  return name.replace(/'/g, '’');
}

/**
 * "de Le"/"de Les" inside a name, as sources write them ("Ville de Le Relecq-Kerhuon"), contracted
 * as French says them: "Ville du Relecq-Kerhuon", "Mairie des Iffs". "de La", "de L’" stay.
 */
export function contractArticles(name: string): string {
  return name.replace(/\b([Dd])e Le (?=\p{Lu})/gu, '$1u ').replace(/\b([Dd])e Les (?=\p{Lu})/gu, '$1es ');
}

// A body named with its article, as in "à vérifier auprès de le centre de PMI": the article contracts.
const LOWER_ARTICLE: [RegExp, string][] = [
  [/^le /, 'du '],
  [/^les /, 'des '],
  [/^la /, 'de la '],
  [/^l['’]/, 'de l’'],
];

/**
 * The name as a sentence says it, with the article it takes: "la Communauté d’agglomération Golfe
 * du Morbihan - Vannes Agglomération" (« Vous habitez la Communauté … »), "le Département du
 * Finistère", "l’État" (for "L’État"), "le centre de PMI"; a name that takes none stays as it is:
 * "Rennes Métropole", "Le Relecq-Kerhuon", "L’Hermitage".
 */
export function withArticle(raw: string): string {
  const name = contractArticles(epciName(raw));
  if (/^(le|la|les) |^l’/.test(name)) return name;
  // "L’État français" reads "l’État"; a commune keeps its article: "L’Hermitage".
  if (/^L’/.test(name) && ELIDED.test(name.slice(2))) return `l’${name.slice(2)}`;
  if (FEMININE.test(name)) return `la ${name}`;
  if (MASCULINE.test(name)) return `le ${name}`;
  if (ELIDED.test(name)) return `l’${name}`;
  return name;
}

/**
 * "de Brest", "du Relecq-Kerhuon", "des Iffs", "de La Roche-Bernard", "d’Auray", "de la CAF du
 * Morbihan", "de la Communauté de communes du Val d’Ille", "de l’État", "du centre de PMI" (for
 * "le centre de PMI"), "de la Ville du Relecq-Kerhuon" (for "Ville de Le Relecq-Kerhuon").
 */
export function deName(raw: string): string {
  const name = withArticle(raw);
  for (const [article, contracted] of LOWER_ARTICLE) {
    if (article.test(name)) return name.replace(article, contracted);
  }
  if (name.startsWith('Le ')) return `du ${name.slice(3)}`;
  if (name.startsWith('Les ')) return `des ${name.slice(4)}`;
  if (VOWEL.test(name)) return `d’${name}`;
  return `de ${name}`;
}

/** "a", "a ou b", "a, b ou c". */
export function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ou ${items[items.length - 1]}`;
}

/** "a", "a et b", "a, b et c". */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

// The four Breton départements read naturally; elsewhere the code keeps the name unambiguous.
const DEPARTEMENT_WITH_DE: Record<string, string> = {
  '22': 'des Côtes-d’Armor',
  '29': 'du Finistère',
  '35': 'd’Ille-et-Vilaine',
  '56': 'du Morbihan',
};
const DEPARTEMENT_WITH_ARTICLE: Record<string, string> = {
  '22': 'les Côtes-d’Armor',
  '29': 'le Finistère',
  '35': 'l’Ille-et-Vilaine',
  '56': 'le Morbihan',
};

/**
 * The name of a département's council as a body: "Département d’Ille-et-Vilaine", "Département
 * des Côtes-d’Armor", whatever the source wrote ("Département Ille-et-Vilaine"); undefined outside
 * Brittany, where the source's own name is kept.
 */
export function departementBodyName(code: string): string | undefined {
  const withDe = DEPARTEMENT_WITH_DE[code];
  return withDe ? `Département ${withDe}` : undefined;
}

export function departementWithDe(code: string, name: string | undefined): string {
  return DEPARTEMENT_WITH_DE[code] ?? `du département ${name ? `${typographic(name)} (${code})` : code}`;
}

export function departementWithArticle(code: string, name: string | undefined): string {
  return DEPARTEMENT_WITH_ARTICLE[code] ?? `le département ${name ? `${typographic(name)} (${code})` : code}`;
}

/** What someone "is", for each value of `bzh_activity`: « Vous êtes … », « il faut être … ». */
export const ACTIVITY_WORDS: Record<string, string> = {
  etudiant: 'étudiant ou étudiante',
  lyceen: 'lycéen ou lycéenne',
  apprenti: 'en apprentissage',
  salarie: 'salarié ou salariée',
  independant: 'travailleur indépendant ou travailleuse indépendante',
  demandeur_emploi: 'demandeur ou demandeuse d’emploi',
  retraite: 'à la retraite',
  inactif: 'sans activité professionnelle',
};

export function activityWords(value: string): string {
  return ACTIVITY_WORDS[value] ?? `dans la situation « ${value} »`;
}

const ORDINAL = (n: string) => (n === '1' ? '1re' : `${n}e`);

const STUDY_WORDS: Record<string, string> = {
  seconde: 'en seconde',
  premiere: 'en première',
  terminale: 'en terminale',
  cpge_1: 'en 1re année de classe préparatoire',
  autre: 'dans une autre année d’études',
};
const STUDY_PATTERN = /^(cap|bts|but|cpge|licence|master|doctorat)_(\d)$/;
const DIPLOMA: Record<string, string> = {
  cap: 'CAP',
  bts: 'BTS',
  but: 'BUT',
  cpge: 'classe préparatoire',
  licence: 'licence',
  master: 'master',
  doctorat: 'doctorat',
};

/** "en 2e année de licence", for each `bzh_study_level` value. */
export function studyWords(value: string): string {
  const known = STUDY_WORDS[value];
  if (known) return known;
  const match = STUDY_PATTERN.exec(value);
  if (match) return `en ${ORDINAL(match[2]!)} année de ${DIPLOMA[match[1]!]}`;
  return `en « ${value} »`;
}
