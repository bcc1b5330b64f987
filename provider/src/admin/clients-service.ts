// Relying parties: registration by administrators, and how they are named to citizens.
import crypto from 'node:crypto';
import type { ClientsRepo } from '../../../db/repos/clients-repo.ts';
import type { OrganisationsRepo } from '../../../db/repos/organisations-repo.ts';
import { SCOPE_CLAIMS } from '../profile/attributes.ts';

/** A field of a client's registration, as forms and commands name it. */
export type ClientField =
  | 'organisation'
  | 'name'
  | 'redirect_uris'
  | 'post_logout_redirect_uris'
  | 'backchannel_logout_uri'
  | 'scopes'
  | 'jwks';
export type ClientIssue = { field: ClientField; message: string };

/**
 * Every problem of one registration at once, each tied to its field, in French: the console
 * shows them beside the fields, the API and the CLI print them.
 */
export class ClientInputError extends Error {
  readonly issues: ClientIssue[];
  constructor(issues: ClientIssue[]) {
    super(issues.map((i) => i.message).join('\n'));
    this.name = 'ClientInputError';
    this.issues = issues;
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
const TERMINAL_SCOPES = ['korrigo:check', 'korrigo:pair'];
const quoted = (values: string[]) => values.map((v) => `« ${v} »`).join(', ');

/** What is wrong with an address the provider will call or send citizens to, if anything. */
function uriProblem(uri: string, what: string, production: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return `${what} « ${uri} » n’est pas une adresse web complète : elle doit commencer par https://.`;
  }
  if (url.hash) return `${what} « ${uri} » ne doit pas contenir de partie après le signe #.`;
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (local || !production))) {
    return `${what} « ${uri} » doit commencer par https://.`;
  }
  return undefined;
}

/** The problems of a relying party's settings; a setting left undefined is not checked. */
function relyingPartyIssues(
  input: {
    name?: string;
    redirectUris?: string[];
    postLogoutRedirectUris?: string[];
    backchannelLogoutUri?: string | null;
    scopes?: string[];
  },
  production: boolean,
): ClientIssue[] {
  const issues: ClientIssue[] = [];
  const uris = (field: ClientField, what: string, list: string[]) => {
    const problems = list.map((uri) => uriProblem(uri, what, production)).filter((p) => p !== undefined);
    if (problems.length) issues.push({ field, message: problems.join(' ') });
  };
  if (input.name !== undefined && !input.name.trim())
    issues.push({ field: 'name', message: 'Indiquez le nom de l’application.' });
  if (input.redirectUris?.length === 0)
    issues.push({ field: 'redirect_uris', message: 'Indiquez au moins une adresse de retour.' });
  uris('redirect_uris', 'L’adresse de retour', input.redirectUris ?? []);
  uris('post_logout_redirect_uris', 'L’adresse de retour après déconnexion', input.postLogoutRedirectUris ?? []);
  if (input.backchannelLogoutUri)
    uris('backchannel_logout_uri', 'L’adresse de déconnexion back-channel', [input.backchannelLogoutUri]);
  const unknown = (input.scopes ?? []).filter((scope) => !ALLOWED_SCOPES.has(scope));
  if (unknown.length) {
    const which =
      unknown.length > 1 ? `Les scopes ${quoted(unknown)} n’existent pas` : `Le scope ${quoted(unknown)} n’existe pas`;
    issues.push({ field: 'scopes', message: `${which}. Scopes possibles : ${[...ALLOWED_SCOPES].join(', ')}.` });
  }
  return issues;
}

/** JWK members that only a private or secret key has (RFC 7518 §6). */
export const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

const noOrganisation = (siren: string): ClientIssue => ({
  field: 'organisation',
  message: `Aucune collectivité n’a le SIREN ${siren}.`,
});

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
      const issues = relyingPartyIssues(input, production);
      if (!organisation) issues.unshift(noOrganisation(input.organisationSiren));
      if (issues.length || !organisation) throw new ClientInputError(issues);
      const scopes = new Set(['openid', ...input.scopes]);
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

    /**
     * Validates a relying party's changed settings as at creation (a setting left undefined
     * is not checked); returns the metadata the redirect URIs and scopes give.
     */
    async checkRelyingPartyInput(input: {
      name?: string;
      redirectUris: string[];
      scopes: string[];
      backchannelLogoutUri?: string | null;
    }) {
      const issues = relyingPartyIssues(input, production);
      if (issues.length) throw new ClientInputError(issues);
      const scopes = new Set(['openid', ...input.scopes]);
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
      const issues: ClientIssue[] = organisation ? [] : [noOrganisation(input.organisationSiren)];
      if (!input.name.trim()) issues.push({ field: 'name', message: 'Indiquez le nom de la borne.' });
      const keys = (input.jwks as { keys?: unknown })?.keys;
      const jwks = (message: string) => issues.push({ field: 'jwks', message });
      if (!Array.isArray(keys) || keys.length === 0 || keys.length > 5) {
        jwks('La clé publique doit être un JWKS de la forme {"keys": […]}, avec 1 à 5 clés.');
      } else if (keys.some((key) => !['EC', 'RSA', 'OKP'].includes(String(key?.kty)))) {
        jwks('Chaque clé doit être de type (kty) EC, RSA ou OKP.');
      } else if (keys.some((key) => PRIVATE_MEMBERS.some((member) => member in key))) {
        jwks('Le JWKS contient une partie privée : ne donnez que la partie publique de la clé de la borne.');
      }
      const scopes = input.scopes?.length ? input.scopes : ['korrigo:check'];
      const unknown = scopes.filter((scope) => !TERMINAL_SCOPES.includes(scope));
      if (unknown.length)
        issues.push({
          field: 'scopes',
          message: `Scope de borne inconnu : ${quoted(unknown)}. Scopes possibles : ${TERMINAL_SCOPES.join(', ')}.`,
        });
      if (issues.length || !organisation) throw new ClientInputError(issues);
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
