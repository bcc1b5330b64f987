// Errors of the card API as RFC 9457 problems. Routes throw AppError like everywhere else; here
// `title` is the status's own phrase, the same for every problem of a status (with type
// about:blank, RFC 9457 4.2.1), and the varying explanation, in French, goes to `detail`.
// Terminals branch on `status` and `code`; `detail` is for their logs and never quotes the
// request (a key or a value in a body may be a card number).
import type { Context, Next } from 'koa';
import { AppError } from '../../../platform/http/app-error.ts';

/** RFC 9110 15 reason phrases of the statuses this API answers with a problem. */
const PHRASES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
};

export async function problemJson(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
  } catch (err) {
    // Anything else is not expected: the platform's handler logs it and answers 500.
    if (!(err instanceof AppError) || !PHRASES[err.status]) throw err;
    ctx.status = err.status;
    if (err.retryAfterSeconds) ctx.set('Retry-After', String(err.retryAfterSeconds));
    ctx.type = 'application/problem+json';
    ctx.body = {
      type: 'about:blank',
      title: PHRASES[err.status],
      status: err.status,
      detail: err.message,
      code: err.code,
    };
  }
}

/** A known path asked with another method (RFC 9110 15.5.6): 405 and the methods it has. */
export function methodNotAllowed(...allowed: string[]) {
  return (ctx: Context) => {
    ctx.set('Allow', allowed.join(', '));
    throw new AppError(405, 'method_not_allowed', `Cette adresse n’accepte que ${allowed.join(', ')}.`);
  };
}

/**
 * The API reads bodies as sent: a compressed one would be parsed as if it were not (or fail as
 * invalid JSON), so any content coding is refused, saying which one is accepted (RFC 9110
 * 15.5.16, 12.5.3).
 */
export function refuseContentCoding(ctx: Context): void {
  if (!ctx.get('content-encoding')) return;
  ctx.set('Accept-Encoding', 'identity');
  throw new AppError(415, 'unsupported_content_encoding', 'Envoyez le corps sans compression (Content-Encoding).');
}
