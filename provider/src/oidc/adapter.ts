// oidc-provider's storage contract, implemented over the oidc_payloads repository so that
// every instance sharing the database sees the same sessions, codes, tokens and grants.
import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';
import type { OidcPayloadsRepo } from '../../../db/repos/oidc-payloads-repo.ts';

export function createAdapterFactory(repo: OidcPayloadsRepo): AdapterFactory {
  return (model: string): Adapter => ({
    upsert: (id, payload, expiresIn) => repo.upsert(model, id, { ...payload }, expiresIn),
    find: async (id) => (await repo.find(model, id)) as AdapterPayload | undefined,
    findByUid: async (uid) => (await repo.findByUid(model, uid)) as AdapterPayload | undefined,
    findByUserCode: async (userCode) => (await repo.findByUserCode(model, userCode)) as AdapterPayload | undefined,
    consume: (id) => repo.consume(model, id),
    destroy: (id) => repo.destroy(model, id),
    revokeByGrantId: (grantId) => repo.revokeByGrantId(model, grantId),
  });
}

/** Removes expired rows every `everyMs`; the timer never keeps the process alive. */
export function startPurge(repo: OidcPayloadsRepo, everyMs: number, onError: (err: unknown) => void): () => void {
  const timer = setInterval(() => {
    repo.purgeExpired().catch(onError);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
