// Sending a rendered page: compressed on the fly (pages are small and change with the session),
// revalidated on every visit (no-cache with an ETag), never stored when it shows a citizen's data.
import crypto from 'node:crypto';
import type { Context } from 'koa';
import { sendCompressed } from '../../../platform/http/compression.ts';

export function sendHtml(
  ctx: Context,
  html: string,
  { personal, status = 200 }: { personal: boolean; status?: number },
) {
  ctx.status = status;
  ctx.type = 'html';
  ctx.vary('Accept-Encoding');
  ctx.vary('Cookie');
  const raw = Buffer.from(html, 'utf8');
  if (personal) {
    ctx.set('Cache-Control', 'private, no-store');
  } else {
    ctx.set('Cache-Control', 'no-cache');
    ctx.set('ETag', `W/"${crypto.createHash('sha256').update(raw).digest('base64url').slice(0, 22)}"`);
    if (status === 200 && (ctx.method === 'GET' || ctx.method === 'HEAD') && ctx.fresh) {
      ctx.status = 304;
      return;
    }
  }
  sendCompressed(ctx, raw);
}
