// "Espace collectivités" of mes-services: administrators edit, preview and publish their own
// services, as HTML forms (/espace-collectivites) and as a JSON API (/api/admin).
import fs from 'node:fs';
import Router from '@koa/router';
import type { Context, Next } from 'koa';
import { AppError } from '../../../platform/http/app-error.ts';
import { readJson } from '../../../platform/http/json.ts';
import { readForm } from '../../../platform/http/form.ts';
import type { Csrf } from '../../../platform/http/csrf.ts';
import type { Sessions } from '../auth/sessions.ts';
import { claimsSchema, parseOrThrow } from '../api/params.ts';
import { adminFromClaims, type ServiceAdmin, type ServicesAdmin } from './services-admin.ts';
import { adminListPage, adminServicePage, adminPage, loginNeededPage } from './views.ts';

const tokens = fs.readFileSync(new URL('../../../platform/styles/tokens.css', import.meta.url), 'utf8');

export function createAdminRoutes(deps: { admin: ServicesAdmin; sessions: Sessions; csrf: Csrf }) {
  const { admin, sessions, csrf } = deps;
  const router = new Router();

  const identify = (api: boolean) => async (ctx: Context, next: Next) => {
    ctx.set('Cache-Control', 'no-store');
    const session = await sessions.get(ctx);
    const who = session ? adminFromClaims(session.claims, session.sub) : undefined;
    if (!who) {
      if (api)
        throw new AppError(
          session ? 403 : 401,
          'not_an_administrator',
          'Réservé aux administrateurs des collectivités.',
        );
      ctx.status = session ? 403 : 200;
      ctx.type = 'html';
      ctx.body = loginNeededPage(Boolean(session));
      return;
    }
    ctx.state.admin = who;
    await next();
  };
  const who = (ctx: Context): ServiceAdmin => ctx.state.admin;
  const html = (ctx: Context, body: string, status = 200) => {
    ctx.status = status;
    ctx.type = 'html';
    ctx.body = body;
  };

  router.get('/espace-collectivites/styles.css', (ctx) => {
    ctx.type = 'text/css';
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = tokens;
  });

  // JSON API
  const api = new Router({ prefix: '/api/admin' });
  api.use(identify(true));
  api.get('/services', async (ctx) => {
    ctx.body = { services: await admin.list(who(ctx)) };
  });
  api.post('/services', async (ctx) => {
    ctx.status = 201;
    ctx.body = await admin.create(who(ctx), await readJson(ctx, 64 * 1024));
  });
  api.get('/services/:id', async (ctx) => {
    ctx.body = await admin.get(who(ctx), ctx.params.id!);
  });
  api.put('/services/:id', async (ctx) => {
    ctx.body = await admin.update(who(ctx), ctx.params.id!, await readJson(ctx, 64 * 1024));
  });
  for (const action of ['publish', 'unpublish'] as const) {
    api.post(`/services/:id/${action}`, async (ctx) => {
      await readJson(ctx, 1024);
      ctx.body = await admin.setPublished(who(ctx), ctx.params.id!, action === 'publish');
    });
  }
  api.post('/preview', async (ctx) => {
    const body = (await readJson(ctx, 64 * 1024)) as { service?: unknown; profile?: unknown };
    ctx.body = admin.preview(body?.service, parseOrThrow(claimsSchema, body?.profile ?? {}));
  });
  api.get('/audit', async (ctx) => {
    ctx.body = { entries: await admin.audit(who(ctx)) };
  });

  // Console
  const console = new Router({ prefix: '/espace-collectivites' });
  console.use(async (ctx, next) => {
    if (ctx.method === 'POST') ctx.state.form = await readForm(ctx, 128 * 1024);
    await next();
  });
  console.use(csrf.middleware);
  console.use(identify(false));
  const form = (ctx: Context): URLSearchParams => ctx.state.form;
  const jsonField = (ctx: Context, name: string): unknown => {
    try {
      return JSON.parse(form(ctx).get(name) ?? '');
    } catch {
      throw new AppError(400, 'invalid_json', 'Le texte saisi n’est pas du JSON valide.');
    }
  };
  const attempt = async (ctx: Context, render: (error: string) => Promise<void>, action: () => Promise<void>) => {
    try {
      await action();
    } catch (err) {
      if (err instanceof AppError && err.status < 500 && err.status !== 404) await render(err.message);
      else throw err;
    }
  };

  console.get('/', async (ctx) =>
    html(
      ctx,
      adminListPage({
        services: await admin.list(who(ctx)),
        csrf: csrf.token(ctx),
        who: who(ctx),
        audit: await admin.audit(who(ctx)),
      }),
    ),
  );
  console.post('/services', async (ctx) => {
    await attempt(
      ctx,
      async (error) =>
        html(
          ctx,
          adminListPage({
            services: await admin.list(who(ctx)),
            csrf: csrf.token(ctx),
            who: who(ctx),
            error,
            draft: form(ctx).get('service') ?? '',
          }),
          400,
        ),
      async () => {
        const created = await admin.create(who(ctx), jsonField(ctx, 'service'));
        ctx.status = 303;
        ctx.redirect(`/espace-collectivites/services/${encodeURIComponent(created.id)}`);
      },
    );
  });
  console.get('/services/:id', async (ctx) =>
    html(ctx, adminServicePage({ service: await admin.get(who(ctx), ctx.params.id!), csrf: csrf.token(ctx) })),
  );
  console.post('/services/:id', async (ctx) => {
    const id = ctx.params.id!;
    const service = await admin.get(who(ctx), id);
    await attempt(
      ctx,
      async (error) =>
        html(
          ctx,
          adminServicePage({ service, csrf: csrf.token(ctx), error, draft: form(ctx).get('service') ?? '' }),
          400,
        ),
      async () => {
        await admin.update(who(ctx), id, jsonField(ctx, 'service'));
        ctx.status = 303;
        ctx.redirect(`/espace-collectivites/services/${encodeURIComponent(id)}?ok=1`);
      },
    );
  });
  for (const action of ['publish', 'unpublish'] as const) {
    console.post(`/services/:id/${action}`, async (ctx) => {
      await admin.setPublished(who(ctx), ctx.params.id!, action === 'publish');
      ctx.status = 303;
      ctx.redirect(`/espace-collectivites/services/${encodeURIComponent(ctx.params.id!)}?ok=1`);
    });
  }
  console.post('/services/:id/preview', async (ctx) => {
    const service = await admin.get(who(ctx), ctx.params.id!);
    const draft = form(ctx).get('service') ?? JSON.stringify(service, null, 2);
    const profile = form(ctx).get('profile') ?? '{}';
    await attempt(
      ctx,
      async (error) => html(ctx, adminServicePage({ service, csrf: csrf.token(ctx), error, draft, profile }), 400),
      async () => {
        const claims = parseOrThrow(claimsSchema, JSON.parse(profile));
        const result = admin.preview(JSON.parse(draft), claims);
        html(ctx, adminServicePage({ service, csrf: csrf.token(ctx), draft, profile, preview: result }));
      },
    );
  });
  console.get('/journal', async (ctx) => html(ctx, adminPage('Journal', `<h1>Journal des modifications</h1>`)));

  router.use(api.routes());
  router.use(console.routes());
  return router;
}
