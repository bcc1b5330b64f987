// OpenID Connect Back-Channel Logout 1.0, the relying party's side: mon-compte posts a signed
// logout token when a citizen logs out there, revokes mes-services or deletes their account, and
// mes-services forgets them at once. mon-compte calls server to server: no cookie, no CSRF token.
import type { Context } from 'koa';
import { AppError } from '../../../platform/http/app-error.ts';
import { readForm } from '../../../platform/http/form.ts';
import type { MonCompteClient } from './mon-compte-client.ts';
import type { Sessions } from './sessions.ts';

const BODY_LIMIT = 16 * 1024;

export function backchannelLogout(deps: { client: MonCompteClient; sessions: Sessions }) {
  return async (ctx: Context) => {
    ctx.set('Cache-Control', 'no-store');
    let token: string | null = null;
    try {
      token = (await readForm(ctx, BODY_LIMIT)).get('logout_token');
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
    const subject = token ? await deps.client.verifyLogoutToken(token) : undefined;
    if (!subject) {
      // §2.8: a token that fails validation is answered 400, and nothing is ended.
      ctx.status = 400;
      ctx.body = { error: 'invalid_request' };
      return;
    }
    // Every session of the citizen, not only the one `sid` names: a logout token cannot tell a
    // revocation or an account deletion from a logout (docs/decisions/back-channel-logout.md).
    const ended = await deps.sessions.endAllOf(subject);
    ctx.state.log?.info({ ended }, 'back-channel logout');
    ctx.status = 200;
    ctx.body = '';
  };
}
