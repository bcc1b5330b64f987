// Who a collectivity is, from the official geography (COG, territory/), by its SIREN: the same
// organisations mon-compte knows (provider/src/admin/organisations.ts), named the same way. A
// service's authority is taken from here, never from what an administrator typed: otherwise a
// commune could publish "Proposé par Région Bretagne".
import { bretonCommunes, bretonEpcis } from '../../../territory/territory.ts';
import type { Authority } from '../catalogue/model.ts';

// The COG files carry no SIREN for départements and régions: these are the councils' own.
const COUNCILS: readonly Authority[] = [
  { name: 'Région Bretagne', level: 'region', code: '53', siren: '233500016' },
  { name: 'Département des Côtes-d’Armor', level: 'departement', code: '22', siren: '222200016' },
  { name: 'Département du Finistère', level: 'departement', code: '29', siren: '222900011' },
  { name: 'Département d’Ille-et-Vilaine', level: 'departement', code: '35', siren: '223500018' },
  { name: 'Département du Morbihan', level: 'departement', code: '56', siren: '225600014' },
];

let bySiren: Map<string, Authority> | undefined;

function index(): Map<string, Authority> {
  const all: Authority[] = [
    ...COUNCILS,
    ...bretonEpcis().map((e): Authority => ({ name: e.name, level: 'epci', code: e.siren, siren: e.siren })),
    ...bretonCommunes()
      .filter((c) => c.siren)
      .map((c): Authority => ({ name: `Commune de ${c.name}`, level: 'commune', code: c.code, siren: c.siren! })),
  ];
  return new Map(all.map((a) => [a.siren!, a]));
}

/** The collectivity with this SIREN, as the official geography names it; undefined if none. */
export function officialAuthority(siren: string): Authority | undefined {
  bySiren ??= index();
  const found = bySiren.get(siren);
  return found && { ...found };
}
