// "Espace collectivités" of mes-services: administrators edit, preview and publish their own
// services, as HTML forms (/espace-collectivites) and as a JSON API (/api/admin).
import fs from 'node:fs';
import Router from '@koa/router';
import { z } from 'zod';
import type { Context, Next } from 'koa';
import { AppError } from '../../../platform/http/app-error.ts';
import { readJson } from '../../../platform/http/json.ts';
import { readForm } from '../../../platform/http/form.ts';
import type { Csrf } from '../../../platform/http/csrf.ts';
import type { CitizenSession, Sessions } from '../auth/sessions.ts';
import { claimsSchema, parseOrThrow } from '../api/params.ts';
import { ANY_OTHER, apiProblems, otherMethodOrUnknown } from '../api/api-errors.ts';
import { adminFromClaims, type ServiceAdmin, type ServicesAdmin } from './services-admin.ts';
import { ROLE_CLAIM, type AdminRights } from './admin-rights.ts';
import {
  adminListPage,
  adminServicePage,
  adminJournalPage,
  CONFIRMATIONS,
  loginNeededPage,
  rightsUnconfirmedPage,
  type Confirmation,
  type FormError,
} from './views.ts';

// The platform's shared look, then the few rules of the console's own (its JSON fields).
const styles = [
  fs.readFileSync(new URL('../../../platform/styles/tokens.css', import.meta.url), 'utf8'),
  fs.readFileSync(new URL('./console.css', import.meta.url), 'utf8'),
].join('\n');
const frenchMessages = z.locales.fr().localeError;

/** A sample profile typed in the console: the same rules as the API's, told in French. */
function profileClaims(value: unknown) {
  const parsed = claimsSchema.safeParse(value, { error: frenchMessages });
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'profil'} : ${issue.message}`);
  throw new AppError(400, 'invalid_profile', `Profil invalide – ${detail.join(' ; ')}`.slice(0, 500));
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(400, 'invalid_json', 'Le texte saisi n’est pas du JSON valide.');
  }
};

/** A step that may fail on what one field holds: the mistake, as a value tied to that field. */
async function inField<T>(
  field: FormError['field'],
  step: () => T | Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: FormError }> {
  try {
    return { ok: true, value: await step() };
  } catch (err) {
    if (err instanceof AppError && err.status < 500 && err.status !== 404)
      return { ok: false, error: { field, message: err.message } };
    throw err;
  }
}

const RECONFIRM =
  'Vos droits d’administration doivent être confirmés par mon-compte.bzh : reconnectez-vous à l’Espace collectivités.';

export function createAdminRoutes(deps: { admin: ServicesAdmin; sessions: Sessions; csrf: Csrf; rights: AdminRights }) {
  const { admin, sessions, csrf, rights } = deps;
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
    ctx.state.session = session;
    await next();
  };
  const html = (ctx: Context, body: string, status = 200) => {
    ctx.status = status;
    ctx.type = 'html';
    ctx.body = body;
  };
  /**
   * Before every page and call: the role as mon-compte releases it now (see admin-rights.ts).
   * What it answers replaces the session's claim.
   */
  const roleConfirmed = (api: boolean) => async (ctx: Context, next: Next) => {
    const session: CitizenSession = ctx.state.session;
    // A change asks mon-compte every time; a read may use its answer of the last minute.
    const check = await rights.check(session, { fresh: ctx.method !== 'GET' });
    if (check.answered && JSON.stringify(check.role) !== JSON.stringify(session.claims[ROLE_CLAIM])) {
      const { [ROLE_CLAIM]: _, ...claims } = session.claims;
      await sessions.update(ctx, {
        ...session,
        claims: check.role === undefined ? claims : { ...claims, [ROLE_CLAIM]: check.role },
      });
    }
    if (!check.admin) {
      if (api) throw new AppError(403, 'admin_login_required', RECONFIRM);
      const id = ctx.params.id;
      const back = id ? `/espace-collectivites/services/${encodeURIComponent(id)}` : '/espace-collectivites';
      const draft = (ctx.state.form as URLSearchParams | undefined)?.get('service') ?? undefined;
      return html(ctx, rightsUnconfirmedPage({ returnTo: back, draft }), 403);
    }
    ctx.state.admin = check.admin;
    await next();
  };
  const who = (ctx: Context): ServiceAdmin => ctx.state.admin;

  router.get('/espace-collectivites/styles.css', (ctx) => {
    ctx.type = 'text/css';
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = styles;
  });

  // JSON API
  const api = new Router({ prefix: '/api/admin' });
  api.use(apiProblems);
  api.use(identify(true));
  // Reading too: another collectivity's drafts are not public, and a removed administrator
  // must lose them with the role, not at the session's end.
  const apiRights = roleConfirmed(true);
  api.get('/services', apiRights, async (ctx) => {
    ctx.body = { services: await admin.list(who(ctx)) };
  });
  api.post('/services', apiRights, async (ctx) => {
    ctx.status = 201;
    ctx.body = await admin.create(who(ctx), await readJson(ctx, 64 * 1024));
  });
  api.get('/services/:id', apiRights, async (ctx) => {
    ctx.body = await admin.get(who(ctx), ctx.params.id!);
  });
  api.put('/services/:id', apiRights, async (ctx) => {
    ctx.body = await admin.update(who(ctx), ctx.params.id!, await readJson(ctx, 64 * 1024));
  });
  for (const action of ['publish', 'unpublish'] as const) {
    api.post(`/services/:id/${action}`, apiRights, async (ctx) => {
      await readJson(ctx, 1024);
      ctx.body = await admin.setPublished(who(ctx), ctx.params.id!, action === 'publish');
    });
  }
  api.post('/preview', apiRights, async (ctx) => {
    const body = (await readJson(ctx, 64 * 1024)) as { service?: unknown; profile?: unknown };
    ctx.body = admin.preview(body?.service, parseOrThrow(claimsSchema, body?.profile ?? {}));
  });
  api.get('/audit', apiRights, async (ctx) => {
    ctx.body = { entries: await admin.audit(who(ctx)) };
  });
  api.all(ANY_OTHER, otherMethodOrUnknown('/api/admin'));

  // Console
  const console = new Router({ prefix: '/espace-collectivites' });
  console.use(async (ctx, next) => {
    if (ctx.method === 'POST') ctx.state.form = await readForm(ctx, 128 * 1024);
    await next();
  });
  console.use(csrf.middleware);
  console.use(identify(false));
  const consoleRights = roleConfirmed(false);
  const form = (ctx: Context): URLSearchParams => ctx.state.form;
  const jsonField = (ctx: Context, name: string): unknown => parseJson(form(ctx).get(name) ?? '');
  const confirmed = (ctx: Context, id: string, done: Confirmation) => {
    ctx.status = 303;
    ctx.redirect(`/espace-collectivites/services/${encodeURIComponent(id)}?ok=${done}`);
  };

  console.get('/', consoleRights, async (ctx) =>
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
  console.post('/services', consoleRights, async (ctx) => {
    const created = await inField('service', () => admin.create(who(ctx), jsonField(ctx, 'service')));
    if (created.ok) return confirmed(ctx, created.value.id, 'cree');
    const services = await admin.list(who(ctx));
    const draft = form(ctx).get('service') ?? '';
    html(ctx, adminListPage({ services, csrf: csrf.token(ctx), who: who(ctx), error: created.error, draft }), 400);
  });
  console.get('/services/:id', consoleRights, async (ctx) => {
    const service = await admin.get(who(ctx), ctx.params.id!);
    const ok = typeof ctx.query.ok === 'string' ? ctx.query.ok : undefined;
    // ?ok=1: the address the console redirected to before it said which change was made.
    const done = ok === '1' ? 'enregistre' : ok && ok in CONFIRMATIONS ? (ok as Confirmation) : undefined;
    html(ctx, adminServicePage({ service, csrf: csrf.token(ctx), ...(done ? { done } : {}) }));
  });
  console.post('/services/:id', consoleRights, async (ctx) => {
    const id = ctx.params.id!;
    const service = await admin.get(who(ctx), id);
    const updated = await inField('service', () => admin.update(who(ctx), id, jsonField(ctx, 'service')));
    if (updated.ok) return confirmed(ctx, id, 'enregistre');
    const draft = form(ctx).get('service') ?? '';
    html(ctx, adminServicePage({ service, csrf: csrf.token(ctx), error: updated.error, draft }), 400);
  });
  for (const action of ['publish', 'unpublish'] as const) {
    console.post(`/services/:id/${action}`, consoleRights, async (ctx) => {
      await admin.setPublished(who(ctx), ctx.params.id!, action === 'publish');
      confirmed(ctx, ctx.params.id!, action === 'publish' ? 'publie' : 'depublie');
    });
  }
  console.post('/services/:id/preview', consoleRights, async (ctx) => {
    const service = await admin.get(who(ctx), ctx.params.id!);
    const draft = form(ctx).get('service') ?? JSON.stringify(service, null, 2);
    const profile = form(ctx).get('profile') ?? '{}';
    const page = (more: Partial<Parameters<typeof adminServicePage>[0]>, status = 200) =>
      html(ctx, adminServicePage({ service, csrf: csrf.token(ctx), draft, profile, ...more }), status);
    const claims = await inField('profile', () => profileClaims(parseJson(profile)));
    if (!claims.ok) return page({ error: claims.error }, 400);
    const result = await inField('service', () => admin.preview(parseJson(draft), claims.value));
    if (!result.ok) return page({ error: result.error }, 400);
    page({ preview: result.value });
  });
  console.get('/journal', consoleRights, async (ctx) => html(ctx, adminJournalPage(await admin.audit(who(ctx)))));

  router.use(api.routes());
  router.use(console.routes());
  return router;
}
