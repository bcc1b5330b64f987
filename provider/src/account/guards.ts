// Middleware shared by the account centre's routers: form parsing, and the login check that
// sends the citizen to log in (again, for sensitive actions) and back.
import type { Context, Next } from 'koa';
import { readForm } from '../../../platform/http/form.ts';
import type { CurrentSession } from '../oidc/account-port.ts';

/** Sensitive actions need a login younger than this. */
export const RECENT_AUTH_MS = 10 * 60 * 1000;

export function createGuards(currentSession: (ctx: Context) => Promise<CurrentSession | undefined>) {
  const returnPath = (ctx: Context): string => {
    if (ctx.method === 'GET') return ctx.path;
    try {
      const referer = new URL(ctx.get('referer'));
      return /^\/(account|admin)(\/|$)/.test(referer.pathname) ? referer.pathname : '/account';
    } catch {
      return '/account';
    }
  };
  return {
    /** Parses the POSTed form before the CSRF check and the handler. */
    async forms(ctx: Context, next: Next) {
      if (ctx.method === 'POST') ctx.state.form = await readForm(ctx);
      await next();
    },
    requireLogin:
      (recent = false) =>
      async (ctx: Context, next: Next) => {
        const session = await currentSession(ctx);
        const fresh = session && Date.now() - session.loginAt < RECENT_AUTH_MS;
        if (!session || (recent && !fresh)) {
          ctx.status = 303;
          ctx.redirect(`/account/login?return=${encodeURIComponent(returnPath(ctx))}${session ? '&fresh=1' : ''}`);
          return;
        }
        ctx.state.session = session;
        await next();
      },
  };
}

export type Guards = ReturnType<typeof createGuards>;
