// The account centre at /account, and the password-reset pages. Thin routes over the account
// service, the email flows and the profile service.
import crypto from 'node:crypto';
import Router from '@koa/router';
import type { Context } from 'koa';
import type { Csrf } from '../../../platform/http/csrf.ts';
import type { Guards } from './guards.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { AccountService } from './account-service.ts';
import { ACCOUNT_CENTRE_CLIENT } from './account-service.ts';
import type { EmailFlows } from './email-flows.ts';
import type { ProfileService } from '../profile/profile-service.ts';
import type { AuditRepo } from '../../../db/repos/audit-repo.ts';
import type { ClientsService } from '../admin/clients-service.ts';
import type { CurrentSession } from '../oidc/account-port.ts';
import { EDITABLE_FIELDS, parseProfileForm } from '../profile/profile-form.ts';
import { attributeOfClaim } from '../profile/attributes.ts';
import { profileForm, type ProfileFormOptions } from '../interaction/views.ts';
import {
  accountPage,
  activityPage,
  appsPage,
  dataPage,
  forgotPage,
  homePage,
  profileOverview,
  resetPage,
  securityPage,
  simplePage,
} from './views.ts';
import { html } from '../../../platform/html.ts';
import { normaliseEmail } from '../accounts/password-policy.ts';
import type { BackgroundTasks } from '../../../platform/background.ts';

const FLOW_COOKIE = 'kms_account_flow';

export type AccountRoutesDeps = {
  issuer: string;
  secureCookies: boolean;
  csrf: Csrf;
  currentSession(ctx: Context): Promise<CurrentSession | undefined>;
  guards: Guards;
  account: AccountService;
  emailFlows: EmailFlows;
  profiles: ProfileService;
  audit: AuditRepo;
  clients: ClientsService;
  /** Where a reset request's work runs, so that its answer never waits for it. */
  background: BackgroundTasks;
};

export function createAccountRoutes(deps: AccountRoutesDeps): Router {
  const { csrf, account, emailFlows, profiles, audit } = deps;
  const router = new Router();

  const show = (ctx: Context, body: string, status = 200) => {
    ctx.status = status;
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  };
  const go = (ctx: Context, url: string) => {
    ctx.status = 303;
    ctx.redirect(url);
  };
  const flash = (ctx: Context) => {
    const messages: Record<string, string> = {
      revoked: 'L’accès a été révoqué.',
      profile: 'Votre profil est enregistré.',
      password: 'Votre mot de passe a été changé.',
      email:
        'Un message a été envoyé à la nouvelle adresse : suivez le lien qu’il contient pour confirmer le changement.',
      resent: 'Un nouveau lien de confirmation a été envoyé.',
    };
    return messages[String(ctx.query.ok ?? '')];
  };

  const { forms, requireLogin } = deps.guards;
  const sessionOf = (ctx: Context): CurrentSession => ctx.state.session;

  for (const prefix of ['/account', '/password']) router.use(prefix, forms, csrf.middleware);

  // Logging in to the account centre is an ordinary OIDC login of its own first-party client,
  // so the citizen has one session for the account centre and every app.
  router.get('/account/login', async (ctx) => {
    const state = crypto.randomBytes(16).toString('base64url');
    const verifier = crypto.randomBytes(32).toString('base64url');
    const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
    const back = String(ctx.query.return ?? '/account');
    // Only our own pages: never an open redirect.
    const returnTo = /^\/(account|admin)(\/|$|\?)/.test(back) ? back : '/account';
    ctx.cookies.set(FLOW_COOKIE, `${state}.${encodeURIComponent(returnTo)}`, {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secureCookies,
      signed: true,
      path: '/account',
      maxAge: 30 * 60 * 1000,
    });
    const params = new URLSearchParams({
      client_id: ACCOUNT_CENTRE_CLIENT,
      response_type: 'code',
      scope: 'openid',
      redirect_uri: `${deps.issuer}/account/callback`,
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...(ctx.query.fresh ? { prompt: 'login', max_age: '0' } : {}),
    });
    go(ctx, `/auth?${params}`);
  });

  router.get('/account/callback', async (ctx) => {
    const [state, returnTo] = (ctx.cookies.get(FLOW_COOKIE, { signed: true }) ?? '').split('.');
    ctx.cookies.set(FLOW_COOKIE, null, { path: '/account' });
    if (!state || ctx.query.state !== state) {
      throw new AppError(400, 'bad_state', 'La connexion n’a pas pu être vérifiée. Recommencez.');
    }
    if (ctx.query.error) return go(ctx, '/');
    go(ctx, decodeURIComponent(returnTo ?? '/account'));
  });

  router.get('/account/logout', async (ctx) => {
    const params = new URLSearchParams({
      client_id: ACCOUNT_CENTRE_CLIENT,
      post_logout_redirect_uri: `${deps.issuer}/`,
    });
    go(ctx, `/session/end?${params}`);
  });

  router.get('/account', requireLogin(), async (ctx) => {
    const { accountId } = sessionOf(ctx);
    const data = await profiles.get(accountId);
    if (!data) return go(ctx, '/account/logout');
    const apps = await account.connectedApps(accountId);
    show(ctx, homePage({ ...data.identity, apps: apps.length, csrf: csrf.token(ctx), flash: flash(ctx) }));
  });

  const renderProfile = async (ctx: Context, extra: Partial<ProfileFormOptions> = {}, status = 200) => {
    const { accountId } = sessionOf(ctx);
    const data = (await profiles.get(accountId))!;
    const apps = await account.connectedApps(accountId);
    const receivers = new Map<string, string[]>();
    for (const app of apps) {
      for (const claim of app.claims) {
        const id = attributeOfClaim(claim)?.id;
        if (id && !receivers.get(id)?.includes(app.name)) receivers.set(id, [...(receivers.get(id) ?? []), app.name]);
      }
    }
    const overview = profileOverview(profiles.values(data.identity, data.profile), receivers);
    const form = profileForm({
      action: '/account/profile',
      cancelHref: '/account',
      csrf: csrf.token(ctx),
      fields: [...EDITABLE_FIELDS],
      profile: data.profile,
      ...extra,
    });
    show(
      ctx,
      accountPage({
        title: extra.errors && Object.keys(extra.errors).length ? 'Erreur – Mon profil' : 'Mon profil',
        current: '/account/profile',
        flash: flash(ctx),
        body: html`<h1>Mon profil</h1>${form}<h2>Ce que vous partagez</h2>${overview}`,
      }),
      status,
    );
  };

  router.get('/account/profile', requireLogin(), async (ctx) => renderProfile(ctx));

  router.post('/account/profile', requireLogin(), async (ctx) => {
    const form: URLSearchParams = ctx.state.form;
    const parsed = parseProfileForm(form, EDITABLE_FIELDS);
    if (Object.keys(parsed.errors).length) {
      return renderProfile(ctx, { errors: parsed.errors, communeCandidates: parsed.communeCandidates, form }, 400);
    }
    const { accountId } = sessionOf(ctx);
    await profiles.update(accountId, parsed.values, parsed.cleared);
    await audit.append({ accountId, type: 'profile.updated', detail: { fields: Object.keys(parsed.values) } });
    go(ctx, '/account/profile?ok=profile');
  });

  router.get('/account/apps', requireLogin(), async (ctx) => {
    const apps = await account.connectedApps(sessionOf(ctx).accountId);
    show(ctx, appsPage({ apps, csrf: csrf.token(ctx), flash: flash(ctx) }));
  });

  router.post('/account/apps/:clientId/revoke', requireLogin(), async (ctx) => {
    const done = await account.revokeApp(sessionOf(ctx).accountId, ctx.params.clientId!);
    if (!done) throw new AppError(404, 'app_not_found', 'Cette application n’est pas connectée à votre compte.');
    go(ctx, '/account/apps?ok=revoked');
  });

  router.get('/account/activity', requireLogin(), async (ctx) => {
    const events = await audit.listForAccount(sessionOf(ctx).accountId, 200);
    const names = new Map<string, string>();
    for (const id of new Set(events.map((e) => e.clientId).filter((c): c is string => Boolean(c)))) {
      names.set(id, (await deps.clients.describe(id)).name);
    }
    show(ctx, activityPage({ events, names }));
  });

  router.get('/account/security', requireLogin(), async (ctx) => {
    const data = (await profiles.get(sessionOf(ctx).accountId))!;
    show(ctx, securityPage({ email: data.identity.email, csrf: csrf.token(ctx), flash: flash(ctx) }));
  });

  router.post('/account/email', requireLogin(true), async (ctx) => {
    const form: URLSearchParams = ctx.state.form;
    const { accountId } = sessionOf(ctx);
    const result = await emailFlows.requestEmailChange(accountId, form.get('email') ?? '');
    if (result.error) {
      const data = (await profiles.get(accountId))!;
      return show(
        ctx,
        securityPage({
          email: data.identity.email,
          csrf: csrf.token(ctx),
          errors: { email: result.error },
          newEmail: form.get('email') ?? '',
        }),
        400,
      );
    }
    go(ctx, '/account/security?ok=email');
  });

  router.post('/account/email/resend', requireLogin(), async (ctx) => {
    const data = (await profiles.get(sessionOf(ctx).accountId))!;
    if (!data.identity.emailVerified) await emailFlows.sendVerification(sessionOf(ctx).accountId, data.identity.email);
    go(ctx, '/account?ok=resent');
  });

  router.get('/account/email/verify', async (ctx) => {
    const result = await emailFlows.verify(String(ctx.query.token ?? ''));
    const messages = {
      verified: ['Adresse confirmée', 'Merci : votre adresse électronique est confirmée.'],
      invalid: [
        'Lien non valable',
        'Ce lien a déjà servi ou a expiré. Vous pouvez en demander un nouveau depuis votre compte.',
      ],
      taken: ['Adresse déjà utilisée', 'Cette adresse est désormais utilisée par un autre compte.'],
    } as const;
    const [title, message] = messages[result];
    show(ctx, simplePage(title, message, ['/account', 'Aller à mon compte']), result === 'verified' ? 200 : 400);
  });

  router.post('/account/password', requireLogin(true), async (ctx) => {
    const form: URLSearchParams = ctx.state.form;
    const session = sessionOf(ctx);
    const result = await emailFlows.changePassword({
      accountId: session.accountId,
      current: (form.get('current') ?? '').slice(0, 4096),
      next: (form.get('next') ?? '').slice(0, 4096),
      endOtherSessions: form.get('end_other_sessions') === 'yes',
      currentSessionId: session.sessionId,
    });
    if (result.errors) {
      const data = (await profiles.get(session.accountId))!;
      return show(ctx, securityPage({ email: data.identity.email, csrf: csrf.token(ctx), errors: result.errors }), 400);
    }
    go(ctx, '/account/security?ok=password');
  });

  router.get('/account/data', requireLogin(), async (ctx) => show(ctx, dataPage({ csrf: csrf.token(ctx) })));

  router.get('/account/export', requireLogin(), async (ctx) => {
    const { accountId } = sessionOf(ctx);
    const data = await account.exportData(accountId);
    await audit.append({ accountId, type: 'data.exported' });
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Content-Disposition', 'attachment; filename="mon-compte-bzh.json"');
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(data, null, 2);
  });

  router.post('/account/delete', requireLogin(true), async (ctx) => {
    const form: URLSearchParams = ctx.state.form;
    if (form.get('confirm') !== 'yes') {
      const error = 'Cochez la case pour confirmer la suppression définitive de votre compte.';
      return show(ctx, dataPage({ csrf: csrf.token(ctx), error }), 400);
    }
    await account.deleteAccount(sessionOf(ctx).accountId);
    show(
      ctx,
      simplePage(
        'Compte supprimé',
        'Votre compte et vos données ont été supprimés. Les applications connectées ont été prévenues.',
        ['/', 'Retour à l’accueil'],
      ),
    );
  });

  router.get('/password/forgot', (ctx) => show(ctx, forgotPage({ csrf: csrf.token(ctx) })));

  router.post('/password/forgot', async (ctx) => {
    const form: URLSearchParams = ctx.state.form;
    const email = (form.get('email') ?? '').slice(0, 320);
    // A malformed address is said so: that tells nothing about which accounts exist.
    if (!normaliseEmail(email)) {
      const error = 'Indiquez une adresse électronique valide, par exemple prenom.nom@exemple.fr.';
      return show(ctx, forgotPage({ csrf: csrf.token(ctx), error, email }), 400);
    }
    // Looking the address up, making a link and mailing it take time only for a known address:
    // done after the answer, so that its timing cannot tell whether the address has an account.
    deps.background.run('password reset request', () => emailFlows.requestPasswordReset(email));
    show(ctx, forgotPage({ csrf: csrf.token(ctx), sent: true }));
  });

  router.get('/password/reset', async (ctx) => {
    const token = String(ctx.query.token ?? '');
    if (!(await emailFlows.resetIsValid(token))) {
      return show(
        ctx,
        simplePage('Lien non valable', 'Ce lien a déjà servi ou a expiré.', [
          '/password/forgot',
          'Demander un nouveau lien',
        ]),
        400,
      );
    }
    show(ctx, resetPage({ csrf: csrf.token(ctx), token }));
  });

  router.post('/password/reset', async (ctx) => {
    const form: URLSearchParams = ctx.state.form;
    const token = form.get('token') ?? '';
    const result = await emailFlows.resetPassword(token, (form.get('password') ?? '').slice(0, 4096));
    if (!result.ok) return show(ctx, resetPage({ csrf: csrf.token(ctx), token, error: result.error }), 400);
    show(
      ctx,
      simplePage('Mot de passe changé', 'Votre nouveau mot de passe est enregistré. Vous pouvez vous connecter.', [
        '/account',
        'Aller à mon compte',
      ]),
    );
  });

  return router;
}
