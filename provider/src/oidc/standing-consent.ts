// Consent lasts until the citizen revokes it, not as long as one browser session. oidc-provider
// keeps what was agreed in a Grant that belongs to the session that asked, and destroys it with
// the session's tokens at logout. The citizen's answer is therefore also kept per (account, app)
// in standing_consents; a session that has no Grant for the app yet (another device, after a
// logout) starts from a copy of it, so the citizen is not asked again. Each session keeps its
// own Grant, so a logout still revokes only the tokens of that session.
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { StandingConsentsRepo } from '../../../db/repos/standing-consents-repo.ts';
import type { OidcPayloadsRepo } from '../../../db/repos/oidc-payloads-repo.ts';
import type { ConsentDecision } from '../interaction/consent.ts';
import { applyDecision } from './grant-decision.ts';

type Grant = InstanceType<Provider['Grant']>;

const words = (scope: string | undefined) => (scope ?? '').split(' ').filter(Boolean);

/**
 * Records what a Grant holds after a consent screen as the app's standing consent, and applies
 * the same answer to the Grants of the citizen's other sessions with that app, so that a
 * narrower answer given on one device applies at once on all of them (userinfo reads the Grant).
 */
export async function rememberConsent(
  deps: { provider: Provider; standingConsents: StandingConsentsRepo; payloads: OidcPayloadsRepo },
  grant: Grant,
  decision: ConsentDecision,
): Promise<void> {
  const accountId = grant.accountId!;
  const clientId = grant.clientId!;
  await deps.standingConsents.save({
    accountId,
    clientId,
    scopes: words(grant.getOIDCScope()),
    claims: grant.getOIDCClaims(),
    rejectedScopes: words(grant.getRejectedOIDCScope()),
    rejectedClaims: grant.getRejectedOIDCClaims(),
  });
  for (const { id, payload } of await deps.payloads.listByAccount('Grant', accountId)) {
    if (id === grant.jti || payload.clientId !== clientId) continue;
    const other = await deps.provider.Grant.find(id);
    if (!other) continue;
    applyDecision(other, decision);
    await other.save();
  }
}

/**
 * oidc-provider's `loadExistingGrant`: the session's Grant for the app when it has one, as by
 * default; otherwise a new Grant holding the standing consent, saved so that the code and the
 * tokens of this session can refer to it.
 */
export function loadExistingGrant(repo: StandingConsentsRepo) {
  return async (ctx: KoaContextWithOIDC): Promise<Grant | undefined> => {
    const clientId = ctx.oidc.client!.clientId;
    const session = ctx.oidc.session!;
    const grantId =
      (ctx.oidc.result as { consent?: { grantId?: string } } | undefined)?.consent?.grantId ??
      session.grantIdFor(clientId);
    if (grantId) {
      const grant = await ctx.oidc.provider.Grant.find(grantId);
      if (grant) return grant;
    }
    const accountId = session.accountId;
    if (!accountId) return undefined;
    const standing = await repo.find(accountId, clientId);
    if (!standing) return undefined;
    const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
    // The standing consent as if the citizen answered it again on a consent screen.
    applyDecision(grant, {
      grantScopes: standing.scopes,
      rejectScopes: standing.rejectedScopes,
      grantClaims: standing.claims,
      rejectClaims: standing.rejectedClaims,
    });
    await grant.save();
    return grant;
  };
}
