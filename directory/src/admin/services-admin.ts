// Collectivities edit their own services in mes-services. Who administers what comes from
// mon-compte as a claim (bzh_admin_organisations) released only to mes-services: the directory
// never reads the provider's tables. Another organisation's service is "not found". Who a
// service is "proposé par" comes from the official geography, by the owner's SIREN.
import type { DirectoryServicesRepo } from '../../../db/repos/directory-services-repo.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { parseService } from '../catalogue/schema.ts';
import { toStored, type CatalogueStore } from '../catalogue/catalogue-store.ts';
import type { Claims, Service } from '../catalogue/model.ts';
import { compileService, evaluate } from '../eligibility/index.ts';
import { officialAuthority } from './official-authorities.ts';

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

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The body with the official authority of the SIREN it names (authority.siren, or its code when
 * that is a SIREN), or of the administrator's only collectivity when it names none: name, level
 * and code are never the body's. A SIREN outside the official list is left to the checks after.
 */
function withOfficialAuthority(who: ServiceAdmin, value: unknown): unknown {
  if (!isRecord(value)) return value;
  const given = isRecord(value.authority) ? value.authority : {};
  const named =
    typeof given.siren === 'string'
      ? given.siren
      : typeof given.code === 'string' && /^\d{9}$/.test(given.code)
        ? given.code
        : undefined;
  const only = who.organisations !== '*' && who.organisations.length === 1 ? who.organisations[0] : undefined;
  const siren = named ?? only;
  const official = siren === undefined ? undefined : officialAuthority(siren);
  return official ? { ...value, authority: official } : value;
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
  /** A service as it may be stored: owned by the administrator, named as the official list says. */
  const checked = (who: ServiceAdmin, value: unknown, refusal: string): Service => {
    const service = validated(withOfficialAuthority(who, value));
    if (!owns(who, service)) throw new AppError(403, 'not_your_organisation', refusal);
    const owner = ownerOf(service);
    // Only the platform's administrators publish for a body outside the list (a national one).
    if (who.organisations !== '*' && !(owner && officialAuthority(owner)))
      throw new AppError(
        400,
        'unknown_organisation',
        'Service invalide – authority.siren : indiquez le SIREN de votre collectivité.',
      );
    return service;
  };
  const save = async (who: ServiceAdmin, service: Service, action: string): Promise<Service> => {
    // Also a service stored before authorities were checked, when it is published or unpublished.
    const owner = ownerOf(service);
    const official = owner ? officialAuthority(owner) : undefined;
    const stored = official ? { ...service, authority: official } : service;
    await repo.upsertMany([toStored(stored)]);
    await repo.audit({ actor: who.actor, organisationSiren: owner ?? null, action, target: stored.id });
    await catalogue.reload();
    return stored;
  };

  return {
    async list(who: ServiceAdmin): Promise<Service[]> {
      const all = await repo.listAll();
      return all.map((s) => parseService(s.data)).flatMap((p) => (p.ok && owns(who, p.service) ? [p.service] : []));
    },
    get: own,
    async create(who: ServiceAdmin, value: unknown): Promise<Service> {
      const service = checked(who, value, 'Vous ne pouvez publier que les services de votre collectivité.');
      if (await repo.findById(service.id))
        throw new AppError(409, 'id_taken', 'Un service porte déjà cet identifiant.');
      return save(who, { ...service, updatedAt: new Date().toISOString() }, 'service.created');
    },
    async update(who: ServiceAdmin, id: string, value: unknown): Promise<Service> {
      await own(who, id);
      const service = checked(who, value, 'Un service reste rattaché à votre collectivité.');
      if (service.id !== id) throw new AppError(400, 'id_changed', 'L’identifiant d’un service ne change pas.');
      return save(who, { ...service, updatedAt: new Date().toISOString() }, 'service.updated');
    },
    async setPublished(who: ServiceAdmin, id: string, published: boolean): Promise<Service> {
      const service = { ...(await own(who, id)), published };
      return save(who, service, published ? 'service.published' : 'service.unpublished');
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
