// The front end's hashed files under /assets/: read once at start, served from memory with a
// year of cache (a new build has new names), in the brotli or gzip copy made at build time when
// the browser accepts it.
import fs from 'node:fs';
import path from 'node:path';
import type { Context, Next } from 'koa';

type Asset = { type: string; raw: Buffer; br?: Buffer; gzip?: Buffer };

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file) : undefined);
  for (const name of fs.readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    if (!type) continue; // the .br and .gz copies, read with their original
    const file = path.join(dir, name);
    assets.set(name, { type, raw: fs.readFileSync(file), br: read(`${file}.br`), gzip: read(`${file}.gz`) });
  }
  return assets;
}

export function serveAssets(dir: string) {
  const assets = loadAssets(dir);
  return async (ctx: Context, next: Next) => {
    if (!ctx.path.startsWith('/assets/') || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    const asset = assets.get(ctx.path.slice('/assets/'.length));
    if (!asset) return next();
    ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
    ctx.vary('Accept-Encoding');
    ctx.type = asset.type;
    const encoding = ctx.acceptsEncodings('br', 'gzip', 'identity');
    if (encoding === 'br' && asset.br) {
      ctx.set('Content-Encoding', 'br');
      ctx.body = asset.br;
    } else if (encoding === 'gzip' && asset.gzip) {
      ctx.set('Content-Encoding', 'gzip');
      ctx.body = asset.gzip;
    } else {
      ctx.body = asset.raw;
    }
  };
}
