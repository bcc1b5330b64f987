// Loads the catalogue from mes-services' table, seeds the demo catalogue on first start, and
// keeps an index and a compiled matcher that are rebuilt when the table changes (an import or
// an administrator's edit), without a restart.
import type { DirectoryServicesRepo } from '../../../db/repos/directory-services-repo.ts';
import { parseService } from './schema.ts';
import { demoCatalogue } from './demo-catalogue.ts';
import type { Service } from './model.ts';
import { createCatalogueIndex, type CatalogueIndex } from './search.ts';
import { createMatcher, type Matcher } from './matcher.ts';

export function toStored(service: Service) {
  return {
    id: service.id,
    data: service,
    published: service.published,
    authorityLevel: service.authority.level,
    authorityCode: service.authority.code,
    source: service.source.name.slice(0, 100),
  };
}

export async function seedDemoCatalogue(repo: DirectoryServicesRepo): Promise<number> {
  if ((await repo.count()) > 0) return 0;
  await repo.upsertMany(demoCatalogue.map(toStored));
  return demoCatalogue.length;
}

export function createCatalogueStore(repo: DirectoryServicesRepo, onInvalid: (id: string, issues: string[]) => void) {
  let index: CatalogueIndex = createCatalogueIndex([]);
  let matcher: Matcher = createMatcher([]);
  let signature = '';

  async function reload(): Promise<boolean> {
    const stored = await repo.listAll();
    const next = stored.map((s) => `${s.id}:${s.updatedAt}`).join('|');
    if (next === signature) return false;
    const services: Service[] = [];
    for (const row of stored) {
      const parsed = parseService(row.data);
      if (parsed.ok) services.push(parsed.service);
      else onInvalid(row.id, parsed.issues);
    }
    index = createCatalogueIndex(services);
    matcher = createMatcher(services);
    signature = next;
    return true;
  }

  return {
    reload,
    get index() {
      return index;
    },
    get matcher() {
      return matcher;
    },
  };
}

export type CatalogueStore = ReturnType<typeof createCatalogueStore>;
