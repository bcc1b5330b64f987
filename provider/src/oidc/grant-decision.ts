// A consent screen's answer written into an oidc-provider Grant: what was accepted is granted
// (and leaves the declined lists), what was unticked is declined.
import type Provider from 'oidc-provider';
import type { ConsentDecision } from '../interaction/consent.ts';

type Grant = InstanceType<Provider['Grant']>;

export function applyDecision(grant: Grant, decision: ConsentDecision): void {
  unreject(grant as unknown as RejectedHolder, decision.grantScopes, decision.grantClaims);
  if (decision.grantScopes.length) grant.addOIDCScope(decision.grantScopes.join(' '));
  if (decision.rejectScopes.length) grant.rejectOIDCScope(decision.rejectScopes.join(' '));
  if (decision.grantClaims.length) grant.addOIDCClaims(decision.grantClaims);
  if (decision.rejectClaims.length) grant.rejectOIDCClaims(decision.rejectClaims);
}

type RejectedHolder = { rejected?: { openid?: { scope?: string; claims?: string[] } } };

/**
 * A Grant remembers what was declined, and oidc-provider then never asks again. When the
 * citizen now accepts it (a new consent screen), it must leave the rejected lists: the Grant
 * has no method for that, so the lists are edited in place.
 */
function unreject(grant: RejectedHolder, scopes: string[], claims: string[]): void {
  const rejected = grant.rejected?.openid;
  if (!rejected) return;
  if (rejected.scope)
    rejected.scope = rejected.scope
      .split(' ')
      .filter((s) => !scopes.includes(s))
      .join(' ');
  if (rejected.claims) rejected.claims = rejected.claims.filter((c) => !claims.includes(c));
}
