// The administration console (/admin): the same actions as the admin API, as HTML forms.
import Router from '@koa/router';
import type { Context, Next } from 'koa';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Csrf } from '../../../platform/http/csrf.ts';
import type { Guards } from '../account/guards.ts';
import type { Actor, AdminService } from './admin-service.ts';
import { auditView, clientView, consolePage, homeView, organisationView } from './console-views.ts';

const words = (value: string | null) => (value ?? '').split(/[\s,]+/).filter(Boolean);

export function createConsoleRoutes(deps: { admin: AdminService; csrf: Csrf; guards: Guards }) {
  const { admin, csrf } = deps;
  const router = new Router({ prefix: '/admin' });
  router.use(deps.guards.forms, csrf.middleware, deps.guards.requireLogin());
  router.use(async (ctx: Context, next: Next) => {
    ctx.set('Cache-Control', 'no-store');
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
  const show = (ctx: Context, body: string, status = 200) => {
    ctx.status = status;
    ctx.type = 'html';
    ctx.body = body;
  };
  const back = (ctx: Context, path: string) => {
    ctx.status = 303;
    ctx.redirect(path);
  };
  /** A refused input is shown on the organisation page, not as a bare error page. */
  const attempt = async (
    ctx: Context,
    siren: string,
    action: () => Promise<unknown>,
    onDone: (result: unknown) => Promise<void> | void,
  ) => {
    try {
      await onDone(await action());
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      await renderOrganisation(ctx, siren, { error: err.message }, 400);
    }
  };

  async function renderOrganisation(
    ctx: Context,
    siren: string,
    extra: { error?: string; flash?: string; secret?: { client_id: string; client_secret?: string } } = {},
    status = 200,
  ) {
    const organisation = await admin.organisationFor(who(ctx), siren);
    const body = organisationView({
      organisation,
      clients: await admin.listClients(who(ctx), siren),
      administrators: await admin.administrators(who(ctx), siren),
      csrf: csrf.token(ctx),
      secret: extra.secret,
    });
    show(ctx, consolePage(organisation.name, body, extra), status);
  }

  router.get('/', async (ctx) => {
    show(
      ctx,
      consolePage(
        'Console des collectivités',
        homeView(await admin.organisationsOf(who(ctx)), who(ctx).platform, csrf.token(ctx)),
      ),
    );
  });
  router.get('/open', async (ctx) =>
    back(ctx, `/admin/${encodeURIComponent(String(ctx.query.siren ?? '').replace(/\D/g, ''))}`),
  );
  router.get('/:siren', async (ctx) =>
    renderOrganisation(ctx, ctx.params.siren!, { flash: ctx.query.ok ? 'Enregistré.' : undefined }),
  );

  router.post('/:siren/clients', async (ctx) => {
    const siren = ctx.params.siren!;
    const f = form(ctx);
    await attempt(
      ctx,
      siren,
      () =>
        admin.createRelyingParty(who(ctx), siren, {
          name: f.get('name') ?? '',
          redirectUris: words(f.get('redirect_uris')),
          scopes: words(f.get('scopes')),
          backchannelLogoutUri: f.get('backchannel_logout_uri') || undefined,
        }),
      (created) => renderOrganisation(ctx, siren, { secret: created as { client_id: string; client_secret?: string } }),
    );
  });
  router.post('/:siren/terminals', async (ctx) => {
    const siren = ctx.params.siren!;
    const f = form(ctx);
    let jwks: unknown;
    try {
      jwks = JSON.parse(f.get('jwks') ?? '');
    } catch {
      return renderOrganisation(ctx, siren, { error: 'La clé publique doit être un JWKS au format JSON.' }, 400);
    }
    await attempt(
      ctx,
      siren,
      () =>
        admin.createTerminal(who(ctx), siren, {
          name: f.get('name') ?? '',
          jwks,
          scopes: f.get('pair') === 'yes' ? ['korrigo:check', 'korrigo:pair'] : ['korrigo:check'],
        }),
      (created) => renderOrganisation(ctx, siren, { secret: created as { client_id: string } }),
    );
  });
  router.get('/:siren/clients/:id', async (ctx) => {
    const client = await admin.getClient(who(ctx), ctx.params.siren!, ctx.params.id!);
    show(ctx, consolePage(client.name, clientView({ siren: ctx.params.siren!, client, csrf: csrf.token(ctx) })));
  });
  router.post('/:siren/clients/:id', async (ctx) => {
    const { siren, id } = ctx.params as { siren: string; id: string };
    const f = form(ctx);
    await attempt(
      ctx,
      siren,
      () =>
        admin.updateRelyingParty(who(ctx), siren, id, {
          name: f.get('name') || undefined,
          redirectUris: words(f.get('redirect_uris')),
          scopes: words(f.get('scopes')),
          backchannelLogoutUri: f.get('backchannel_logout_uri') || null,
        }),
      () => back(ctx, `/admin/${siren}?ok=1`),
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
    await attempt(
      ctx,
      siren,
      () => admin.addAdministrator(who(ctx), siren, form(ctx).get('email') ?? ''),
      () => back(ctx, `/admin/${siren}?ok=1`),
    );
  });
  router.post('/:siren/administrators/:id/remove', async (ctx) => {
    await admin.removeAdministrator(who(ctx), ctx.params.siren!, ctx.params.id!);
    back(ctx, `/admin/${ctx.params.siren}?ok=1`);
  });
  router.get('/:siren/audit', async (ctx) => {
    const organisation = await admin.organisationFor(who(ctx), ctx.params.siren!);
    show(
      ctx,
      consolePage('Journal d’administration', auditView(organisation, await admin.audit(who(ctx), organisation.siren))),
    );
  });

  return router;
}
