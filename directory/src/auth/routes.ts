// Login through mon-compte, incremental consent ("share it to find out"), logout, and the
// back-channel logout mon-compte calls.
import Router from '@koa/router';
import type { Context } from 'koa';
import { AppError } from '../../../platform/http/app-error.ts';
import type { MonCompteClient, PendingLogin } from './mon-compte-client.ts';
import { OPTIONAL_SCOPES, ROLE_SCOPE_CLAIMS } from './mon-compte-client.ts';
import type { CitizenSession, Sessions } from './sessions.ts';
import { safeReturnPath } from './return-path.ts';
import { backchannelLogout } from './backchannel-logout.ts';

const FLOW_COOKIE = 'ms_flow';

export function createAuthRoutes(deps: {
  client: MonCompteClient;
  sessions: Sessions;
  directoryUrl: string;
  secure: boolean;
}) {
  const { client, sessions } = deps;
  const router = new Router({ prefix: '/auth' });

  const safeReturn = (value: unknown) => safeReturnPath(value, deps.directoryUrl);

  router.get('/login', async (ctx: Context) => {
    const scope = ctx.query.scope;
    if (scope !== undefined && (typeof scope !== 'string' || !OPTIONAL_SCOPES.has(scope))) {
      throw new AppError(400, 'invalid_scope', 'Cette information ne peut pas être demandée.');
    }
    const { url, pending } = await client.startLogin(scope, safeReturn(ctx.query.return));
    ctx.cookies.set(FLOW_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secure,
      signed: true,
      path: '/auth',
      maxAge: 30 * 60 * 1000,
    });
    ctx.redirect(url);
  });

  router.get('/callback', async (ctx: Context) => {
    const raw = ctx.cookies.get(FLOW_COOKIE, { signed: true });
    ctx.cookies.set(FLOW_COOKIE, null, { path: '/auth' });
    if (!raw) throw new AppError(400, 'login_expired', 'La connexion a expiré. Recommencez.');
    const pending = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as PendingLogin;
    // Checked again: a flow cookie signed before this check existed may still be around.
    const returnTo = safeReturn(pending.returnTo);
    if (ctx.query.error) {
      // Refusing to share is a normal answer: back to where the citizen was, nothing changed.
      ctx.redirect(returnTo);
      return;
    }
    let result;
    try {
      result = await client.finishLogin(new URL(ctx.href.replace(/^https?:\/\/[^/]+/, deps.directoryUrl)), pending);
    } catch {
      throw new AppError(400, 'login_failed', 'La connexion avec mon-compte.bzh n’a pas abouti. Recommencez.');
    }
    // An incremental request ("share it to find out") returns only the family just asked for:
    // keep what the citizen shared before, for the same citizen. Never a role: it is what
    // mon-compte releases at this login, or nothing (an administrator removed since is not one).
    const previous = await sessions.get(ctx);
    const kept = previous?.sub === result.sub ? withoutRoles(previous) : { claims: {}, scopes: [] };
    await sessions.start(ctx, {
      sub: result.sub,
      ...(result.sid ? { sid: result.sid } : {}),
      claims: { ...kept.claims, ...(result.claims as CitizenClaims) },
      scopes: [...new Set([...kept.scopes, ...result.scope.split(' ').filter(Boolean)])],
      idToken: result.idToken,
      accessToken: result.accessToken,
    });
    ctx.redirect(returnTo);
  });

  router.post('/logout', async (ctx: Context) => {
    const session = await sessions.end(ctx);
    ctx.status = 303;
    ctx.redirect(session ? await client.endSessionUrl(session.idToken, `${deps.directoryUrl}/`) : '/');
  });

  router.post('/backchannel-logout', backchannelLogout({ client, sessions }));

  return router;
}

type CitizenClaims = CitizenSession['claims'];

/** What an earlier session may pass on to the next login: its claims and scopes, minus roles. */
function withoutRoles(session: CitizenSession): Pick<CitizenSession, 'claims' | 'scopes'> {
  const roleClaims = new Set(Object.values(ROLE_SCOPE_CLAIMS).flat());
  const claims = Object.fromEntries(Object.entries(session.claims).filter(([name]) => !roleClaims.has(name)));
  return {
    claims: claims as CitizenClaims,
    scopes: session.scopes.filter((scope) => !Object.hasOwn(ROLE_SCOPE_CLAIMS, scope)),
  };
}
