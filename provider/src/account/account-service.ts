// The citizen's account centre: connected apps and revocation, activity, export, deletion.
// Everything that touches the provider's protocol state (grants, back-channel logout) goes
// through the `oidc` port handed in, so this file never sees oidc-provider.
import type { AccountsRepo } from '../../../db/repos/accounts-repo.ts';
import type { AuditRepo } from '../../../db/repos/audit-repo.ts';
import type { ConsentsRepo } from '../../../db/repos/consents-repo.ts';
import type { OidcPayloadsRepo } from '../../../db/repos/oidc-payloads-repo.ts';
import type { ClientsService } from '../admin/clients-service.ts';
import type { Mailer } from '../mail/mailer.ts';
import { accountDeletedMail } from '../mail/messages.ts';
import { claimsOfGrant, clientOfGrant, scopesOfGrant } from './connected-apps.ts';
import type { CardsRepo } from '../../../db/repos/cards-repo.ts';
import type { StandingConsent, StandingConsentsRepo } from '../../../db/repos/standing-consents-repo.ts';

/** The card as the citizen may see it: status and history, never an identifier or its hash. */
async function cardExport(cards: CardsRepo, accountId: string) {
  const card = await cards.currentCard(accountId);
  return {
    status: card?.status ?? null,
    linked_at: card ? new Date(card.createdAt).toISOString() : null,
    recognition_consents: (await cards.consents(accountId)).map((c) => ({
      organisation: c.organisationSiren,
      attributes: c.attributes,
      at: new Date(c.createdAt).toISOString(),
    })),
    history: (await cards.history(accountId)).map((e) => ({
      type: e.type,
      organisation: e.organisationSiren,
      at: new Date(e.createdAt).toISOString(),
    })),
  };
}

export type OidcPort = {
  /**
   * Sends a back-channel logout to the client if it registered an endpoint, for each of `sids`
   * (the app's session ids in the citizen's sessions); never throws.
   */
  notifyLogout(clientId: string, accountId: string, sids: string[]): Promise<'sent' | 'none' | 'failed'>;
};

export type ConnectedApp = {
  clientId: string;
  name: string;
  organisation?: string;
  claims: string[];
  scopes: string[];
  since?: number;
  lastUse?: number;
  grantIds: string[];
};

export type AccountService = ReturnType<typeof createAccountService>;

export function createAccountService(deps: {
  accounts: AccountsRepo;
  audit: AuditRepo;
  consents: ConsentsRepo;
  standingConsents: StandingConsentsRepo;
  payloads: OidcPayloadsRepo;
  clients: ClientsService;
  mailer: Mailer;
  oidc: OidcPort;
  cards?: CardsRepo;
  admin?: { anonymiseAccount(accountId: string, email: string): Promise<void> };
}) {
  const { accounts, audit, consents, standingConsents, payloads, clients, mailer, oidc } = deps;

  /**
   * Every app that receives something: its standing consent (kept across sessions and devices)
   * and the Grants of the sessions that are logged in to it, which hold the same answers.
   */
  async function connectedApps(accountId: string): Promise<ConnectedApp[]> {
    const grants = await payloads.listByAccount('Grant', accountId);
    const standing = await standingConsents.listForAccount(accountId);
    const records = await consents.listForAccount(accountId);
    const lastUse = await audit.lastReleaseByClient(accountId);
    const byClient = new Map<string, ConnectedApp>();
    async function add(clientId: string | undefined, payload: Parameters<typeof claimsOfGrant>[0], grantId?: string) {
      if (!clientId || clientId === ACCOUNT_CENTRE_CLIENT) return;
      const app = byClient.get(clientId) ?? {
        clientId,
        ...(await clients.describe(clientId)),
        claims: [],
        scopes: [],
        grantIds: [],
        since: records.find((r) => r.clientId === clientId && r.decision === 'granted')?.createdAt,
        lastUse: lastUse.get(clientId),
      };
      app.claims = [...new Set([...app.claims, ...claimsOfGrant(payload)])].sort();
      app.scopes = [...new Set([...app.scopes, ...scopesOfGrant(payload)])];
      if (grantId) app.grantIds.push(grantId);
      byClient.set(clientId, app);
    }
    for (const consent of standing) {
      await add(consent.clientId, asGrantPayload(consent));
      // Since this agreement: an earlier one may have been revoked.
      const app = byClient.get(consent.clientId);
      if (app) app.since = consent.grantedAt;
    }
    for (const { id, payload } of grants) await add(clientOfGrant(payload), payload, id);
    return [...byClient.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  }

  /** The `sid` each of the citizen's sessions gave the app (OIDC Back-Channel Logout 2.4). */
  async function sidsOf(accountId: string, clientId: string): Promise<string[]> {
    const sessions = await payloads.listByAccount('Session', accountId);
    return sessions
      .map(({ payload }) => (payload.authorizations as Record<string, { sid?: string }> | undefined)?.[clientId]?.sid)
      .filter((sid): sid is string => typeof sid === 'string');
  }

  /**
   * The standing consent goes, so the next login asks again; every Grant goes, so the tokens
   * stop working; the app is told; the record says so.
   */
  async function revokeApp(accountId: string, clientId: string): Promise<boolean> {
    const app = (await connectedApps(accountId)).find((a) => a.clientId === clientId);
    if (!app) return false;
    await standingConsents.remove(accountId, clientId);
    for (const grantId of app.grantIds) await payloads.deleteGrant(grantId);
    await consents.append({ accountId, clientId, decision: 'revoked', scopes: app.scopes, claims: app.claims });
    const notified = await oidc.notifyLogout(clientId, accountId, await sidsOf(accountId, clientId));
    await audit.append({ accountId, type: 'consent.revoked', clientId, detail: { backchannel_logout: notified } });
    return true;
  }

  async function exportData(accountId: string) {
    const account = await accounts.findById(accountId);
    if (!account) return undefined;
    const apps = await connectedApps(accountId);
    const lastLogin = await audit.lastLogin(accountId);
    return {
      format: 'mon-compte.bzh export, version 1',
      exported_at: new Date().toISOString(),
      account: {
        id: account.id,
        email: account.email,
        email_verified: account.emailVerified,
        created_at: new Date(account.createdAt).toISOString(),
        last_login_at: lastLogin === undefined ? null : new Date(lastLogin).toISOString(),
      },
      profile: await accounts.getProfile(accountId),
      consents: (await consents.listForAccount(accountId)).map((r) => ({
        client_id: r.clientId,
        decision: r.decision,
        scopes: r.scopes,
        claims: r.claims,
        at: new Date(r.createdAt).toISOString(),
      })),
      connected_apps: apps.map((a) => ({
        client_id: a.clientId,
        name: a.name,
        organisation: a.organisation ?? null,
        claims: a.claims,
        since: a.since ? new Date(a.since).toISOString() : null,
        last_use: a.lastUse ? new Date(a.lastUse).toISOString() : null,
      })),
      korrigo_card: deps.cards ? await cardExport(deps.cards, accountId) : null,
      activity: (await audit.listForAccount(accountId)).map((e) => ({
        type: e.type,
        client_id: e.clientId,
        detail: e.detail,
        at: new Date(e.createdAt).toISOString(),
      })),
    };
  }

  /**
   * Erasure: every grant revoked and its app told, every session and token deleted, then the
   * account row, which takes the profile, consent records, activity and email tokens with it.
   */
  async function deleteAccount(accountId: string): Promise<void> {
    const account = await accounts.findById(accountId);
    if (!account) return;
    const apps = await connectedApps(accountId);
    for (const app of apps) {
      for (const grantId of app.grantIds) await payloads.deleteGrant(grantId);
      await oidc.notifyLogout(app.clientId, accountId, await sidsOf(accountId, app.clientId));
    }
    await payloads.deleteByAccount(accountId);
    await deps.admin?.anonymiseAccount(accountId, account.email);
    await accounts.delete(accountId);
    await mailer.send(accountDeletedMail(account.email)).catch(() => undefined);
  }

  return { connectedApps, revokeApp, exportData, deleteAccount };
}

/** A standing consent in the shape of the Grant it starts sessions from. */
function asGrantPayload(consent: StandingConsent) {
  return {
    clientId: consent.clientId,
    openid: { scope: consent.scopes.join(' '), claims: consent.claims },
    rejected: { openid: { scope: consent.rejectedScopes.join(' '), claims: consent.rejectedClaims } },
  };
}

/** The account centre's own client: first-party, never listed as a connected app. */
export const ACCOUNT_CENTRE_CLIENT = 'mon-compte-account';
