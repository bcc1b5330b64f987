// What mes-services received from mon-compte about a citizen, in French, one line per claim.
import { findDepartement, findEpci, findRegion } from '../../../territory/territory.ts';
import { previewJson } from '../api/preview.ts';
import { activityWords, capitalise, epciName, formatNumber, studyWords } from '../eligibility/french.ts';

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

type Fact = { label: string; value: string };
type Describe = (value: unknown, claims: Record<string, unknown>) => Fact | undefined;

// Not JSON.stringify: it recurses through the whole value and prints 1e400 as null (preview.ts).
const text = (value: unknown) => (typeof value === 'string' ? value : previewJson(value));

// In the order a person would read them; bzh_commune_name goes with bzh_commune.
const CLAIMS: [string, Describe][] = [
  [
    'birthdate',
    (v) => ({
      label: 'Date de naissance',
      value: /^\d{4}-\d{2}-\d{2}$/.test(text(v)) ? dateFormat.format(new Date(`${text(v)}T00:00:00Z`)) : text(v),
    }),
  ],
  [
    'bzh_commune',
    (v, claims) => ({
      label: 'Commune de résidence',
      value: `${claims.bzh_commune_name ? `${text(claims.bzh_commune_name)} ` : ''}(code INSEE ${text(v)})`,
    }),
  ],
  [
    'bzh_epci',
    (v) => {
      const name = findEpci(text(v))?.name;
      return { label: 'Intercommunalité', value: name ? epciName(name) : text(v) };
    },
  ],
  ['bzh_departement', (v) => ({ label: 'Département', value: findDepartement(text(v))?.name ?? text(v) })],
  ['bzh_region', (v) => ({ label: 'Région', value: findRegion(text(v))?.name ?? text(v) })],
  ['bzh_household_size', (v) => ({ label: 'Nombre de personnes du foyer', value: text(v) })],
  [
    'bzh_children_birthyears',
    (v) => ({
      label: 'Années de naissance des enfants',
      value: Array.isArray(v) && v.length ? v.join(', ') : 'Aucun enfant déclaré',
    }),
  ],
  [
    'bzh_quotient_familial',
    (v) => ({
      label: 'Quotient familial CAF',
      value: typeof v === 'number' ? `${formatNumber(v)} € par mois` : text(v),
    }),
  ],
  ['bzh_activity', (v) => ({ label: 'Situation', value: capitalise(activityWords(text(v))) })],
  ['bzh_study_level', (v) => ({ label: 'Niveau d’études', value: capitalise(studyWords(text(v))) })],
  ['bzh_boursier', (v) => ({ label: 'Boursier ou boursière', value: v === true ? 'Oui' : 'Non' })],
  [
    'bzh_disability_rate',
    (v) => ({
      label: 'Taux d’incapacité reconnu',
      value: typeof v === 'number' ? `${formatNumber(v)} %` : text(v),
    }),
  ],
  ['sub', (v) => ({ label: 'Identifiant (un pseudonyme propre à mes-services)', value: text(v) })],
];
const KNOWN = new Set([...CLAIMS.map(([claim]) => claim), 'bzh_commune_name']);

export function describeClaims(claims: Record<string, unknown>): Fact[] {
  const facts: Fact[] = [];
  for (const [claim, describe] of CLAIMS) {
    if (claims[claim] === undefined || claims[claim] === null) continue;
    const fact = describe(claims[claim], claims);
    if (fact) facts.push(fact);
  }
  // A claim added to mon-compte later still shows, under its technical name.
  for (const [claim, value] of Object.entries(claims)) {
    if (!KNOWN.has(claim) && value !== undefined && value !== null) facts.push({ label: claim, value: text(value) });
  }
  return facts;
}
