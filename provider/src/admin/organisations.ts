// Brittany's public bodies from the official geography (COG), identified by SIREN: the Région,
// the four départements, the EPCI with a Breton member, and the 1,202 communes.
import type { Organisation, OrganisationsRepo } from '../../../db/repos/organisations-repo.ts';
import { bretonCommunes, bretonEpcis, findDepartement } from '../../../territory/territory.ts';

// The COG files carry no SIREN for départements and régions: these are the councils' own.
const COUNCILS: readonly Organisation[] = [
  { siren: '233500016', name: 'Région Bretagne', level: 'region', code: '53' },
  { siren: '222200016', name: 'Département des Côtes-d’Armor', level: 'departement', code: '22' },
  { siren: '222900011', name: 'Département du Finistère', level: 'departement', code: '29' },
  { siren: '223500018', name: 'Département d’Ille-et-Vilaine', level: 'departement', code: '35' },
  { siren: '225600014', name: 'Département du Morbihan', level: 'departement', code: '56' },
];

export function officialOrganisations(): Organisation[] {
  const epcis = bretonEpcis().map((e): Organisation => ({
    siren: e.siren,
    name: e.name,
    level: 'epci',
    code: e.siren,
  }));
  const communes = bretonCommunes()
    .filter((c) => c.siren)
    .map((c): Organisation => ({
      siren: c.siren!,
      name: `Commune de ${c.name}`,
      level: 'commune',
      code: c.code,
    }));
  return [...COUNCILS, ...epcis, ...communes];
}

/** Loads the official list when the table is empty (first start). */
export async function seedOrganisations(repo: OrganisationsRepo): Promise<number> {
  if ((await repo.count()) > 0) return 0;
  const all = officialOrganisations();
  await repo.upsertMany(all);
  return all.length;
}

export function departementName(code: string): string | undefined {
  return findDepartement(code)?.name;
}
