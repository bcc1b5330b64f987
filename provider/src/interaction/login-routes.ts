// The login form. It posts under the interaction's resume address (/auth/:uid/login), where the
// browser sends oidc-provider's resume cookie: a good password then goes on to the resume (the
// code for the app, or the consent screen) within the same request, where a redirect would cost
// the citizen one more round trip. A wrong password shows the form again, with its error.
// /interaction/:uid/login still takes forms of pages served before, and ends with the redirect.
import Router from '@koa/router';
import type { Context } from 'koa';
import { LOGIN_FORM_ROUTE, type InteractionInfo, type Interactions } from '../oidc/interactions.ts';
import type { AccountsService } from '../accounts/accounts-service.ts';
import type { AuditRepo } from '../../../db/repos/audit-repo.ts';
import type { Csrf } from '../../../platform/http/csrf.ts';
import { readForm } from '../../../platform/http/form.ts';
import { checkedInteraction, expiredAsPage } from './checked-interaction.ts';
import type { DeviceCookie } from './device-cookie.ts';
import type { InteractionPages } from './pages.ts';
import { loginPage } from './views.ts';

/** Where the forms of pages served before the login form moved under /auth/:uid post. */
const OLDER_LOGIN_FORM_ROUTE = '/interaction/:uid/login';

export type LoginRoutesDeps = {
  interactions: Interactions;
  accounts: AccountsService;
  audit: AuditRepo;
  csrf: Csrf;
  pages: InteractionPages;
  device: DeviceCookie;
};

export function createLoginRoutes(deps: LoginRoutesDeps): Router {
  const { interactions, accounts, audit, csrf, pages, device } = deps;
  const router = new Router();
  const http = (ctx: Context) => ({ req: ctx.req, res: ctx.res });

  // The metrics count these requests under their own route, whether they show the form again,
  // refuse it, or go on to oidc-provider's resume.
  const routes = [LOGIN_FORM_ROUTE, OLDER_LOGIN_FORM_ROUTE];
  router.use(routes, async (ctx, next) => {
    ctx.state.metricsRoute = (ctx as { _matchedRoute?: string })._matchedRoute;
    ctx.set('Cache-Control', 'no-store');
    ctx.state.form = await readForm(ctx);
    await next();
  });
  router.use(routes, csrf.middleware);

  router.post(LOGIN_FORM_ROUTE, async (ctx, next) => {
    const info = await checkedInteraction(interactions.detailsAtResume(ctx, ctx.params.uid!), ctx.params.uid, 'login');
    const resumeAt = await logIn(ctx, info);
    if (!resumeAt) return;
    // The resume itself, in this request: oidc-provider's own route, as the redirect would
    // reach it (GET, the resume cookie this browser sent), further down the middleware chain.
    ctx.method = 'GET';
    ctx.path = new URL(resumeAt).pathname;
    await next();
  });

  router.post(OLDER_LOGIN_FORM_ROUTE, async (ctx) => {
    const info = await checkedInteraction(interactions.details(http(ctx)), ctx.params.uid, 'login');
    const resumeAt = await logIn(ctx, info);
    if (resumeAt) {
      ctx.status = 303;
      ctx.redirect(resumeAt);
    }
  });

  /** Checks the form; on success returns where the authorization resumes, else shows the form. */
  async function logIn(ctx: Context & { state: { form: URLSearchParams } }, info: InteractionInfo) {
    const form = ctx.state.form;
    const email = (form.get('email') ?? '').slice(0, 320);
    const again = async (status: number, o: { error?: string; throttled?: number }) => {
      const app = await pages.describeApp(info.clientId);
      pages.show(ctx, loginPage({ uid: info.uid, app, csrf: csrf.token(ctx), email, ...o }), status);
      return undefined;
    };
    if (email.trim() === '' || (form.get('password') ?? '') === '') {
      // Nothing to check (and nothing counted against the account): say what is missing.
      return again(400, { error: 'Indiquez votre adresse électronique et votre mot de passe.' });
    }
    const result = await accounts.authenticate({
      email,
      password: form.get('password') ?? '',
      ip: ctx.ip,
      deviceToken: device.read(ctx),
    });
    if (result.status === 'throttled') {
      ctx.set('Retry-After', String(result.retryAfterSeconds));
      return again(429, { throttled: result.retryAfterSeconds });
    }
    if (result.status === 'invalid') return again(401, { error: 'Adresse électronique ou mot de passe incorrect.' });
    // The interaction may have expired while the password was checked: then no login happened.
    const resumeAt = await expiredAsPage(interactions.login(http(ctx), result.account.id));
    device.remember(ctx, result.account);
    await audit.append({ accountId: result.account.id, type: 'login', clientId: info.clientId });
    return resumeAt;
  }

  return router;
}
