// Middleware in front of every route: request ids and access logs, one error handler, and
// security headers on our own pages.
import crypto from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Logger } from '../logger.ts';
import { AppError, notFound } from './app-error.ts';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function requestLog(logger: Logger) {
  return async (ctx: Context, next: Next) => {
    const incoming = ctx.get('x-request-id');
    const id = REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    ctx.state.requestId = id;
    // The request's logger, made on first use: a pino child serialises (and redacts) its
    // bindings when it is made, work wasted on the many requests that log nothing.
    let child: Logger | undefined;
    Object.defineProperty(ctx.state, 'log', {
      get: () => (child ??= logger.child({ reqId: id })),
      configurable: true,
      enumerable: true,
    });
    ctx.set('X-Request-Id', id);
    const started = performance.now();
    // As received: a route may go on inside the same request (a login continues to its resume).
    const { method, path } = ctx;
    try {
      await next();
    } finally {
      // The path only: query strings carry codes, states and tokens.
      const line = { method, path, status: ctx.status, ms: Math.round(performance.now() - started) };
      if (child) child.info(line, 'request');
      else if (logger.isLevelEnabled('info')) logger.info({ reqId: id, ...line }, 'request');
    }
  };
}

function wantsJson(ctx: Context): boolean {
  return ctx.path.startsWith('/api/') || ctx.accepts('html', 'json') === 'json';
}

export type ErrorPage = (title: string, message: string) => string;

/** A page's title and heading say what happened (RGAA 8.6), not just "Erreur". */
const TITLES: Record<number, string> = {
  400: 'Demande invalide',
  401: 'Connexion nécessaire',
  403: 'Accès refusé',
  404: 'Page introuvable',
  405: 'Demande invalide',
  409: 'Conflit',
  413: 'Envoi trop volumineux',
  415: 'Demande invalide',
  429: 'Trop de demandes',
  503: 'Service très sollicité',
};

/** AppError becomes problem+json or a readable page; anything else is logged and hidden. */
export function errorHandler(logger: Logger, errorPage: ErrorPage) {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
    } catch (err) {
      const known = err instanceof AppError ? err : undefined;
      const httpStatus = (err as { status?: number; expose?: boolean }).status;
      const exposed = !known && (err as { expose?: boolean }).expose && httpStatus && httpStatus < 500;
      const status = known?.status ?? (exposed ? httpStatus : 500);
      const code = known?.code ?? (exposed ? 'bad_request' : 'internal_error');
      const message = known?.message ?? (exposed ? 'La requête est invalide.' : 'Une erreur interne est survenue.');
      if (status >= 500) (ctx.state.log ?? logger).error({ err }, 'unhandled error');
      ctx.status = status;
      if (known?.retryAfterSeconds) ctx.set('Retry-After', String(known.retryAfterSeconds));
      if (wantsJson(ctx)) {
        ctx.type = 'application/problem+json';
        ctx.body = { type: 'about:blank', title: message, status, code };
      } else {
        ctx.type = 'html';
        ctx.body = errorPage(TITLES[status] ?? 'Erreur', message);
      }
    }
  };
}

/**
 * A path no route answered (Koa would send a bare "Not Found"): the same readable 404 as any
 * other error, a page or problem+json. Placed inside `errorHandler`, after the routes.
 */
export async function notFoundAsError(ctx: Context, next: Next) {
  await next();
  if (ctx.status === 404 && ctx.body == null) throw notFound();
}

/**
 * Security headers, set before the route runs: oidc-provider adds the hash of its own inline
 * scripts (form_post) to this CSP rather than needing 'unsafe-inline'.
 */
export async function securityHeaders(ctx: Context, next: Next) {
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('X-Frame-Options', 'DENY');
  ctx.set(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  );
  if (ctx.secure) ctx.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  await next();
}

/**
 * With an https public URL, a request that reached us without X-Forwarded-Proto: https (the
 * proxy was bypassed, or misconfigured) is sent to the https URL, or refused if it is not a
 * GET: secure cookies cannot be set over it, and nothing should be served over plain http.
 */
export function httpsOnly(publicUrl: string) {
  const origin = new URL(publicUrl).origin;
  return async (ctx: Context, next: Next) => {
    if (ctx.secure) return next();
    if (ctx.method === 'GET' || ctx.method === 'HEAD') {
      ctx.status = 308;
      ctx.redirect(`${origin}${ctx.url}`);
      return;
    }
    throw new AppError(400, 'https_required', 'Cette adresse ne répond qu’en https.');
  };
}
