// What each app receives: read from the oidc-provider Grants of the account, so the page shows
// exactly what the provider would release, not a copy that could drift.
import { SCOPE_CLAIMS, isScope } from '../profile/attributes.ts';

type GrantPayload = {
  clientId?: string;
  openid?: { scope?: string; claims?: string[] };
  rejected?: { openid?: { scope?: string; claims?: string[] } };
};

const PROTOCOL = new Set(['sub', 'sid', 'auth_time', 'acr', 'amr', 'nonce']);

/** The claims a Grant lets its client receive. */
export function claimsOfGrant(payload: GrantPayload): string[] {
  const rejected = new Set(payload.rejected?.openid?.claims ?? []);
  const claims = new Set<string>(payload.openid?.claims ?? []);
  for (const scope of (payload.openid?.scope ?? '').split(' ')) {
    if (isScope(scope)) for (const claim of SCOPE_CLAIMS[scope]) claims.add(claim);
  }
  return [...claims].filter((c) => !rejected.has(c) && !PROTOCOL.has(c)).sort();
}

export function scopesOfGrant(payload: GrantPayload): string[] {
  return (payload.openid?.scope ?? '').split(' ').filter(Boolean);
}

export function clientOfGrant(payload: GrantPayload): string | undefined {
  return typeof payload.clientId === 'string' ? payload.clientId : undefined;
}
