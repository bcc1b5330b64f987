// The administration console (/admin): the same actions as the admin API, as HTML forms.
import Router from '@koa/router';
import type { Context, Next } from 'koa';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Csrf } from '../../../platform/http/csrf.ts';
import type { Guards } from '../account/guards.ts';
import { AdminInputError, type Actor, type AdminService, type InputIssue } from './admin-service.ts';
import { PRIVATE_MEMBERS } from './clients-service.ts';
import { FORMS, posted, type ConsoleForm, type FormState } from './console-fields.ts';
import { auditView, clientView, consolePage, homeView, organisationView, refusalView } from './console-views.ts';

/** Scopes: separated by spaces (or commas). */
const words = (value: string) => value.split(/[\s,]+/).filter(Boolean);
/** Redirect URIs: one per line. A URI holds no space, but may hold a comma. */
const lines = (value: string) => value.split(/\s+/).filter(Boolean);

/** A JWKS with a private part is a secret: it is never sent back to the page. */
const holdsSecret = (text: string) =>
  /PRIVATE KEY/.test(text) || new RegExp(`"(${PRIVATE_MEMBERS.join('|')})"\\s*:`).test(text);

/** Where a problem is shown when its form has no field of that name. */
const ALIASES: Partial<Record<ConsoleForm, Record<string, string>>> = { 'new-terminal': { scopes: 'pair' } };

/** Refused input as its form shows it: each problem at its field (or at the form's first one). */
function formState(form: ConsoleForm, values: Record<string, string>, issues: InputIssue[]): FormState {
  const names = Object.keys(FORMS[form]);
  const at = (field: string) => (names.includes(field) ? field : (ALIASES[form]?.[field] ?? names[0]!));
  // In the order of the form, as the summary lists them.
  const errors = Object.fromEntries(
    names
      .map((name) => [name, issues.filter((i) => at(i.field) === name).map((i) => i.message)] as const)
      .filter(([, messages]) => messages.length)
      .map(([name, messages]) => [name, messages.join(' ')]),
  );
  return { form, values, errors };
}

const HOME: [string, string] = ['/admin', 'Retour à la console des collectivités'];

/** What a refused request is called, and the way back from it. */
function refusal(err: AppError, ctx: Context) {
  const siren = /^\/admin\/(\d{9})(?:\/|$)/.exec(ctx.path)?.[1];
  const organisation: [string, string] = siren ? [`/admin/${siren}`, 'Retour à la collectivité'] : HOME;
  switch (err.code) {
    case 'not_your_organisation':
      return {
        heading: 'Accès refusé – cette collectivité n’est pas la vôtre',
        message:
          'Seuls ses administrateurs et ceux de la plateforme peuvent l’administrer. Si vous devez l’administrer, demandez à l’un de ses administrateurs de vous ajouter.',
        back: HOME,
      };
    case 'not_an_administrator':
      return {
        heading: 'Accès refusé – console réservée aux administrateurs des collectivités',
        message: `${err.message} Un administrateur de votre collectivité peut vous y ajouter.`,
        back: ['/account', 'Retour à mon compte'] as [string, string],
      };
    case 'no_such_organisation':
      return {
        heading: 'Collectivité introuvable – aucune collectivité n’a ce SIREN',
        message: 'Vérifiez le numéro SIREN, à 9 chiffres.',
        back: HOME,
      };
    case 'not_found':
      return { heading: 'Élément introuvable', message: err.message, back: organisation };
    case 'csrf_failed':
      return { heading: 'Formulaire expiré', message: err.message, back: organisation };
    default:
      return { heading: 'Action impossible', message: err.message, back: organisation };
  }
}

export function createConsoleRoutes(deps: { admin: AdminService; csrf: Csrf; guards: Guards }) {
  const { admin, csrf } = deps;
  const router = new Router({ prefix: '/admin' });
  const show = (ctx: Context, body: string, status = 200) => {
    ctx.status = status;
    ctx.type = 'html';
    ctx.body = body;
  };
  /** A refused request gets a page that says what happened and leads back, with its status. */
  const refusals = async (ctx: Context, next: Next) => {
    ctx.set('Cache-Control', 'no-store');
    try {
      await next();
    } catch (err) {
      // Overload answers (429, 5xx) keep the shared handler, which also says when to retry.
      if (!(err instanceof AppError) || err.status >= 500 || err.status === 429) throw err;
      const r = refusal(err, ctx);
      show(ctx, consolePage({ title: r.heading, body: refusalView(r), bare: !ctx.state.actor }), err.status);
    }
  };
  router.use(deps.guards.forms, refusals, csrf.middleware, deps.guards.requireLogin());
  router.use(async (ctx: Context, next: Next) => {
    const actor = await admin.actor(ctx.state.session.accountId);
    if (!actor)
      throw new AppError(
        403,
        'not_an_administrator',
        'Cette console est réservée aux administrateurs des collectivités.',
      );
    ctx.state.actor = actor;
    await next();
  });
  const who = (ctx: Context): Actor => ctx.state.actor;
  const form = (ctx: Context): URLSearchParams => ctx.state.form;
  const back = (ctx: Context, path: string) => {
    ctx.status = 303;
    ctx.redirect(path);
  };
  /** Runs an action; refused input goes back to its form, with the errors and what was typed. */
  const attempt = async <T>(
    action: () => Promise<T>,
    onDone: (result: T) => Promise<void> | void,
    onRefused: (issues: InputIssue[]) => Promise<void>,
  ) => {
    let result: T;
    try {
      result = await action();
    } catch (err) {
      if (!(err instanceof AdminInputError)) throw err;
      return onRefused(err.issues);
    }
    await onDone(result);
  };

  async function renderOrganisation(
    ctx: Context,
    siren: string,
    extra: { flash?: string; secret?: { client_id: string; client_secret?: string }; form?: FormState } = {},
  ) {
    const organisation = await admin.organisationFor(who(ctx), siren);
    const body = organisationView({
      organisation,
      clients: await admin.listClients(who(ctx), siren),
      administrators: await admin.administrators(who(ctx), siren),
      csrf: csrf.token(ctx),
      secret: extra.secret,
      form: extra.form,
    });
    const page = consolePage({ title: organisation.name, body, flash: extra.flash, failed: Boolean(extra.form) });
    show(ctx, page, extra.form ? 400 : 200);
  }

  async function renderClient(ctx: Context, siren: string, id: string, form?: FormState) {
    const client = await admin.getClient(who(ctx), siren, id);
    const body = clientView({ siren, client, csrf: csrf.token(ctx), form });
    show(ctx, consolePage({ title: client.name, body, failed: Boolean(form) }), form ? 400 : 200);
  }

  router.get('/', async (ctx) => {
    const organisations = await admin.organisationsOf(who(ctx));
    show(ctx, consolePage({ title: 'Console des collectivités', body: homeView(organisations, who(ctx).platform) }));
  });
  router.get('/open', async (ctx) =>
    back(ctx, `/admin/${encodeURIComponent(String(ctx.query['open-siren'] ?? '').replace(/\D/g, ''))}`),
  );
  router.get('/:siren', async (ctx) =>
    renderOrganisation(ctx, ctx.params.siren!, { flash: ctx.query.ok ? 'Enregistré.' : undefined }),
  );

  router.post('/:siren/clients', async (ctx) => {
    const siren = ctx.params.siren!;
    const values = posted('new-client', form(ctx));
    await attempt(
      () =>
        admin.createRelyingParty(who(ctx), siren, {
          name: values.name.trim(),
          redirectUris: lines(values.redirect_uris),
          scopes: words(values.scopes),
          backchannelLogoutUri: values.backchannel_logout_uri.trim() || undefined,
        }),
      (secret) => renderOrganisation(ctx, siren, { secret }),
      (issues) => renderOrganisation(ctx, siren, { form: formState('new-client', values, issues) }),
    );
  });
  router.post('/:siren/terminals', async (ctx) => {
    const siren = ctx.params.siren!;
    const values = posted('new-terminal', form(ctx));
    let jwks: unknown;
    let unreadable: string | undefined;
    try {
      jwks = JSON.parse(values.jwks);
    } catch {
      unreadable = values.jwks.trim()
        ? 'La clé publique doit être un JWKS au format JSON, de la forme {"keys": […]}.'
        : 'Collez la clé publique de la borne, au format JWKS.';
    }
    await attempt(
      () =>
        admin.createTerminal(who(ctx), siren, {
          name: values.name.trim(),
          jwks,
          scopes: values.pair === 'yes' ? ['korrigo:check', 'korrigo:pair'] : ['korrigo:check'],
        }),
      (secret) => renderOrganisation(ctx, siren, { secret }),
      (issues) => {
        const said = issues.map((i) => (i.field === 'jwks' && unreadable ? { ...i, message: unreadable } : i));
        const kept = { ...values, jwks: holdsSecret(values.jwks) ? '' : values.jwks };
        return renderOrganisation(ctx, siren, { form: formState('new-terminal', kept, said) });
      },
    );
  });
  router.get('/:siren/clients/:id', async (ctx) => renderClient(ctx, ctx.params.siren!, ctx.params.id!));
  router.post('/:siren/clients/:id', async (ctx) => {
    const { siren, id } = ctx.params as { siren: string; id: string };
    const values = posted('client', form(ctx));
    await attempt(
      () =>
        admin.updateRelyingParty(who(ctx), siren, id, {
          name: values.name.trim(),
          redirectUris: lines(values.redirect_uris),
          scopes: words(values.scopes),
          backchannelLogoutUri: values.backchannel_logout_uri.trim() || null,
        }),
      () => back(ctx, `/admin/${siren}?ok=1`),
      (issues) => renderClient(ctx, siren, id, formState('client', values, issues)),
    );
  });
  router.post('/:siren/clients/:id/secret', async (ctx) => {
    const secret = await admin.rotateSecret(who(ctx), ctx.params.siren!, ctx.params.id!);
    await renderOrganisation(ctx, ctx.params.siren!, { secret });
  });
  for (const action of ['disable', 'enable'] as const) {
    router.post(`/:siren/clients/:id/${action}`, async (ctx) => {
      await admin.setDisabled(who(ctx), ctx.params.siren!, ctx.params.id!, action === 'disable');
      back(ctx, `/admin/${ctx.params.siren}?ok=1`);
    });
  }
  router.post('/:siren/administrators', async (ctx) => {
    const siren = ctx.params.siren!;
    const values = posted('new-admin', form(ctx));
    await attempt(
      () => admin.addAdministrator(who(ctx), siren, values.email),
      () => back(ctx, `/admin/${siren}?ok=1`),
      (issues) => renderOrganisation(ctx, siren, { form: formState('new-admin', values, issues) }),
    );
  });
  router.post('/:siren/administrators/:id/remove', async (ctx) => {
    await admin.removeAdministrator(who(ctx), ctx.params.siren!, ctx.params.id!);
    back(ctx, `/admin/${ctx.params.siren}?ok=1`);
  });
  router.get('/:siren/audit', async (ctx) => {
    const organisation = await admin.organisationFor(who(ctx), ctx.params.siren!);
    const entries = await admin.audit(who(ctx), organisation.siren);
    show(ctx, consolePage({ title: 'Journal d’administration', body: auditView(organisation, entries) }));
  });

  return router;
}
