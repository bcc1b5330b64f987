// Compression of what our servers render themselves (pages, JSON), for citizens on slow mobile
// networks and old phones: brotli when the client accepts it, else gzip.
import zlib from 'node:zlib';
import type { Context } from 'koa';

/** Below this the headers weigh about as much as the saving. */
const MIN_PAGE_BYTES = 1024;
/**
 * JSON is compressed only from here: a match list (80–200 KB) is four times smaller, while a
 * search page (~15 KB) would cost a third more CPU at the API's rates (1,900/s) for little time
 * saved on the wire (bench/RESULTS.md, mes-services).
 */
const MIN_JSON_BYTES = 32 * 1024;

/**
 * How hard to compress: `fast` for large JSON (brotli 1 took a 76-KB match list to 18 KB in 0.5 ms,
 * brotli 4 to 16 KB in 1.7 ms), `default` for pages.
 */
const LEVELS = { fast: { brotli: 1, gzip: 1 }, default: { brotli: 5, gzip: 6 } } as const;

/**
 * Sets `raw` as the body, compressed when the client accepts it and it is at least `minBytes`
 * (the content type must already be set).
 */
export function sendCompressed(
  ctx: Context,
  raw: Buffer,
  { effort = 'default', minBytes = MIN_PAGE_BYTES }: { effort?: keyof typeof LEVELS; minBytes?: number } = {},
): void {
  const level = LEVELS[effort];
  ctx.vary('Accept-Encoding');
  const encoding = raw.length < minBytes ? 'identity' : ctx.acceptsEncodings('br', 'gzip', 'identity');
  if (encoding === 'br') {
    ctx.set('Content-Encoding', 'br');
    ctx.body = zlib.brotliCompressSync(raw, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: level.brotli,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    });
  } else if (encoding === 'gzip') {
    ctx.set('Content-Encoding', 'gzip');
    ctx.body = zlib.gzipSync(raw, { level: level.gzip });
  } else {
    ctx.body = raw;
  }
}

/** A JSON body a route set as an object, serialised and compressed as `sendCompressed` does. */
export function compressJsonBody(ctx: Context): void {
  const body: unknown = ctx.body;
  if (
    body === null ||
    typeof body !== 'object' ||
    Buffer.isBuffer(body) ||
    typeof (body as { pipe?: unknown }).pipe === 'function'
  ) {
    return;
  }
  if (!ctx.response.get('Content-Type')) ctx.type = 'json';
  sendCompressed(ctx, Buffer.from(JSON.stringify(body), 'utf8'), { effort: 'fast', minBytes: MIN_JSON_BYTES });
}
