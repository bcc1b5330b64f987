// The pages of an interaction, shared by its routes and by the authorization endpoint, which
// serves an interaction's first page in place of the redirect to it (see at-authorization.ts).
import type { Context } from 'koa';
import type { InteractionInfo } from '../oidc/interactions.ts';
import type { ProfileService } from '../profile/profile-service.ts';
import type { ClientsService } from '../admin/clients-service.ts';
import type { Csrf } from '../../../platform/http/csrf.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { ACCOUNT_CENTRE_CLIENT } from '../account/account-service.ts';
import { consentItems, parseClaimsParameter, type ConsentRequest } from './consent.ts';
import { EDITABLE_FIELDS, type EditableField } from '../profile/profile-form.ts';
import { ROLE_SCOPE_LABELS } from '../profile/attributes.ts';
import { consentPage, loginPage } from './views.ts';

export type InteractionPagesDeps = { profiles: ProfileService; clients: ClientsService; csrf: Csrf };

export function createInteractionPages({ profiles, clients, csrf }: InteractionPagesDeps) {
  const show = (ctx: Context, body: string, status = 200) => {
    ctx.status = status;
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'html';
    ctx.body = body;
  };

  // The account centre is a client of mon-compte itself, not a collectivity's app.
  const describeApp = (clientId: string) =>
    clientId === ACCOUNT_CENTRE_CLIENT
      ? Promise.resolve({ name: 'votre espace mon-compte.bzh' })
      : clients.describe(clientId);

  const consentRequest = (info: InteractionInfo): ConsentRequest => ({
    missingScopes: info.missingScopes,
    missingClaims: info.missingClaims,
    claimsParameter: parseClaimsParameter(info.claimsParameter),
    allowedScopes: info.allowedScopes ? new Set(info.allowedScopes) : undefined,
  });

  async function showConsent(
    ctx: Context,
    info: InteractionInfo,
    app: { name: string; organisation?: string },
    errors?: Record<string, string>,
  ) {
    const data = await profiles.get(info.accountId!);
    if (!data) throw new AppError(404, 'account_not_found', 'Ce compte n’existe plus.');
    const values = profiles.values(data.identity, data.profile);
    const items = consentItems(consentRequest(info)).map((item) => ({
      id: item.attribute.id,
      label: item.attribute.label,
      value: values.get(item.attribute.id),
      essential: item.essential,
      sensitive: Boolean(item.attribute.sensitive),
      editable: (EDITABLE_FIELDS as readonly string[]).includes(item.attribute.derivedFrom ?? item.attribute.id),
    }));
    show(
      ctx,
      consentPage({
        uid: info.uid,
        app,
        csrf: csrf.token(ctx),
        email: data.identity.email,
        items,
        roles: info.missingScopes
          .filter((scope): scope is keyof typeof ROLE_SCOPE_LABELS => Object.hasOwn(ROLE_SCOPE_LABELS, scope))
          .map((scope) => ROLE_SCOPE_LABELS[scope]),
        offline: info.missingScopes.includes('offline_access'),
        errors,
      }),
      errors ? 400 : 200,
    );
  }

  return {
    show,
    describeApp,
    consentRequest,
    showConsent,

    /**
     * Whether this step of the interaction has a page: the login form, or an app's consent
     * screen. An unmet acr and the account centre's own consent are answered at once instead.
     */
    hasPage: (info: InteractionInfo) =>
      (info.prompt === 'login' && !info.unmetAcr) ||
      (info.prompt === 'consent' && info.clientId !== ACCOUNT_CENTRE_CLIENT),

    /** The page of a step that has one (`hasPage`). */
    async showStep(ctx: Context, info: InteractionInfo): Promise<void> {
      const app = await describeApp(info.clientId);
      if (info.prompt === 'login') {
        return show(ctx, loginPage({ uid: info.uid, app, csrf: csrf.token(ctx), email: info.loginHint }));
      }
      return showConsent(ctx, info, app);
    },

    /** The profile fields an app's request asks for, for the "complete my profile" step. */
    fieldsAsked(info: InteractionInfo): EditableField[] {
      const wanted = new Set(
        consentItems(consentRequest(info)).map((item) => item.attribute.derivedFrom ?? item.attribute.id),
      );
      return EDITABLE_FIELDS.filter((f) => wanted.has(f));
    },
  };
}

export type InteractionPages = ReturnType<typeof createInteractionPages>;
