// CSRF protection for our own forms: a random cookie (SameSite=Strict, HttpOnly) and, in each
// form, an HMAC of it under the cookie key. A cross-site page can neither read the cookie nor
// compute the token; every POST of our routes is checked before it runs.
import crypto from 'node:crypto';
import type { Context, Next } from 'koa';
import { AppError } from './app-error.ts';

export type Csrf = { middleware: (ctx: Context, next: Next) => Promise<void>; token(ctx: Context): string };

export function createCsrf({ key, secure }: { key: string; secure: boolean }): Csrf {
  const cookieName = secure ? '__Host-kms_csrf' : 'kms_csrf';
  const sign = (value: string) => crypto.createHmac('sha256', key).update(`csrf\u0000${value}`).digest('base64url');

  const cookieValue = (ctx: Context): string => {
    let value = ctx.cookies.get(cookieName);
    if (!value || !/^[A-Za-z0-9_-]{43}$/.test(value)) {
      value = crypto.randomBytes(32).toString('base64url');
      ctx.cookies.set(cookieName, value, { httpOnly: true, sameSite: 'strict', secure, path: '/', signed: false });
    }
    return value;
  };

  return {
    token: (ctx) => sign(cookieValue(ctx)),
    async middleware(ctx, next) {
      if (ctx.method === 'POST') {
        const cookie = ctx.cookies.get(cookieName);
        const form: URLSearchParams | undefined = ctx.state.form;
        const given = Buffer.from(form?.get('csrf') ?? '');
        const expected = cookie ? Buffer.from(sign(cookie)) : Buffer.alloc(0);
        if (!cookie || given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
          throw new AppError(
            403,
            'csrf_failed',
            'Votre formulaire a expiré ou ne vient pas de mon-compte.bzh. Revenez en arrière, rechargez la page et recommencez.',
          );
        }
      }
      await next();
    },
  };
}
