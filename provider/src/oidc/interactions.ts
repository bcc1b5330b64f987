// The interaction API of oidc-provider, wrapped so that routes speak in plain terms: what is
// asked, log this account in, grant exactly these scopes and claims, refuse.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import { errors, type KoaContextWithOIDC } from 'oidc-provider';
import { parseClaimsParameter, type ConsentDecision } from '../interaction/consent.ts';
import type { StandingConsentsRepo } from '../../../db/repos/standing-consents-repo.ts';
import type { OidcPayloadsRepo } from '../../../db/repos/oidc-payloads-repo.ts';
import { ACCOUNT_CENTRE_CLIENT } from '../account/account-service.ts';
import { rememberConsent } from './standing-consent.ts';
import { applyDecision } from './grant-decision.ts';

/**
 * How a citizen proves who they are here: a password, no second factor, so eIDAS "low" (the
 * value FranceConnect's relying parties know). An app that requires more (`acr` essential with
 * other values) gets unmet_authentication_requirements instead of a login page that never ends.
 */
export const LOGIN_ACR = 'eidas1';

/** Where an interaction's pages live (oidc-provider's `interactions.url`). */
export const interactionPath = (uid: string) => `/interaction/${uid}`;

/**
 * Where the login form posts: under the interaction's resume address (/auth/:uid), where the
 * browser sends the resume cookie oidc-provider set for it, so that a successful login goes on
 * to the resume in the same request instead of a redirect to it (see `detailsAtResume`).
 */
export const LOGIN_FORM_ROUTE = '/auth/:uid/login';
export const loginFormPath = (uid: string) => `/auth/${uid}/login`;

export type InteractionInfo = {
  uid: string;
  prompt: 'login' | 'consent' | string;
  clientId: string;
  accountId?: string;
  missingScopes: string[];
  missingClaims: string[];
  claimsParameter: unknown;
  scope: string;
  /** The app's `login_hint` (OIDC Core 3.1.2.1): the email to suggest on the login page. */
  loginHint?: string;
  /** At the consent step, the scopes the app is registered for (undefined: any). */
  allowedScopes?: string[];
  /** The app requires (essential `acr`) a level of authentication that we do not offer. */
  unmetAcr: boolean;
};

type Http = { req: IncomingMessage; res: ServerResponse };

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

export function createInteractions(
  provider: Provider,
  stores: { standingConsents: StandingConsentsRepo; payloads: OidcPayloadsRepo },
) {
  // The interaction `details` read for a request, which `login` then completes: oidc-provider's
  // interactionResult would read it and its session again for the same request.
  const loaded = new WeakMap<IncomingMessage, Interaction>();

  /** What routes need to know of an interaction, in plain terms. */
  async function describe(details: Interaction): Promise<InteractionInfo> {
    const reasons = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    let missingScopes = reasons.missingOIDCScope ?? [];
    let missingClaims = reasons.missingOIDCClaims ?? [];
    // prompt=consent asks again (OpenID Connect Core 3.1.2.1): every requested attribute is on
    // the screen, what was granted as well as what was once declined ("share it to find
    // out"), and the citizen's new answer replaces the old one.
    if (
      details.prompt.name === 'consent' &&
      String(details.params.prompt ?? '')
        .split(' ')
        .includes('consent')
    ) {
      const requested = String(details.params.scope ?? '')
        .split(' ')
        .filter(Boolean);
      missingScopes = [...new Set([...missingScopes, ...requested])];
      missingClaims = [...new Set([...missingClaims, ...claimsNamedIn(details.params.claims)])];
    }
    const allowedScopes =
      details.prompt.name === 'consent'
        ? (await provider.Client.find(String(details.params.client_id)))?.scope?.split(' ')
        : undefined;
    return {
      uid: details.uid,
      prompt: details.prompt.name,
      allowedScopes,
      unmetAcr: unmetAcr(details.prompt),
      clientId: String(details.params.client_id),
      accountId: details.session?.accountId,
      missingScopes,
      missingClaims,
      claimsParameter: details.params.claims,
      scope: String(details.params.scope ?? ''),
      loginHint: typeof details.params.login_hint === 'string' ? details.params.login_hint.slice(0, 254) : undefined,
    };
  }

  return {
    async details({ req, res }: Http): Promise<InteractionInfo> {
      const details = await provider.interactionDetails(req, res);
      loaded.set(req, details);
      return describe(details);
    },

    /**
     * The interaction of a form posted under its resume address (LOGIN_FORM_ROUTE). The browser
     * that began it proves so with oidc-provider's resume cookie, scoped to that address, as the
     * interaction cookie proves it under /interaction/:uid; the checks are interactionDetails'.
     */
    async detailsAtResume(ctx: Context, uid: string): Promise<InteractionInfo> {
      const cookie = ctx.cookies.get(provider.cookieName('resume'), { signed: true });
      if (!cookie || cookie !== uid) throw new errors.SessionNotFound('resume cookie not found');
      const interaction = await provider.Interaction.find(uid);
      if (!interaction) throw new errors.SessionNotFound('interaction session not found');
      if (interaction.session?.uid) {
        const session = await provider.Session.findByUid(interaction.session.uid);
        if (!session) throw new errors.SessionNotFound('session not found');
        if (interaction.session.accountId !== session.accountId) {
          throw new errors.SessionNotFound('session principal changed');
        }
      }
      loaded.set(ctx.req, interaction);
      return describe(interaction);
    },

    /**
     * The interaction the authorization endpoint has just started, when this request's answer
     * is the redirect to its page: that page can then be served in place of the redirect.
     */
    async startedBy(ctx: Context): Promise<InteractionInfo | undefined> {
      const oidc = (ctx as Partial<KoaContextWithOIDC>).oidc;
      const interaction = oidc?.route === 'authorization' ? oidc.entities.Interaction : undefined;
      if (!interaction || ctx.status !== 303 || ctx.response.get('Location') !== interactionPath(interaction.uid)) {
        return undefined;
      }
      return describe(interaction);
    },

    /**
     * Returns the URL to send the browser to. Completes the interaction this request's `details`
     * read, as interactionResult does: the session it belongs to is checked again when the
     * browser comes back to /auth (resume), so reading both again here would add nothing.
     */
    async login({ req }: Http, accountId: string): Promise<string> {
      const result = { login: { accountId, amr: ['pwd'], acr: LOGIN_ACR, remember: true } };
      const interaction = loaded.get(req);
      const ttl = interaction ? interaction.exp - Math.floor(Date.now() / 1000) : 0;
      // Expired while the password was checked: as interactionDetails would say now.
      if (!interaction || ttl <= 0) throw new errors.SessionNotFound('interaction session expired');
      interaction.result = result;
      await interaction.save(ttl);
      return interaction.returnTo;
    },

    async consent({ req, res }: Http, decision: ConsentDecision): Promise<string> {
      const details = await provider.interactionDetails(req, res);
      const accountId = details.session!.accountId;
      const clientId = String(details.params.client_id);
      const grant = details.grantId
        ? ((await provider.Grant.find(details.grantId)) ?? new provider.Grant({ accountId, clientId }))
        : new provider.Grant({ accountId, clientId });
      applyDecision(grant, decision);
      const grantId = await grant.save();
      // The account centre is mon-compte itself: nothing to remember for it.
      if (clientId !== ACCOUNT_CENTRE_CLIENT) await rememberConsent({ provider, ...stores }, grant, decision);
      return provider.interactionResult(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    },

    async refuse(http: Http): Promise<string> {
      return this.fail(http, 'access_denied', 'The citizen refused to share their data');
    },

    /** Ends the request with an OAuth error for the app (at its redirect URI). */
    async fail({ req, res }: Http, error: string, description: string): Promise<string> {
      return provider.interactionResult(
        req,
        res,
        { error, error_description: description },
        { mergeWithLastSubmission: false },
      );
    },

    async clientName(clientId: string): Promise<string | undefined> {
      const client = await provider.Client.find(clientId);
      return client?.clientName;
    },
  };
}

export type Interactions = ReturnType<typeof createInteractions>;

/** The claims a `claims` request parameter names, for the ID token or userinfo. */
function claimsNamedIn(raw: unknown): string[] {
  const request = parseClaimsParameter(raw);
  return [...Object.keys(request?.id_token ?? {}), ...Object.keys(request?.userinfo ?? {})];
}

/** oidc-provider asks for a login again while an essential `acr` is not met: we never meet another. */
function unmetAcr(prompt: Interaction['prompt']): boolean {
  if (!prompt.reasons.includes('essential_acrs') && !prompt.reasons.includes('essential_acr')) return false;
  const requested = (prompt.details as { acr?: { value?: unknown; values?: unknown } }).acr;
  const values = Array.isArray(requested?.values) ? requested.values : [requested?.value];
  return !values.includes(LOGIN_ACR);
}
