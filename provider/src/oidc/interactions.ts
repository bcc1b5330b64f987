// The interaction API of oidc-provider, wrapped so that routes speak in plain terms: what is
// asked, log this account in, grant exactly these scopes and claims, refuse.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { ConsentDecision } from '../interaction/consent.ts';

export type InteractionInfo = {
  uid: string;
  prompt: 'login' | 'consent' | string;
  clientId: string;
  accountId?: string;
  missingScopes: string[];
  missingClaims: string[];
  claimsParameter: unknown;
  scope: string;
};

type Http = { req: IncomingMessage; res: ServerResponse };

export function createInteractions(provider: Provider) {
  return {
    async details({ req, res }: Http): Promise<InteractionInfo> {
      const details = await provider.interactionDetails(req, res);
      const reasons = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      return {
        uid: details.uid,
        prompt: details.prompt.name,
        clientId: String(details.params.client_id),
        accountId: details.session?.accountId,
        missingScopes: reasons.missingOIDCScope ?? [],
        missingClaims: reasons.missingOIDCClaims ?? [],
        claimsParameter: details.params.claims,
        scope: String(details.params.scope ?? ''),
      };
    },

    /** Returns the URL to send the browser to. */
    async login({ req, res }: Http, accountId: string): Promise<string> {
      return provider.interactionResult(
        req,
        res,
        { login: { accountId, amr: ['pwd'], remember: true } },
        { mergeWithLastSubmission: false },
      );
    },

    async consent({ req, res }: Http, decision: ConsentDecision): Promise<string> {
      const details = await provider.interactionDetails(req, res);
      const accountId = details.session!.accountId;
      const clientId = String(details.params.client_id);
      const grant = details.grantId
        ? ((await provider.Grant.find(details.grantId)) ?? new provider.Grant({ accountId, clientId }))
        : new provider.Grant({ accountId, clientId });
      if (decision.grantScopes.length) grant.addOIDCScope(decision.grantScopes.join(' '));
      if (decision.rejectScopes.length) grant.rejectOIDCScope(decision.rejectScopes.join(' '));
      if (decision.grantClaims.length) grant.addOIDCClaims(decision.grantClaims);
      if (decision.rejectClaims.length) grant.rejectOIDCClaims(decision.rejectClaims);
      const grantId = await grant.save();
      return provider.interactionResult(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    },

    async refuse({ req, res }: Http): Promise<string> {
      return provider.interactionResult(
        req,
        res,
        { error: 'access_denied', error_description: 'The citizen refused to share their data' },
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
