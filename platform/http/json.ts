// Reads an application/json body with a size limit. Anything else is a 4xx, never a crash.
import type { Context } from 'koa';
import { AppError } from './app-error.ts';

export async function readJson(ctx: Context, limit = 16 * 1024): Promise<unknown> {
  if (!ctx.is('application/json'))
    throw new AppError(415, 'unsupported_media_type', 'Envoyez un corps application/json.');
  if (Number(ctx.get('content-length') || 0) > limit) {
    throw new AppError(413, 'payload_too_large', 'Le corps de la requête est trop volumineux.');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new AppError(413, 'payload_too_large', 'Le corps de la requête est trop volumineux.');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new AppError(400, 'invalid_json', 'Le corps de la requête n’est pas du JSON valide.');
  }
}
