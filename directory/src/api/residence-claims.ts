// Residence claims that contradict each other: an anonymous profile may say "Rennes" and "the
// Finistère" at once, and matching it would answer nonsense. The most precise claim (commune, then
// EPCI, then département) is the reference; each broader one must contain it. Claims that
// mon-compte releases are derived from the commune and always agree.
import {
  findCommune,
  findDepartement,
  findEpci,
  findFormerCommune,
  findRegion,
  type FormerCommune,
} from '../../../territory/territory.ts';
import { deName, epciName, joinAnd, typographic } from '../eligibility/french.ts';

type ResidenceClaims = { bzh_commune?: string; bzh_epci?: string; bzh_departement?: string; bzh_region?: string };
export type Contradiction = { claims: string[]; against: string; title: string; detail: string };

const named = (name: string | undefined, code: string) => (name ? `${typographic(name)} (${code})` : code);
const epciLabel = (siren: string) => {
  const name = findEpci(siren)?.name;
  return named(name ? epciName(name) : undefined, siren);
};
const departementLabel = (code: string) => `le département ${named(findDepartement(code)?.name, code)}`;
const regionLabel = (code: string) => `la région ${named(findRegion(code)?.name, code)}`;

const KINDS: Record<FormerCommune['kind'], string> = {
  'commune-deleguee': 'commune déléguée',
  'commune-associee': 'commune associée',
  'arrondissement-municipal': 'arrondissement municipal',
};

/** « Le code INSEE 22007 est celui de Binic, commune déléguée de Binic-Étables-sur-Mer » */
export function formerCommuneText(former: FormerCommune): string {
  return `Le code INSEE ${former.code} est celui de ${former.name}, ${KINDS[former.kind]} ${deName(former.commune.name)}`;
}

/**
 * The claims with a commune déléguée, associée or arrondissement replaced by the current commune
 * its residents live in (the aids of Binic-Étables-sur-Mer are those of Binic's residents), and a
 * note that says so; a code that names no current commune would match nothing.
 */
export function withCurrentCommune<T extends ResidenceClaims>(claims: T): { claims: T; note?: string } {
  const former = claims.bzh_commune === undefined ? undefined : findFormerCommune(claims.bzh_commune);
  if (!former) return { claims };
  const { commune } = former;
  return {
    claims: { ...claims, bzh_commune: commune.code },
    note: `${formerCommuneText(former)} : les réponses valent pour ${commune.name} (${commune.code}).`,
  };
}

function againstCommune(claims: ResidenceClaims, code: string): [string, string][] {
  const commune = findCommune(code) ?? findFormerCommune(code)?.commune;
  if (!commune) return [];
  const self = named(commune.name, commune.code);
  const found: [string, string][] = [];
  if (claims.bzh_epci !== undefined && claims.bzh_epci !== commune.epci) {
    found.push([
      'bzh_epci',
      commune.epci
        ? `${self} appartient à ${epciLabel(commune.epci)}, pas à ${epciLabel(claims.bzh_epci)}.`
        : `${self} n’appartient à aucune intercommunalité, pas à ${epciLabel(claims.bzh_epci)}.`,
    ]);
  }
  if (claims.bzh_departement !== undefined && claims.bzh_departement !== commune.departement) {
    found.push([
      'bzh_departement',
      `${self} est dans ${departementLabel(commune.departement)}, pas dans ${departementLabel(claims.bzh_departement)}.`,
    ]);
  }
  if (claims.bzh_region !== undefined && claims.bzh_region !== commune.region) {
    found.push([
      'bzh_region',
      `${self} est dans ${regionLabel(commune.region)}, pas dans ${regionLabel(claims.bzh_region)}.`,
    ]);
  }
  return found;
}

function againstEpci(claims: ResidenceClaims, siren: string): [string, string][] {
  const epci = findEpci(siren);
  if (!epci) return [];
  const members = epci.communes.flatMap((code) => findCommune(code) ?? []);
  const found: [string, string][] = [];
  const { bzh_departement: departement, bzh_region: region } = claims;
  if (departement !== undefined && !members.some((c) => c.departement === departement)) {
    found.push([
      'bzh_departement',
      `${epciLabel(siren)} ne compte aucune commune dans ${departementLabel(departement)}.`,
    ]);
  }
  if (region !== undefined && !members.some((c) => c.region === region)) {
    found.push(['bzh_region', `${epciLabel(siren)} ne compte aucune commune dans ${regionLabel(region)}.`]);
  }
  return found;
}

function againstDepartement(claims: ResidenceClaims, code: string): [string, string][] {
  const departement = findDepartement(code);
  if (!departement || claims.bzh_region === undefined || claims.bzh_region === departement.region) return [];
  return [
    [
      'bzh_region',
      `${capitalise(departementLabel(code))} fait partie de ${regionLabel(departement.region)}, pas de ${regionLabel(claims.bzh_region)}.`,
    ],
  ];
}

const ADVICE = 'Envoyez seulement bzh_commune : l’intercommunalité, le département et la région en sont déduits.';
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const quoted = (claim: string) => `« ${claim} »`;

export function residenceContradiction(claims: ResidenceClaims): Contradiction | undefined {
  const [against, found] =
    claims.bzh_commune !== undefined
      ? ['bzh_commune', againstCommune(claims, claims.bzh_commune)]
      : claims.bzh_epci !== undefined
        ? ['bzh_epci', againstEpci(claims, claims.bzh_epci)]
        : claims.bzh_departement !== undefined
          ? ['bzh_departement', againstDepartement(claims, claims.bzh_departement)]
          : ['', []];
  if (!found.length) return undefined;
  const names = found.map(([claim]) => claim);
  const verb = names.length > 1 ? 'ne correspondent pas' : 'ne correspond pas';
  return {
    claims: names,
    against,
    title: `Résidence contradictoire : ${joinAnd(names.map(quoted))} ${verb} à ${quoted(against)}`,
    detail: `${found.map(([, text]) => text).join(' ')} ${ADVICE}`,
  };
}
