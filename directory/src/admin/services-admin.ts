// Collectivities edit their own services in mes-services. Who administers what comes from
// mon-compte as a claim (bzh_admin_organisations) released only to mes-services: the directory
// never reads the provider's tables. Another organisation's service is "not found".
import type { DirectoryServicesRepo } from '../../../db/repos/directory-services-repo.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { parseService } from '../catalogue/schema.ts';
import { toStored, type CatalogueStore } from '../catalogue/catalogue-store.ts';
import type { Claims, Service } from '../catalogue/model.ts';
import { compileService, evaluate } from '../eligibility/index.ts';

export type ServiceAdmin = { actor: string; organisations: string[] | '*' };

/** The SIREN that owns a service: its authority's. */
export const ownerOf = (service: Service): string | undefined =>
  service.authority.siren ?? (/^\d{9}$/.test(service.authority.code) ? service.authority.code : undefined);

const notFound = () =>
  new AppError(404, 'not_found', 'Ce service n’existe pas ou ne relève pas de votre collectivité.');

function validated(value: unknown): Service {
  const parsed = parseService(value);
  if (!parsed.ok)
    throw new AppError(400, 'invalid_service', `Service invalide – ${parsed.issues.slice(0, 5).join(' ; ')}`);
  return parsed.service;
}

export function adminFromClaims(claims: Record<string, unknown>, sub: string): ServiceAdmin | undefined {
  const list = claims.bzh_admin_organisations;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const actor = typeof claims.email === 'string' ? claims.email : `sub:${sub.slice(0, 12)}`;
  return { actor, organisations: list.includes('*') ? '*' : list.filter((s): s is string => typeof s === 'string') };
}

export function createServicesAdmin(repo: DirectoryServicesRepo, catalogue: CatalogueStore) {
  const owns = (who: ServiceAdmin, service: Service) => {
    const owner = ownerOf(service);
    return who.organisations === '*' || (owner !== undefined && who.organisations.includes(owner));
  };
  const own = async (who: ServiceAdmin, id: string): Promise<Service> => {
    const stored = await repo.findById(id);
    const parsed = stored && parseService(stored.data);
    if (!parsed?.ok || !owns(who, parsed.service)) throw notFound();
    return parsed.service;
  };
  const save = async (who: ServiceAdmin, service: Service, action: string) => {
    await repo.upsertMany([toStored(service)]);
    await repo.audit({ actor: who.actor, organisationSiren: ownerOf(service) ?? null, action, target: service.id });
    await catalogue.reload();
  };

  return {
    async list(who: ServiceAdmin): Promise<Service[]> {
      const all = await repo.listAll();
      return all.map((s) => parseService(s.data)).flatMap((p) => (p.ok && owns(who, p.service) ? [p.service] : []));
    },
    get: own,
    async create(who: ServiceAdmin, value: unknown): Promise<Service> {
      const service = validated(value);
      if (!owns(who, service))
        throw new AppError(
          403,
          'not_your_organisation',
          'Vous ne pouvez publier que les services de votre collectivité.',
        );
      if (await repo.findById(service.id))
        throw new AppError(409, 'id_taken', 'Un service porte déjà cet identifiant.');
      await save(who, { ...service, updatedAt: new Date().toISOString() }, 'service.created');
      return service;
    },
    async update(who: ServiceAdmin, id: string, value: unknown): Promise<Service> {
      await own(who, id);
      const service = validated(value);
      if (service.id !== id) throw new AppError(400, 'id_changed', 'L’identifiant d’un service ne change pas.');
      if (!owns(who, service))
        throw new AppError(403, 'not_your_organisation', 'Un service reste rattaché à votre collectivité.');
      await save(who, { ...service, updatedAt: new Date().toISOString() }, 'service.updated');
      return service;
    },
    async setPublished(who: ServiceAdmin, id: string, published: boolean): Promise<Service> {
      const service = { ...(await own(who, id)), published };
      await save(who, service, published ? 'service.published' : 'service.unpublished');
      return service;
    },
    /** The result a sample profile would get, rules and explanations included; nothing stored. */
    preview(value: unknown, claims: Claims) {
      const service = validated(value);
      return evaluate(compileService({ ...service, published: true }), claims, { explain: true });
    },
    async audit(who: ServiceAdmin) {
      return repo.auditOf(who.organisations);
    },
  };
}

export type ServicesAdmin = ReturnType<typeof createServicesAdmin>;
