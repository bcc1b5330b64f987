// Where the citizen lives: the `residence` condition (one of the listed territories: communes,
// EPCI, départements, régions, postal codes) and the service's zone, which is the same test.
import type { Condition, Service } from '../catalogue/model.ts';
import { findCommune, findDepartement, findEpci, findRegion } from '../../../territory/territory.ts';
import type { Context } from './context.ts';
import {
  capitalise,
  deName,
  departementWithArticle,
  departementWithDe,
  epciName,
  joinOr,
  typographic,
  withArticle,
} from './french.ts';
import { FALSE, TRUE, UNKNOWN, reasonStatus, type Node, type Reason, type Tri } from './types.ts';

export type ResidenceCondition = Extract<Condition, { type: 'residence' }>;

/** The zone as a residence condition; undefined when the zone restricts nothing. */
export function zoneCondition(service: Service): ResidenceCondition | undefined {
  const { zone, authority } = service;
  switch (zone.type) {
    case 'france':
      return undefined;
    case 'communes':
      return { type: 'residence', communes: zone.codes };
    case 'epcis':
      return { type: 'residence', epcis: zone.codes };
    case 'departements':
      return { type: 'residence', departements: zone.codes };
    case 'regions':
      return { type: 'residence', regions: zone.codes };
    case 'authority':
      switch (authority.level) {
        case 'commune':
          return { type: 'residence', communes: [authority.code] };
        case 'epci':
          return { type: 'residence', epcis: [authority.code] };
        case 'departement':
          return { type: 'residence', departements: [authority.code] };
        case 'region':
          return { type: 'residence', regions: [authority.code] };
        case 'national':
        case 'autre':
          return undefined;
      }
  }
}

// Whether the value is simply not shared (and sharing the commune would settle it), or shared and
// still undecidable (a commune with several postal codes, an unknown commune code).
const NOT_SHARED = 3;
type Check = (ctx: Context) => Tri | typeof NOT_SHARED;

// Most zones name one territory: a string comparison then touches far less memory than a Set,
// which shows on catalogues of thousands of services.
function membership(codes: readonly string[]): (value: string) => boolean {
  if (codes.length === 1) {
    const only = codes[0];
    return (value) => value === only;
  }
  if (codes.length <= 8) {
    const few = [...codes];
    return (value) => few.includes(value);
  }
  const set = new Set(codes);
  return (value) => set.has(value);
}

function inList(codes: readonly string[], read: (ctx: Context) => string | null | undefined): Check {
  const has = membership(codes);
  return (ctx) => {
    const value = read(ctx);
    if (value === undefined) return ctx.commune === undefined ? NOT_SHARED : UNKNOWN;
    return value !== null && has(value) ? TRUE : FALSE;
  };
}

function inPostalCodes(codes: readonly string[]): Check {
  const set = new Set(codes);
  return (ctx) => {
    const own = ctx.postalCodes;
    if (own === undefined || own.length === 0) return ctx.commune === undefined ? NOT_SHARED : UNKNOWN;
    let inside = 0;
    for (const code of own) if (set.has(code)) inside++;
    return inside === own.length ? TRUE : inside === 0 ? FALSE : UNKNOWN;
  };
}

const LONGEST_LIST = 6;

function placesWithDe(condition: ResidenceCondition): string {
  const places = [
    ...(condition.communes ?? []).map((code) => {
      const name = findCommune(code)?.name;
      return name ? deName(name) : `de la commune ${code}`;
    }),
    ...(condition.epcis ?? []).map((code) => {
      const name = findEpci(code)?.name;
      return name ? deName(name) : `de l’intercommunalité ${code}`;
    }),
    ...(condition.departements ?? []).map((code) => departementWithDe(code, findDepartement(code)?.name)),
    ...(condition.regions ?? []).map((code) => `de la région ${findRegion(code)?.name ?? code}`),
  ];
  const postal = condition.postalCodes ?? [];
  if (postal.length === 1) places.push(`du code postal ${postal[0]}`);
  if (postal.length > 1) {
    const shown = postal.length > LONGEST_LIST ? [...postal.slice(0, LONGEST_LIST - 1), '…'] : postal;
    places.push(`des codes postaux ${shown.join(', ')}`);
  }
  if (places.length > LONGEST_LIST) {
    const rest = places.length - (LONGEST_LIST - 1);
    return joinOr([...places.slice(0, LONGEST_LIST - 1), `de l’un des ${rest} autres territoires de la liste`]);
  }
  return joinOr(places);
}

function whereYouLive(ctx: Context): string {
  const epci = ctx.epci ? findEpci(ctx.epci)?.name : undefined;
  const epciShown = epci ? epciName(epci) : undefined;
  if (ctx.commune !== undefined) {
    const commune = ctx.communeName ? typographic(ctx.communeName) : `la commune ${ctx.commune}`;
    return `Vous habitez ${commune}${epciShown ? ` (${epciShown})` : ''}`;
  }
  // « Vous habitez la Communauté d’agglomération … », but « Vous habitez Rennes Métropole ».
  if (ctx.epci) return `Vous habitez ${epciShown ? withArticle(epciShown) : `l’intercommunalité ${ctx.epci}`}`;
  if (ctx.departement)
    return `Vous habitez ${departementWithArticle(ctx.departement, findDepartement(ctx.departement)?.name)}`;
  return `Vous habitez la région ${findRegion(ctx.region ?? '')?.name ?? ctx.region}`;
}

/** `negated`: "not one of these territories", explained as such rather than as a double negation. */
export function compileResidence(condition: ResidenceCondition, negated = false): Node {
  const checks: Check[] = [];
  if (condition.communes?.length) checks.push(inList(condition.communes, (ctx) => ctx.commune));
  if (condition.epcis?.length) checks.push(inList(condition.epcis, (ctx) => ctx.epci));
  if (condition.departements?.length) checks.push(inList(condition.departements, (ctx) => ctx.departement));
  if (condition.regions?.length) checks.push(inList(condition.regions, (ctx) => ctx.region));
  if (condition.postalCodes?.length) checks.push(inPostalCodes(condition.postalCodes));

  // One of the territories: true as soon as one says so. An empty list admits nobody.
  const inside = (ctx: Context): Tri => {
    let result: Tri = FALSE;
    for (const check of checks) {
      const value = check(ctx);
      if (value === TRUE) return TRUE;
      if (value !== FALSE) result = UNKNOWN;
    }
    return result;
  };
  const test: (ctx: Context) => Tri = negated
    ? (ctx) => {
        const value = inside(ctx);
        return value === UNKNOWN ? UNKNOWN : value === TRUE ? FALSE : TRUE;
      }
    : inside;

  let places: string | undefined;
  const requirement = () => {
    places ??= placesWithDe(condition);
    return negated
      ? `le service n’est pas ouvert aux habitants ${places}`
      : `le service est réservé aux habitants ${places}`;
  };
  return {
    test,
    collectMissing: (ctx, out) => {
      if (checks.some((check) => check(ctx) === NOT_SHARED)) out.add('bzh_commune');
    },
    explain: (ctx): Reason => {
      const status = test(ctx);
      if (status !== UNKNOWN) return { status: reasonStatus(status), text: `${whereYouLive(ctx)} : ${requirement()}.` };
      const why =
        ctx.commune === undefined
          ? 'votre commune n’est pas partagée'
          : ctx.postalCodes === undefined
            ? `la commune ${ctx.commune} n’est pas connue`
            : `${typographic(ctx.communeName ?? '')} a plusieurs codes postaux, dont certains seulement sont concernés`;
      return { status: 'unknown', text: `${capitalise(requirement())} : ${why}.` };
    },
  };
}
