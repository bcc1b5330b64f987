// RFC 6749 5.1: token responses carry `Cache-Control: no-store`, which oidc-provider sets, and
// `Pragma: no-cache`, which oidc-provider 9 no longer sends (RFC 9111 deprecates Pragma, but the
// OAuth text still asks for it and older caches and proxies still honour it).
import type { Context, Next } from 'koa';

export async function pragmaNoCacheOnTokens(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
  } finally {
    if ((ctx as { oidc?: { route?: string } }).oidc?.route === 'token') ctx.set('Pragma', 'no-cache');
  }
}
