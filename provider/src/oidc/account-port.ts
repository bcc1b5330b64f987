// What the account centre needs from the provider, in plain terms: who is logged in (and how
// recently), and telling an app that a citizen is gone (back-channel logout).
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import type { OidcPort } from '../account/account-service.ts';

export type CurrentSession = { accountId: string; sessionId: string; loginAt: number };

export function createAccountPort(provider: Provider): OidcPort & {
  currentSession(ctx: Context): Promise<CurrentSession | undefined>;
} {
  return {
    async currentSession(ctx) {
      const session = await provider.Session.get(ctx as never);
      if (!session?.accountId) return undefined;
      return { accountId: session.accountId, sessionId: session.jti, loginAt: (session.loginTs ?? 0) * 1000 };
    },

    async notifyLogout(clientId, accountId, sids) {
      // A client whose stored metadata oidc-provider now refuses must not stop a revocation or
      // an account deletion half-way: it just cannot be told.
      const client = (await provider.Client.find(clientId).catch(() => undefined)) as
        | (InstanceType<Provider['Client']> & { backchannelLogout(sub: string, sid?: string): Promise<void> })
        | undefined;
      if (!client?.backchannelLogoutUri) return 'none';
      // One logout token per session the app was part of, each with that session's `sid`
      // (required by apps registered with backchannel_logout_session_required); with no such
      // session left, one token that names the citizen (`sub`) only.
      const results = await Promise.allSettled(
        (sids.length ? sids : [undefined]).map((sid) => client.backchannelLogout(accountId, sid)),
      );
      return results.every((r) => r.status === 'fulfilled') ? 'sent' : 'failed';
    },
  };
}
