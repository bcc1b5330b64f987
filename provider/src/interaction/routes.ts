// Interaction pages at /interaction/:uid: the first page again, registration, profile completion
// and consent, thin routes over the services (the login form posts to login-routes.ts).
import Router from '@koa/router';
import type { Context } from 'koa';
import { LOGIN_ACR, type InteractionInfo, type Interactions } from '../oidc/interactions.ts';
import type { AccountsService } from '../accounts/accounts-service.ts';
import type { ProfileService } from '../profile/profile-service.ts';
import type { ConsentsRepo } from '../../../db/repos/consents-repo.ts';
import type { AuditRepo } from '../../../db/repos/audit-repo.ts';
import type { EmailFlows } from '../account/email-flows.ts';
import type { Logger } from '../../../platform/logger.ts';
import type { Csrf } from '../../../platform/http/csrf.ts';
import { readForm } from '../../../platform/http/form.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { consentItems, decideConsent } from './consent.ts';
import { parseProfileForm } from '../profile/profile-form.ts';
import { profilePage, registerPage } from './views.ts';
import type { InteractionPages } from './pages.ts';
import type { DeviceCookie } from './device-cookie.ts';
import { checkedInteraction } from './checked-interaction.ts';

export type InteractionDeps = {
  interactions: Interactions;
  accounts: AccountsService;
  profiles: ProfileService;
  consents: ConsentsRepo;
  audit: AuditRepo;
  emailFlows: EmailFlows;
  csrf: Csrf;
  pages: InteractionPages;
  device: DeviceCookie;
  logger: Logger;
};

export function createInteractionRoutes(deps: InteractionDeps): Router {
  const { interactions, accounts, profiles, consents, audit, csrf, pages, device } = deps;
  const router = new Router({ prefix: '/interaction/:uid' });

  const http = (ctx: Context) => ({ req: ctx.req, res: ctx.res });
  const go = (ctx: Context, url: string) => {
    ctx.status = 303;
    ctx.redirect(url);
  };
  const details = (ctx: Context, expected?: 'login' | 'consent') =>
    checkedInteraction(interactions.details(http(ctx)), ctx.params.uid, expected);
  router.use(async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    if (ctx.method === 'POST') ctx.state.form = await readForm(ctx);
    await next();
  });
  router.use(csrf.middleware);

  router.get('/', async (ctx) => {
    const info = await details(ctx);
    if (pages.hasPage(info)) return pages.showStep(ctx, info);
    if (info.prompt === 'login') {
      return go(
        ctx,
        await interactions.fail(
          http(ctx),
          'unmet_authentication_requirements',
          `The only authentication level available is ${LOGIN_ACR} (password)`,
        ),
      );
    }
    if (info.prompt === 'consent') {
      // The account centre is part of mon-compte itself: nothing to consent to.
      return go(
        ctx,
        await interactions.consent(http(ctx), {
          grantScopes: ['openid'],
          rejectScopes: [],
          grantClaims: [],
          rejectClaims: [],
        }),
      );
    }
    throw new AppError(400, 'unsupported_prompt', 'Cette étape de connexion n’est pas prise en charge.');
  });

  router.get('/register', async (ctx) => {
    const info = await details(ctx, 'login');
    const app = await pages.describeApp(info.clientId);
    pages.show(ctx, registerPage({ uid: info.uid, app, csrf: csrf.token(ctx), email: info.loginHint }));
  });

  router.post('/register', async (ctx) => {
    const info = await details(ctx, 'login');
    const form: URLSearchParams = ctx.state.form;
    const email = (form.get('email') ?? '').slice(0, 320);
    const result = await accounts.register({
      email,
      password: (form.get('password') ?? '').slice(0, 4096),
      ip: ctx.ip,
    });
    if (!result.ok) {
      if (result.retryAfterSeconds) ctx.set('Retry-After', String(result.retryAfterSeconds));
      const app = await pages.describeApp(info.clientId);
      const page = registerPage({ uid: info.uid, app, csrf: csrf.token(ctx), email, errors: result.errors });
      return pages.show(ctx, page, result.retryAfterSeconds ? 429 : 400);
    }
    device.remember(ctx, result.account);
    await deps.emailFlows.sendVerification(result.account.id, result.account.email).catch((err: unknown) => {
      deps.logger.warn({ err: (err as Error).message }, 'verification mail not sent');
    });
    await audit.append({ accountId: result.account.id, type: 'login', clientId: info.clientId });
    go(ctx, await interactions.login(http(ctx), result.account.id));
  });

  router.get('/profile', async (ctx) => {
    const info = await details(ctx, 'consent');
    const data = await profiles.get(info.accountId!);
    if (!data) throw new AppError(404, 'account_not_found', 'Ce compte n’existe plus.');
    pages.show(
      ctx,
      profilePage({
        action: `/interaction/${info.uid}/profile`,
        cancelHref: `/interaction/${info.uid}`,
        csrf: csrf.token(ctx),
        fields: pages.fieldsAsked(info),
        profile: data.profile,
      }),
    );
  });

  router.post('/profile', async (ctx) => {
    const info = await details(ctx, 'consent');
    const form: URLSearchParams = ctx.state.form;
    const fields = pages.fieldsAsked(info);
    const parsed = parseProfileForm(form, fields);
    if (Object.keys(parsed.errors).length > 0) {
      const data = await profiles.get(info.accountId!);
      return pages.show(
        ctx,
        profilePage({
          action: `/interaction/${info.uid}/profile`,
          cancelHref: `/interaction/${info.uid}`,
          csrf: csrf.token(ctx),
          fields,
          profile: data?.profile ?? {},
          errors: parsed.errors,
          communeCandidates: parsed.communeCandidates,
          form,
        }),
        400,
      );
    }
    await profiles.update(info.accountId!, parsed.values, parsed.cleared);
    go(ctx, `/interaction/${info.uid}`);
  });

  router.post('/consent', async (ctx) => {
    const info = await details(ctx, 'consent');
    const form: URLSearchParams = ctx.state.form;
    const request = pages.consentRequest(info);
    if (form.get('decision') === 'refuse') return refuse(ctx, info);
    const accepted = new Set(form.getAll('attr'));
    const missingSensitive = consentItems(request).filter(
      (item) => item.essential && item.attribute.sensitive && !form.getAll('attr').includes(item.attribute.id),
    );
    if (missingSensitive.length > 0) {
      const message = 'Cochez la case pour partager cette information, ou refusez le partage.';
      const errors = Object.fromEntries(missingSensitive.map((item) => [item.attribute.id, message]));
      return pages.showConsent(ctx, info, await pages.describeApp(info.clientId), errors);
    }
    const decision = decideConsent(request, accepted);
    await consents.append({
      accountId: info.accountId!,
      clientId: info.clientId,
      decision: 'granted',
      scopes: decision.grantScopes,
      claims: decision.grantClaims,
    });
    await audit.append({
      accountId: info.accountId!,
      type: 'consent.granted',
      clientId: info.clientId,
      detail: { claims: decision.grantClaims },
    });
    go(ctx, await interactions.consent(http(ctx), decision));
  });

  router.post('/abort', async (ctx) => {
    const info = await details(ctx);
    await refuse(ctx, info);
  });

  async function refuse(ctx: Context, info: InteractionInfo) {
    if (info.accountId) {
      const request = pages.consentRequest(info);
      await consents.append({
        accountId: info.accountId,
        clientId: info.clientId,
        decision: 'refused',
        scopes: request.missingScopes,
        claims: consentItems(request).flatMap((item) => item.claims),
      });
      await audit.append({ accountId: info.accountId, type: 'consent.refused', clientId: info.clientId });
    }
    go(ctx, await interactions.refuse(http(ctx)));
  }

  return router;
}
