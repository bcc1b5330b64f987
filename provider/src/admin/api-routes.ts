// The JSON admin API (/api/admin): the console's actions for scripts and integrations.
// Authenticated by the administrator's mon-compte session; changes need a JSON body, which a
// cross-site form cannot send, and the session cookie is SameSite.
import Router from '@koa/router';
import type { Context, Next } from 'koa';
import { z } from 'zod';
import { readJson } from '../../../platform/http/json.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { CurrentSession } from '../oidc/account-port.ts';
import type { Actor, AdminService } from './admin-service.ts';

const uris = z.array(z.string().max(2000)).max(20);
const scopes = z.array(z.string().max(40)).max(20);
const newClient = z
  .object({
    name: z.string().min(1).max(200),
    redirect_uris: uris,
    scopes: scopes.default([]),
    backchannel_logout_uri: z.string().max(2000).optional(),
  })
  .strict();
const clientChanges = z
  .object({
    name: z.string().min(1).max(200).optional(),
    redirect_uris: uris.optional(),
    scopes: scopes.optional(),
    backchannel_logout_uri: z.string().max(2000).nullable().optional(),
  })
  .strict();
const newTerminal = z
  .object({ name: z.string().min(1).max(200), jwks: z.unknown(), scopes: scopes.default(['korrigo:check']) })
  .strict();
const newAdministrator = z.object({ email: z.string().max(254) }).strict();

// Zod's French messages for this parse only: the process-wide default stays as it is.
const french = z.locales.fr().localeError;

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value, { error: french });
  if (!parsed.success)
    throw new AppError(
      400,
      'invalid_input',
      parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')} : ${i.message}` : i.message)).join(' ; '),
    );
  return parsed.data;
}

export function createAdminApiRoutes(deps: {
  admin: AdminService;
  currentSession(ctx: Context): Promise<CurrentSession | undefined>;
}) {
  const { admin } = deps;
  const router = new Router({ prefix: '/api/admin' });

  router.use(async (ctx: Context, next: Next) => {
    ctx.set('Cache-Control', 'no-store');
    const session = await deps.currentSession(ctx);
    if (!session) throw new AppError(401, 'login_required', 'Connectez-vous avec votre compte mon-compte.bzh.');
    const actor = await admin.actor(session.accountId);
    if (!actor) throw new AppError(403, 'not_an_administrator', 'Réservé aux administrateurs des collectivités.');
    ctx.state.actor = actor;
    await next();
  });
  const who = (ctx: Context): Actor => ctx.state.actor;
  const siren = (ctx: Context) => String(ctx.params.siren);
  const id = (ctx: Context) => String(ctx.params.id);

  router.get('/organisations', async (ctx) => {
    ctx.body = { platform: who(ctx).platform, organisations: await admin.organisationsOf(who(ctx)) };
  });
  router.get('/organisations/:siren/clients', async (ctx) => {
    ctx.body = { clients: await admin.listClients(who(ctx), siren(ctx)) };
  });
  router.post('/organisations/:siren/clients', async (ctx) => {
    const body = parse(newClient, await readJson(ctx));
    ctx.status = 201;
    ctx.body = await admin.createRelyingParty(who(ctx), siren(ctx), {
      name: body.name,
      redirectUris: body.redirect_uris,
      scopes: body.scopes,
      backchannelLogoutUri: body.backchannel_logout_uri,
    });
  });
  router.get('/organisations/:siren/clients/:id', async (ctx) => {
    ctx.body = await admin.getClient(who(ctx), siren(ctx), id(ctx));
  });
  router.patch('/organisations/:siren/clients/:id', async (ctx) => {
    const body = parse(clientChanges, await readJson(ctx));
    ctx.body = await admin.updateRelyingParty(who(ctx), siren(ctx), id(ctx), {
      name: body.name,
      redirectUris: body.redirect_uris,
      scopes: body.scopes,
      backchannelLogoutUri: body.backchannel_logout_uri,
    });
  });
  router.post('/organisations/:siren/clients/:id/secret', async (ctx) => {
    parse(z.object({}).strict(), await readJson(ctx));
    ctx.body = await admin.rotateSecret(who(ctx), siren(ctx), id(ctx));
  });
  for (const action of ['disable', 'enable'] as const) {
    router.post(`/organisations/:siren/clients/:id/${action}`, async (ctx) => {
      parse(z.object({}).strict(), await readJson(ctx));
      await admin.setDisabled(who(ctx), siren(ctx), id(ctx), action === 'disable');
      ctx.status = 204;
    });
  }
  router.post('/organisations/:siren/terminals', async (ctx) => {
    const body = parse(newTerminal, await readJson(ctx));
    ctx.status = 201;
    ctx.body = await admin.createTerminal(who(ctx), siren(ctx), {
      name: body.name,
      jwks: body.jwks,
      scopes: body.scopes,
    });
  });
  router.get('/organisations/:siren/administrators', async (ctx) => {
    ctx.body = { administrators: await admin.administrators(who(ctx), siren(ctx)) };
  });
  router.post('/organisations/:siren/administrators', async (ctx) => {
    const body = parse(newAdministrator, await readJson(ctx));
    await admin.addAdministrator(who(ctx), siren(ctx), body.email);
    ctx.status = 204;
  });
  router.delete('/organisations/:siren/administrators/:id', async (ctx) => {
    await admin.removeAdministrator(who(ctx), siren(ctx), id(ctx));
    ctx.status = 204;
  });
  router.get('/organisations/:siren/audit', async (ctx) => {
    ctx.body = { entries: await admin.audit(who(ctx), siren(ctx)) };
  });

  return router;
}
