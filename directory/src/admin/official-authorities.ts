// Who a collectivity is, from the official geography (territory/organisations.ts), by its SIREN:
// the same organisations mon-compte knows, named the same way. A
// service's authority is taken from here, never from what an administrator typed: otherwise a
// commune could publish "Proposé par Région Bretagne".
import { officialOrganisations } from '../../../territory/organisations.ts';
import type { Authority } from '../catalogue/model.ts';

let bySiren: Map<string, Authority> | undefined;

function index(): Map<string, Authority> {
  return new Map(
    officialOrganisations().map((o) => [o.siren, { name: o.name, level: o.level, code: o.code, siren: o.siren }]),
  );
}

/** The collectivity with this SIREN, as the official geography names it; undefined if none. */
export function officialAuthority(siren: string): Authority | undefined {
  bySiren ??= index();
  const found = bySiren.get(siren);
  return found && { ...found };
}
