// Brittany's public bodies from the official geography (COG), identified by SIREN: the Région,
// the four départements, the EPCI with a Breton member, and the 1,202 communes. mon-compte
// seeds its organisations with them, and mes-services names a service's authority from them.
import { bretonCommunes, bretonEpcis } from './territory.ts';

export type OfficialOrganisation = {
  siren: string;
  name: string;
  level: 'region' | 'departement' | 'epci' | 'commune';
  code: string;
};

// The COG files carry no SIREN for départements and régions: these are the councils' own.
const COUNCILS: readonly OfficialOrganisation[] = [
  { siren: '233500016', name: 'Région Bretagne', level: 'region', code: '53' },
  { siren: '222200016', name: 'Département des Côtes-d’Armor', level: 'departement', code: '22' },
  { siren: '222900011', name: 'Département du Finistère', level: 'departement', code: '29' },
  { siren: '223500018', name: 'Département d’Ille-et-Vilaine', level: 'departement', code: '35' },
  { siren: '225600014', name: 'Département du Morbihan', level: 'departement', code: '56' },
];

export function officialOrganisations(): OfficialOrganisation[] {
  const epcis = bretonEpcis().map((e): OfficialOrganisation => ({
    siren: e.siren,
    name: e.name,
    level: 'epci',
    code: e.siren,
  }));
  const communes = bretonCommunes()
    .filter((c) => c.siren)
    .map((c): OfficialOrganisation => ({
      siren: c.siren!,
      name: `Commune de ${c.name}`,
      level: 'commune',
      code: c.code,
    }));
  return [...COUNCILS, ...epcis, ...communes];
}
