// Relying parties: registration by administrators, and how they are named to citizens.
import crypto from 'node:crypto';
import type { ClientsRepo } from '../../../db/repos/clients-repo.ts';
import type { OrganisationsRepo } from '../../../db/repos/organisations-repo.ts';
import { SCOPE_CLAIMS } from '../profile/attributes.ts';

export class ClientInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClientInputError';
  }
}

export type NewRelyingParty = {
  name: string;
  organisationSiren: string;
  redirectUris: string[];
  scopes: string[];
  postLogoutRedirectUris?: string[];
  backchannelLogoutUri?: string;
  sectorId?: string;
  /** A public client (no secret), for apps that cannot keep one: PKCE protects them. */
  isPublic?: boolean;
  clientId?: string;
  clientSecret?: string;
  /** Role scopes (bzh_admin): only set by the platform's own code, for mes-services. */
  roleScopes?: string[];
};

const ALLOWED_SCOPES = new Set(['openid', 'offline_access', ...Object.keys(SCOPE_CLAIMS)]);

function checkRedirectUri(uri: string, production: boolean): void {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new ClientInputError(`redirect URI "${uri}" is not an absolute URL`);
  }
  if (url.hash) throw new ClientInputError(`redirect URI "${uri}" must not contain a fragment`);
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (local || !production))) {
    throw new ClientInputError(`redirect URI "${uri}" must use https`);
  }
}

export type ClientsService = ReturnType<typeof createClientsService>;

const NAMES_CACHE_MS = 5_000;

export function createClientsService(deps: {
  clients: ClientsRepo;
  organisations: OrganisationsRepo;
  production: boolean;
}) {
  const { clients, organisations, production } = deps;
  const names = new Map<string, { until: number; names: { name: string; organisation?: string } }>();
  return {
    async addRelyingParty(input: NewRelyingParty): Promise<{ client_id: string; client_secret?: string }> {
      const organisation = await organisations.findBySiren(input.organisationSiren);
      if (!organisation) throw new ClientInputError(`no organisation has the SIREN ${input.organisationSiren}`);
      if (!input.name.trim()) throw new ClientInputError('a client needs a name');
      if (input.redirectUris.length === 0) throw new ClientInputError('at least one redirect URI is required');
      input.redirectUris.forEach((uri) => checkRedirectUri(uri, production));
      input.postLogoutRedirectUris?.forEach((uri) => checkRedirectUri(uri, production));
      const scopes = new Set(['openid', ...input.scopes]);
      for (const scope of scopes) {
        if (!ALLOWED_SCOPES.has(scope)) throw new ClientInputError(`unknown scope "${scope}"`);
      }
      const clientId = input.clientId ?? crypto.randomUUID();
      const clientSecret = input.isPublic
        ? undefined
        : (input.clientSecret ?? crypto.randomBytes(32).toString('base64url'));
      const metadata: Record<string, unknown> = {
        client_name: input.name,
        redirect_uris: input.redirectUris,
        post_logout_redirect_uris: input.postLogoutRedirectUris ?? [],
        grant_types: scopes.has('offline_access') ? ['authorization_code', 'refresh_token'] : ['authorization_code'],
        response_types: ['code'],
        scope: [...scopes, ...(input.roleScopes ?? [])].join(' '),
        subject_type: 'pairwise',
        bzh_organisation: organisation.siren,
        ...(input.sectorId ? { bzh_sector: input.sectorId } : {}),
        ...(input.backchannelLogoutUri
          ? { backchannel_logout_uri: input.backchannelLogoutUri, backchannel_logout_session_required: true }
          : {}),
        ...(clientSecret
          ? { client_secret: clientSecret, token_endpoint_auth_method: 'client_secret_basic' }
          : { token_endpoint_auth_method: 'none' }),
      };
      await clients.upsert({
        clientId,
        organisationSiren: organisation.siren,
        kind: 'relying_party',
        name: input.name,
        metadata,
      });
      return clientSecret ? { client_id: clientId, client_secret: clientSecret } : { client_id: clientId };
    },

    /** Validates redirect URIs and scopes as at creation; returns the metadata they give. */
    async checkRelyingPartyInput(input: { redirectUris: string[]; scopes: string[] }) {
      if (input.redirectUris.length === 0) throw new ClientInputError('at least one redirect URI is required');
      input.redirectUris.forEach((uri) => checkRedirectUri(uri, production));
      const scopes = new Set(['openid', ...input.scopes]);
      for (const scope of scopes) {
        if (!ALLOWED_SCOPES.has(scope)) throw new ClientInputError(`unknown scope "${scope}"`);
      }
      return {
        redirectUris: input.redirectUris,
        scope: [...scopes].join(' '),
        grantTypes: scopes.has('offline_access') ? ['authorization_code', 'refresh_token'] : ['authorization_code'],
      };
    },

    /**
     * A KorriGo terminal: a confidential client of one organisation that authenticates with a
     * signed JWT (private_key_jwt) under the public keys given here; no redirect, no user.
     */
    async addTerminal(input: {
      name: string;
      organisationSiren: string;
      jwks: unknown;
      scopes?: string[];
      clientId?: string;
    }): Promise<{ client_id: string }> {
      const organisation = await organisations.findBySiren(input.organisationSiren);
      if (!organisation) throw new ClientInputError(`no organisation has the SIREN ${input.organisationSiren}`);
      const keys = (input.jwks as { keys?: unknown })?.keys;
      if (!Array.isArray(keys) || keys.length === 0 || keys.length > 5) {
        throw new ClientInputError('the JWKS must be {"keys": [...]} with 1 to 5 public keys');
      }
      for (const key of keys as Record<string, unknown>[]) {
        if (!['EC', 'RSA', 'OKP'].includes(String(key?.kty)))
          throw new ClientInputError('each key needs kty EC, RSA or OKP');
        if ('d' in key || 'p' in key || 'k' in key) throw new ClientInputError('the JWKS must hold public keys only');
      }
      const scopes = input.scopes?.length ? input.scopes : ['korrigo:check'];
      for (const scope of scopes) {
        if (!['korrigo:check', 'korrigo:pair'].includes(scope))
          throw new ClientInputError(`unknown terminal scope "${scope}"`);
      }
      const clientId = input.clientId ?? `terminal-${crypto.randomUUID()}`;
      await clients.upsert({
        clientId,
        organisationSiren: organisation.siren,
        kind: 'terminal',
        name: input.name,
        metadata: {
          client_name: input.name,
          grant_types: ['client_credentials'],
          response_types: [],
          redirect_uris: [],
          token_endpoint_auth_method: 'private_key_jwt',
          jwks: { keys },
          scope: scopes.join(' '),
          subject_type: 'public',
          bzh_organisation: organisation.siren,
        },
      });
      return { client_id: clientId };
    },

    /**
     * The app and collectivity names the consent screen shows. Every login page asks: a name,
     * once read, is reused for NAMES_CACHE_MS (a renamed app shows its new name after that).
     */
    async describe(clientId: string): Promise<{ name: string; organisation?: string }> {
      const hit = names.get(clientId);
      if (hit && hit.until > Date.now()) return { ...hit.names };
      const client = await clients.findById(clientId);
      if (!client) return { name: 'Application inconnue' };
      const organisation = await organisations.findBySiren(client.organisationSiren);
      const described = { name: client.name, organisation: organisation?.name };
      // Only clients that exist are kept: the map is bounded by the clients table.
      names.set(clientId, { until: Date.now() + NAMES_CACHE_MS, names: described });
      return { ...described };
    },
  };
}
