// Login, registration, profile completion and consent: thin routes over the services.
import Router from '@koa/router';
import type { Context } from 'koa';
import { LOGIN_ACR, type Interactions } from '../oidc/interactions.ts';
import type { AccountsService } from '../accounts/accounts-service.ts';
import type { ProfileService } from '../profile/profile-service.ts';
import type { ClientsService } from '../admin/clients-service.ts';
import type { ConsentsRepo } from '../../../db/repos/consents-repo.ts';
import type { AuditRepo } from '../../../db/repos/audit-repo.ts';
import type { EmailFlows } from '../account/email-flows.ts';
import type { Logger } from '../../../platform/logger.ts';
import { ACCOUNT_CENTRE_CLIENT } from '../account/account-service.ts';
import type { Csrf } from '../../../platform/http/csrf.ts';
import { readForm } from '../../../platform/http/form.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { consentItems, decideConsent, parseClaimsParameter, type ConsentRequest } from './consent.ts';
import { EDITABLE_FIELDS, parseProfileForm, type EditableField } from '../profile/profile-form.ts';
import { ROLE_SCOPE_LABELS } from '../profile/attributes.ts';
import { consentPage, loginPage, profilePage, registerPage } from './views.ts';

export type InteractionDeps = {
  interactions: Interactions;
  accounts: AccountsService;
  profiles: ProfileService;
  clients: ClientsService;
  consents: ConsentsRepo;
  audit: AuditRepo;
  emailFlows: EmailFlows;
  csrf: Csrf;
  secureCookies: boolean;
  logger: Logger;
};

const DEVICE_COOKIE = 'kms_device';
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export function createInteractionRoutes(deps: InteractionDeps): Router {
  const { interactions, accounts, profiles, clients, consents, audit, csrf } = deps;
  const router = new Router({ prefix: '/interaction/:uid' });

  const http = (ctx: Context) => ({ req: ctx.req, res: ctx.res });
  const show = (ctx: Context, body: string, status = 200) => {
    ctx.status = status;
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'html';
    ctx.body = body;
  };
  const go = (ctx: Context, url: string) => {
    ctx.status = 303;
    ctx.redirect(url);
  };
  const details = async (ctx: Context, expected?: 'login' | 'consent') => {
    const info = await interactions.details(http(ctx)).catch((err: unknown) => {
      // An interaction lasts 30 minutes, and its cookie belongs to the browser that began it.
      if ((err as Error).name !== 'SessionNotFound') throw err;
      throw new AppError(
        400,
        'interaction_expired',
        'Cette étape de connexion a expiré ou a été ouverte dans un autre navigateur. Recommencez depuis l’application.',
      );
    });
    if (info.uid !== ctx.params.uid)
      throw new AppError(
        400,
        'interaction_mismatch',
        'Cette page ne correspond plus à votre connexion en cours. Recommencez depuis l’application.',
      );
    if (expected && info.prompt !== expected) {
      throw new AppError(
        400,
        'interaction_step',
        'Cette étape de connexion n’est plus valable. Recommencez depuis l’application.',
      );
    }
    return info;
  };
  // The account centre is a client of mon-compte itself, not a collectivity's app.
  const describeApp = (clientId: string) =>
    clientId === ACCOUNT_CENTRE_CLIENT
      ? Promise.resolve({ name: 'votre espace mon-compte.bzh' })
      : clients.describe(clientId);
  const consentRequest = (info: Awaited<ReturnType<typeof details>>): ConsentRequest => ({
    missingScopes: info.missingScopes,
    missingClaims: info.missingClaims,
    claimsParameter: parseClaimsParameter(info.claimsParameter),
    allowedScopes: info.allowedScopes ? new Set(info.allowedScopes) : undefined,
  });

  router.use(async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    if (ctx.method === 'POST') ctx.state.form = await readForm(ctx);
    await next();
  });
  router.use(csrf.middleware);

  router.get('/', async (ctx) => {
    const info = await details(ctx);
    const app = await describeApp(info.clientId);
    if (info.prompt === 'login' && info.unmetAcr) {
      return go(
        ctx,
        await interactions.fail(
          http(ctx),
          'unmet_authentication_requirements',
          `The only authentication level available is ${LOGIN_ACR} (password)`,
        ),
      );
    }
    if (info.prompt === 'login') {
      return show(ctx, loginPage({ uid: info.uid, app, csrf: csrf.token(ctx), email: info.loginHint }));
    }
    if (info.prompt === 'consent' && info.clientId === ACCOUNT_CENTRE_CLIENT) {
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
    if (info.prompt === 'consent') return renderConsent(ctx, info, app);
    throw new AppError(400, 'unsupported_prompt', 'Cette étape de connexion n’est pas prise en charge.');
  });

  router.post('/login', async (ctx) => {
    const info = await details(ctx, 'login');
    const form: URLSearchParams = ctx.state.form;
    const email = (form.get('email') ?? '').slice(0, 320);
    if (email.trim() === '' || (form.get('password') ?? '') === '') {
      // Nothing to check (and nothing counted against the account): say what is missing.
      const app = await describeApp(info.clientId);
      const error = 'Indiquez votre adresse électronique et votre mot de passe.';
      return show(ctx, loginPage({ uid: info.uid, app, csrf: csrf.token(ctx), email, error }), 400);
    }
    const result = await accounts.authenticate({
      email,
      password: form.get('password') ?? '',
      ip: ctx.ip,
      deviceToken: ctx.cookies.get(DEVICE_COOKIE, { signed: true }),
    });
    if (result.status === 'throttled') {
      ctx.set('Retry-After', String(result.retryAfterSeconds));
      const app = await describeApp(info.clientId);
      return show(
        ctx,
        loginPage({ uid: info.uid, app, csrf: csrf.token(ctx), email, throttled: result.retryAfterSeconds }),
        429,
      );
    }
    if (result.status === 'invalid') {
      return show(
        ctx,
        loginPage({
          uid: info.uid,
          app: await describeApp(info.clientId),
          csrf: csrf.token(ctx),
          email,
          error: 'Adresse électronique ou mot de passe incorrect.',
        }),
        401,
      );
    }
    rememberDevice(ctx, result.account.id);
    await audit.append({ accountId: result.account.id, type: 'login', clientId: info.clientId });
    go(ctx, await interactions.login(http(ctx), result.account.id));
  });

  router.get('/register', async (ctx) => {
    const info = await details(ctx, 'login');
    const app = await describeApp(info.clientId);
    show(ctx, registerPage({ uid: info.uid, app, csrf: csrf.token(ctx), email: info.loginHint }));
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
      const app = await describeApp(info.clientId);
      const page = registerPage({ uid: info.uid, app, csrf: csrf.token(ctx), email, errors: result.errors });
      return show(ctx, page, result.retryAfterSeconds ? 429 : 400);
    }
    rememberDevice(ctx, result.account.id);
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
    show(
      ctx,
      profilePage({
        action: `/interaction/${info.uid}/profile`,
        cancelHref: `/interaction/${info.uid}`,
        csrf: csrf.token(ctx),
        fields: fieldsAsked(info),
        profile: data.profile,
      }),
    );
  });

  router.post('/profile', async (ctx) => {
    const info = await details(ctx, 'consent');
    const form: URLSearchParams = ctx.state.form;
    const fields = fieldsAsked(info);
    const parsed = parseProfileForm(form, fields);
    if (Object.keys(parsed.errors).length > 0) {
      const data = await profiles.get(info.accountId!);
      return show(
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
    const request = consentRequest(info);
    if (form.get('decision') === 'refuse') return refuse(ctx, info);
    const accepted = new Set(form.getAll('attr'));
    const missingSensitive = consentItems(request).filter(
      (item) => item.essential && item.attribute.sensitive && !form.getAll('attr').includes(item.attribute.id),
    );
    if (missingSensitive.length > 0) {
      return renderConsent(
        ctx,
        info,
        await describeApp(info.clientId),
        'Cochez les informations sensibles obligatoires pour les partager, ou refusez.',
      );
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

  async function refuse(ctx: Context, info: Awaited<ReturnType<typeof details>>) {
    if (info.accountId) {
      const request = consentRequest(info);
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

  async function renderConsent(
    ctx: Context,
    info: Awaited<ReturnType<typeof details>>,
    app: { name: string; organisation?: string },
    error?: string,
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
        error,
      }),
      error ? 400 : 200,
    );
  }

  function fieldsAsked(info: Awaited<ReturnType<typeof details>>): EditableField[] {
    const wanted = new Set(
      consentItems(consentRequest(info)).map((item) => item.attribute.derivedFrom ?? item.attribute.id),
    );
    return EDITABLE_FIELDS.filter((f) => wanted.has(f));
  }

  function rememberDevice(ctx: Context, accountId: string) {
    ctx.cookies.set(DEVICE_COOKIE, accounts.deviceToken(accountId), {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secureCookies,
      signed: true,
      maxAge: YEAR_MS,
    });
  }

  return router;
}
