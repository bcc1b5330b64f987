// oidc-provider's storage contract, implemented over the oidc_payloads repository so that
// every instance sharing the database sees the same sessions, codes, tokens and grants.
import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';
import type { OidcPayloadsRepo } from '../../../db/repos/oidc-payloads-repo.ts';
import type { ClientsRepo } from '../../../db/repos/clients-repo.ts';

/**
 * How long a client's row, once read, answers for it. oidc-provider looks the client up two to
 * three times per login and at every token request; within this time a change made by an
 * administrator (on any instance, or with the CLI) is not seen yet: a disabled client keeps
 * working, and new metadata or a new secret applies, at most this long after the change.
 */
export const CLIENT_CACHE_MS = 5_000;

/**
 * Clients live in their own table (owned by organisations, administered); every other model
 * goes to oidc_payloads. A disabled client is not found, so it can no longer authenticate.
 */
export function createAdapterFactory(
  repo: OidcPayloadsRepo,
  clients?: ClientsRepo,
  now: () => number = Date.now,
): AdapterFactory {
  return (model: string): Adapter => {
    if (model === 'Client' && clients) return clientAdapter(clients, now);
    return payloadAdapter(repo, model);
  };
}

function clientAdapter(clients: ClientsRepo, now: () => number): Adapter {
  const readOnly = async () => {
    throw new Error('clients are managed through the admin CLI and console');
  };
  // Only clients that exist are kept, so the map is bounded by the clients table, whatever ids
  // requests make up. The JSON is kept rather than the object: each caller gets its own copy.
  const cache = new Map<string, { until: number; json: string }>();
  return {
    async find(id) {
      const hit = cache.get(id);
      if (hit && hit.until > now()) return JSON.parse(hit.json) as AdapterPayload;
      const client = await clients.findById(id);
      if (!client || client.disabledAt !== null) {
        cache.delete(id);
        return undefined;
      }
      const payload = { ...client.metadata, client_id: client.clientId };
      cache.set(id, { until: now() + CLIENT_CACHE_MS, json: JSON.stringify(payload) });
      return payload as AdapterPayload;
    },
    upsert: readOnly,
    findByUid: async () => undefined,
    findByUserCode: async () => undefined,
    consume: readOnly,
    destroy: readOnly,
    revokeByGrantId: async () => undefined,
  };
}

function payloadAdapter(repo: OidcPayloadsRepo, model: string): Adapter {
  return {
    upsert: (id, payload, expiresIn) => repo.upsert(model, id, { ...payload }, expiresIn),
    find: async (id) => (await repo.find(model, id)) as AdapterPayload | undefined,
    findByUid: async (uid) => (await repo.findByUid(model, uid)) as AdapterPayload | undefined,
    findByUserCode: async (userCode) => (await repo.findByUserCode(model, userCode)) as AdapterPayload | undefined,
    consume: (id) => repo.consume(model, id),
    destroy: (id) => repo.destroy(model, id),
    revokeByGrantId: (grantId) => repo.revokeByGrantId(model, grantId),
  };
}

/** Removes expired rows every `everyMs`; the timer never keeps the process alive. */
export function startPurge(repo: OidcPayloadsRepo, everyMs: number, onError: (err: unknown) => void): () => void {
  const timer = setInterval(() => {
    repo.purgeExpired().catch(onError);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
