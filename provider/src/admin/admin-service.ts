// What an administrator may do, and doing it: relying parties, terminals and administrators of
// the organisations they administer, every change written to the audit log. Another
// organisation is "forbidden", with the same answer whether its SIREN exists or not (the list
// of collectivities is public anyway); an object of another organisation is "not found", never
// "forbidden": its existence is not revealed.
import crypto from 'node:crypto';
import type { AdminRepo } from '../../../db/repos/admin-repo.ts';
import type { ClientsRepo, StoredClient } from '../../../db/repos/clients-repo.ts';
import type { OrganisationsRepo } from '../../../db/repos/organisations-repo.ts';
import type { AccountsRepo } from '../../../db/repos/accounts-repo.ts';
import type { TerminalActivityRepo } from '../../../db/repos/terminal-activity-repo.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { ClientInputError, type ClientsService } from './clients-service.ts';
import { ROLE_SCOPE_CLAIMS } from '../profile/attributes.ts';

export type Actor = { accountId: string; email: string; platform: boolean; organisations: Set<string> };

/** A field of a form or JSON body that was refused, and why, in French. */
export type InputIssue = { field: string; message: string };

/** A refused input: each problem tied to the field it is about, so a form can show it there. */
export class AdminInputError extends AppError {
  readonly issues: InputIssue[];
  constructor(issues: InputIssue[], code = 'invalid_input') {
    super(400, code, issues.map((i) => i.message).join(' '));
    this.issues = issues;
  }
}

const notFound = () =>
  new AppError(404, 'not_found', 'Cet élément n’existe pas ou ne relève pas de votre collectivité.');
const notYours = () =>
  new AppError(403, 'not_your_organisation', 'Accès refusé : cette collectivité n’est pas la vôtre.');
const noSuchOrganisation = () => new AppError(404, 'no_such_organisation', 'Aucune collectivité n’a ce SIREN.');
const invalid = (err: unknown) => (err instanceof ClientInputError ? new AdminInputError(err.issues) : err);

export type AdminService = ReturnType<typeof createAdminService>;

export function createAdminService(deps: {
  admin: AdminRepo;
  clients: ClientsRepo;
  clientsService: ClientsService;
  organisations: OrganisationsRepo;
  accounts: AccountsRepo;
  activity: TerminalActivityRepo;
}) {
  const { admin, clients, clientsService, organisations } = deps;

  async function actor(accountId: string): Promise<Actor | undefined> {
    const roles = await admin.rolesOf(accountId);
    if (roles.length === 0) return undefined;
    const account = await deps.accounts.findById(accountId);
    if (!account) return undefined;
    return {
      accountId,
      email: account.email,
      platform: roles.some((r) => r.role === 'platform'),
      organisations: new Set(roles.filter((r) => r.organisationSiren).map((r) => r.organisationSiren!)),
    };
  }

  /** The organisation, if this actor administers it; otherwise forbidden (or, for the platform, not found). */
  async function organisationFor(who: Actor, siren: string) {
    if (!who.platform && !who.organisations.has(siren)) throw notYours();
    const organisation = await organisations.findBySiren(siren);
    if (!organisation) throw noSuchOrganisation();
    return organisation;
  }

  async function clientOf(
    who: Actor,
    siren: string,
    clientId: string,
    kind?: StoredClient['kind'],
  ): Promise<StoredClient> {
    await organisationFor(who, siren);
    const client = await clients.findById(clientId);
    if (!client || client.organisationSiren !== siren || (kind && client.kind !== kind)) throw notFound();
    return client;
  }

  /**
   * A client to change: not one that carries a role scope (mes-services, with bzh_admin), which
   * belongs to the platform although it is filed under the Région: only the platform's
   * administrators may disable it, rotate its secret or edit it.
   */
  async function clientToChange(who: Actor, siren: string, clientId: string, kind?: StoredClient['kind']) {
    const client = await clientOf(who, siren, clientId, kind);
    const scopes = String(client.metadata.scope ?? '').split(' ');
    if (!who.platform && scopes.some((scope) => Object.hasOwn(ROLE_SCOPE_CLAIMS, scope))) {
      throw new AppError(
        403,
        'platform_client',
        'Cette application est gérée par l’équipe de la plateforme : elle ne peut pas être modifiée ici.',
      );
    }
    return client;
  }

  const log = (
    who: Actor,
    siren: string,
    action: string,
    target?: string,
    detail?: Record<string, unknown>,
    targetAccountId?: string,
  ) =>
    admin.audit({
      actorAccountId: who.accountId,
      actorLabel: who.email,
      organisationSiren: siren,
      action,
      target,
      targetAccountId,
      detail,
    });

  const view = (c: StoredClient) => ({
    client_id: c.clientId,
    kind: c.kind,
    name: c.name,
    disabled: c.disabledAt !== null,
    created_at: new Date(c.createdAt).toISOString(),
    redirect_uris: c.metadata.redirect_uris ?? [],
    post_logout_redirect_uris: c.metadata.post_logout_redirect_uris ?? [],
    scope: c.metadata.scope ?? '',
    backchannel_logout_uri: c.metadata.backchannel_logout_uri ?? null,
    jwks: c.kind === 'terminal' ? c.metadata.jwks : undefined,
  });

  return {
    actor,
    organisationFor,

    async organisationsOf(who: Actor) {
      if (who.platform && who.organisations.size === 0) return [];
      return Promise.all([...who.organisations].map((s) => organisations.findBySiren(s))).then((l) =>
        l.filter((o) => o !== undefined),
      );
    },

    async listClients(who: Actor, siren: string) {
      await organisationFor(who, siren);
      return (await clients.listByOrganisation(siren)).map(view);
    },

    async getClient(who: Actor, siren: string, clientId: string) {
      const client = await clientOf(who, siren, clientId);
      const activity = client.kind === 'terminal' ? await deps.activity.recent(clientId) : undefined;
      return { ...view(client), activity };
    },

    async createRelyingParty(
      who: Actor,
      siren: string,
      input: {
        name: string;
        redirectUris: string[];
        scopes: string[];
        backchannelLogoutUri?: string;
        postLogoutRedirectUris?: string[];
      },
    ) {
      await organisationFor(who, siren);
      const created = await clientsService
        .addRelyingParty({ ...input, organisationSiren: siren })
        .catch((err) => Promise.reject(invalid(err)));
      await log(who, siren, 'client.created', created.client_id, {
        name: input.name,
        redirect_uris: input.redirectUris,
        scopes: input.scopes,
      });
      return created;
    },

    async updateRelyingParty(
      who: Actor,
      siren: string,
      clientId: string,
      input: { name?: string; redirectUris?: string[]; scopes?: string[]; backchannelLogoutUri?: string | null },
    ) {
      const client = await clientToChange(who, siren, clientId, 'relying_party');
      const metadata = { ...client.metadata };
      try {
        const checked = await clientsService.checkRelyingPartyInput({
          name: input.name,
          backchannelLogoutUri: input.backchannelLogoutUri,
          redirectUris: input.redirectUris ?? (metadata.redirect_uris as string[]),
          scopes:
            input.scopes ??
            String(metadata.scope ?? '')
              .split(' ')
              .filter(Boolean),
        });
        metadata.redirect_uris = checked.redirectUris;
        metadata.scope = checked.scope;
        metadata.grant_types = checked.grantTypes;
      } catch (err) {
        throw invalid(err);
      }
      if (input.name !== undefined) metadata.client_name = input.name;
      if (input.backchannelLogoutUri === null) delete metadata.backchannel_logout_uri;
      else if (input.backchannelLogoutUri !== undefined) metadata.backchannel_logout_uri = input.backchannelLogoutUri;
      await clients.update(clientId, { name: input.name ?? client.name, metadata });
      await log(who, siren, 'client.updated', clientId, { fields: Object.keys(input) });
      return view((await clients.findById(clientId))!);
    },

    async rotateSecret(who: Actor, siren: string, clientId: string) {
      const client = await clientToChange(who, siren, clientId, 'relying_party');
      if (client.metadata.token_endpoint_auth_method === 'none')
        throw new AppError(400, 'public_client', 'Ce client public n’a pas de secret.');
      const secret = crypto.randomBytes(32).toString('base64url');
      await clients.update(clientId, { metadata: { ...client.metadata, client_secret: secret } });
      await log(who, siren, 'client.secret_rotated', clientId);
      return { client_id: clientId, client_secret: secret };
    },

    async setDisabled(who: Actor, siren: string, clientId: string, disabled: boolean) {
      await clientToChange(who, siren, clientId);
      await clients.setDisabled(clientId, disabled);
      await log(who, siren, disabled ? 'client.disabled' : 'client.enabled', clientId);
    },

    async createTerminal(who: Actor, siren: string, input: { name: string; jwks: unknown; scopes: string[] }) {
      await organisationFor(who, siren);
      const created = await clientsService
        .addTerminal({ ...input, organisationSiren: siren })
        .catch((err) => Promise.reject(invalid(err)));
      await log(who, siren, 'terminal.created', created.client_id, { name: input.name, scopes: input.scopes });
      return created;
    },

    async administrators(who: Actor, siren: string) {
      await organisationFor(who, siren);
      return admin.administratorsOf(siren);
    },

    async addAdministrator(who: Actor, siren: string, email: string) {
      await organisationFor(who, siren);
      if (!email.trim())
        throw new AdminInputError([
          { field: 'email', message: 'Indiquez l’adresse électronique du compte mon-compte.bzh à ajouter.' },
        ]);
      const account = await deps.accounts.findByEmail(email.trim().toLowerCase());
      // Only an address its owner has confirmed: anyone can register an account under an agent's
      // address before the agent does, and must not inherit the rights meant for the agent.
      if (!account?.emailVerified)
        throw new AdminInputError(
          [
            {
              field: 'email',
              message:
                'Aucun compte mon-compte.bzh confirmé n’a cette adresse : la personne doit d’abord créer son compte et confirmer son adresse.',
            },
          ],
          'unknown_account',
        );
      await admin.grant(account.id, { role: 'organisation', organisationSiren: siren }, who.accountId);
      await log(who, siren, 'administrator.added', account.email, undefined, account.id);
    },

    async removeAdministrator(who: Actor, siren: string, accountId: string) {
      await organisationFor(who, siren);
      if ((await admin.revoke(accountId, siren)) === 0) throw notFound();
      await log(who, siren, 'administrator.removed', accountId, undefined, accountId);
    },

    async audit(who: Actor, siren: string) {
      await organisationFor(who, siren);
      return admin.auditOf(siren);
    },
  };
}
