// When the authorization endpoint starts an interaction, oidc-provider answers with a redirect
// to the interaction's page; the citizen's browser then asks for that page. Serving the page
// in that first answer instead saves the citizen a round trip before the login form shows (a
// tenth of a second or more on a phone's mobile connection) and the server one request per
// login. The cookies oidc-provider set for the interaction go with the page, so its forms post
// to /interaction/:uid/… exactly as after a redirect; /interaction/:uid itself still serves
// the page (a reload, the way back from the profile step, and interactions begun on resume).
import type { Middleware } from 'koa';
import type { Interactions } from '../oidc/interactions.ts';
import type { InteractionPages } from './pages.ts';

export function serveFirstPageAtAuthorization(interactions: Interactions, pages: InteractionPages): Middleware {
  return async (ctx, next) => {
    await next();
    if (ctx.method !== 'GET') return;
    const info = await interactions.startedBy(ctx);
    // Steps without a page (an unmet acr, the account centre's consent) keep the redirect:
    // their route at /interaction/:uid answers them.
    if (!info || !pages.hasPage(info)) return;
    ctx.remove('Location');
    await pages.showStep(ctx, info);
  };
}
