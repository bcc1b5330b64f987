// Who administers what is mon-compte's answer now, not the one a login got hours ago: before a
// change, mes-services asks again (userinfo, with the access token of the session); before a
// page or a read, at most once a minute per session. An access token lives 10 minutes: past that, the administrator logs in
// again, which mon-compte answers without a password while its own session lasts.
import crypto from 'node:crypto';
import { AppError } from '../../../platform/http/app-error.ts';
import type { CitizenSession } from '../auth/sessions.ts';
import { adminFromClaims, type ServiceAdmin } from './services-admin.ts';

export const ROLE_CLAIM = 'bzh_admin_organisations';

/** The claims mon-compte releases now for an access token; undefined if it no longer answers for it. */
export type CurrentClaims = (accessToken: string, sub: string) => Promise<Record<string, unknown> | undefined>;

export type RightsCheck =
  /** mon-compte answered: `role` is the claim it releases now (undefined: none). */
  | { answered: true; role: unknown; admin: ServiceAdmin | undefined }
  /** The token is no longer good (expired, revoked): nothing is known until the next login. */
  | { answered: false; admin: undefined };

const CACHE_MS = 60_000;
const CACHE_MAX = 10_000;

export function createAdminRights(
  currentClaims: CurrentClaims,
  { now = () => Date.now() }: { now?: () => number } = {},
) {
  const cache = new Map<string, { until: number; found: { role: unknown } | undefined }>();
  const remember = (key: string, entry: { until: number; found: { role: unknown } | undefined }) => {
    if (cache.size >= CACHE_MAX) {
      for (const [k, v] of cache) if (v.until <= now()) cache.delete(k);
      if (cache.size >= CACHE_MAX) cache.clear();
    }
    cache.set(key, entry);
  };

  return {
    /** `fresh`: ask mon-compte whatever the cache holds (before a change). */
    async check(session: CitizenSession, { fresh = false } = {}): Promise<RightsCheck> {
      const key = crypto.createHash('sha256').update(session.accessToken).digest('base64url');
      let entry = cache.get(key);
      if (fresh || !entry || entry.until <= now()) {
        let claims: Record<string, unknown> | undefined;
        try {
          claims = await currentClaims(session.accessToken, session.sub);
        } catch {
          throw new AppError(
            503,
            'mon_compte_unavailable',
            'mon-compte.bzh ne répond pas : vos droits d’administration ne peuvent pas être vérifiés. Réessayez dans un instant.',
            30,
          );
        }
        entry = { until: now() + CACHE_MS, found: claims && { role: claims[ROLE_CLAIM] } };
        remember(key, entry);
      }
      if (!entry.found) return { answered: false, admin: undefined };
      const { role } = entry.found;
      // The actor's name (email) is the session's; the organisations are mon-compte's answer.
      const { [ROLE_CLAIM]: _, ...claims } = session.claims;
      return { answered: true, role, admin: adminFromClaims({ ...claims, [ROLE_CLAIM]: role }, session.sub) };
    },
  };
}

export type AdminRights = ReturnType<typeof createAdminRights>;
