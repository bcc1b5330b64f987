// OpenID Connect Core (3.1.2.1) and RP-Initiated Logout (2) require the authorization and
// end-session endpoints to accept POST as well as GET. oidc-provider serves POST there only with
// SameSite=None session cookies, which every cross-site request would then carry: our cookies
// stay Lax, and a form posted to either endpoint is answered with a 303 to the same endpoint,
// its parameters in the query. The browser's next request is a top-level GET navigation, which
// carries Lax cookies: the citizen's session is found, as after a GET from the app.
import type { Context, Next } from 'koa';
import { readForm } from '../../../platform/http/form.ts';

const ENDPOINTS = new Set(['/auth', '/session/end']);
/** Authorization requests are short (no request objects here); a logout carries an ID token. */
const LIMIT_BYTES = 16 * 1024;

export async function postAsGet(ctx: Context, next: Next): Promise<void> {
  if (ctx.method !== 'POST' || !ENDPOINTS.has(ctx.path)) return next();
  const form = await readForm(ctx, LIMIT_BYTES);
  // Parameters sent twice (query and body) stay twice: oidc-provider refuses duplicates.
  const params = new URLSearchParams(ctx.querystring);
  for (const [name, value] of form) params.append(name, value);
  ctx.set('Cache-Control', 'no-store');
  ctx.status = 303;
  ctx.redirect(`${ctx.path}?${params}`);
}
