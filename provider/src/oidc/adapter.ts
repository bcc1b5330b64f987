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
  // Shared by every Session adapter the factory makes: what this instance last read or wrote.
  const sessionsSeen = new Map<string, SeenSession>();
  return (model: string): Adapter => {
    if (model === 'Client' && clients) return clientAdapter(clients, now);
    if (model === 'Session') return sessionAdapter(repo, sessionsSeen);
    return payloadAdapter(repo, model);
  };
}

/**
 * oidc-provider saves the session at the end of every request that reads it, to move its expiry
 * forward (every authorization request of a logged-in citizen, every logout page): one database
 * write, a commit on PostgreSQL, for what is mostly the same row with a later expiry. A save
 * that changes nothing but the expiry, and moves it less than this, is skipped: a session may
 * then end this much earlier than its cookie says, never later.
 */
export const SESSION_RESAVE_AFTER_S = 3600;
const SESSIONS_SEEN_MAX = 10_000;

type SeenSession = { body: string; exp: number };

/** A session's payload without what a rolling save changes (its expiry and issue time). */
function sessionBody(payload: AdapterPayload): string {
  const { exp: _exp, iat: _iat, ...rest } = payload as AdapterPayload & { exp?: number; iat?: number };
  return JSON.stringify(rest);
}

/** Whether a save would only move the stored expiry forward, by less than the threshold. */
function onlyRolls(last: SeenSession, payload: AdapterPayload, exp: number, expiresIn: number): boolean {
  const moved = exp - last.exp;
  const threshold = Math.min(SESSION_RESAVE_AFTER_S, expiresIn / 24);
  return moved >= 0 && moved < threshold && sessionBody(payload) === last.body;
}

function sessionAdapter(repo: OidcPayloadsRepo, seen: Map<string, SeenSession>): Adapter {
  const base = payloadAdapter(repo, 'Session');
  const remember = (id: string, payload: AdapterPayload) => {
    const exp = (payload as { exp?: unknown }).exp;
    seen.delete(id);
    if (typeof exp !== 'number') return;
    if (seen.size >= SESSIONS_SEEN_MAX) seen.delete(seen.keys().next().value!);
    seen.set(id, { body: sessionBody(payload), exp });
  };
  return {
    ...base,
    // Every request that saves a session has read it first (oidc-provider's session middleware):
    // the comparison is with this database's row as that request found it.
    async find(id) {
      const payload = await base.find(id);
      if (payload) remember(id, payload);
      else seen.delete(id);
      return payload;
    },
    async upsert(id, payload, expiresIn) {
      const last = seen.get(id);
      const exp = (payload as { exp?: unknown }).exp;
      if (last && typeof exp === 'number' && expiresIn && onlyRolls(last, payload, exp, expiresIn)) return;
      await base.upsert(id, payload, expiresIn);
      remember(id, payload);
    },
    async destroy(id) {
      seen.delete(id);
      await base.destroy(id);
    },
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
