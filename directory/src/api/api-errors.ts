// What every JSON API router of mes-services answers when a request goes wrong: problem+json
// (RFC 9457) that says what was received, and 405 rather than 404 for another method.
import type { Context, Next } from 'koa';
import type { RouterContext } from '@koa/router';
import { AppError } from '../../../platform/http/app-error.ts';
import { ApiProblem } from './params.ts';

/**
 * The platform's error handler sends title, status and code; a problem of the API also says what
 * was received, apart from the title (`detail`). First middleware of an API router.
 */
export async function apiProblems(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
  } catch (err) {
    if (!(err instanceof ApiProblem)) throw err;
    ctx.status = err.status;
    ctx.type = 'application/problem+json';
    ctx.body = { type: 'about:blank', title: err.message, status: err.status, code: err.code, detail: err.detail };
  }
}

/**
 * The last route of an API router, on ANY_OTHER: an address the router knows, asked with another
 * method, gets 405 and the methods it answers (RFC 9110 15.5.6), not a 404 that would say it does
 * not exist.
 */
/** Matches every path under a router's prefix. */
export const ANY_OTHER = '/{*rest}';

export function otherMethodOrUnknown(prefix: string) {
  const anyOtherPath = `${prefix}${ANY_OTHER}`;
  return (ctx: RouterContext) => {
    const allowed = [
      ...new Set(ctx.matched?.filter((layer) => layer.path !== anyOtherPath).flatMap((layer) => layer.methods)),
    ];
    if (allowed.length) {
      ctx.set('Allow', allowed.join(', '));
      throw new ApiProblem(
        405,
        'method_not_allowed',
        `La méthode ${ctx.method} n’est pas acceptée à cette adresse de l’API`,
        `Méthodes acceptées : ${allowed.join(', ')}.`,
      );
    }
    throw new AppError(404, 'not_found', 'Cette adresse de l’API n’existe pas.');
  };
}
