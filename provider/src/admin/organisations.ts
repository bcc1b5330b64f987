// mon-compte's organisations: Brittany's public bodies (territory/organisations.ts), loaded into
// the organisations table at first start.
import type { OrganisationsRepo } from '../../../db/repos/organisations-repo.ts';
import { findDepartement } from '../../../territory/territory.ts';
import { officialOrganisations } from '../../../territory/organisations.ts';

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
