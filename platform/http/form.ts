// Reads an application/x-www-form-urlencoded body, with a size limit: the only body type our
// own pages accept.
import type { Context } from 'koa';
import { AppError } from './app-error.ts';

export const FORM_LIMIT_BYTES = 32 * 1024;

export async function readForm(ctx: Context, limit = FORM_LIMIT_BYTES): Promise<URLSearchParams> {
  if (!ctx.is('application/x-www-form-urlencoded')) {
    throw new AppError(415, 'unsupported_media_type', 'Ce formulaire doit être envoyé par le navigateur.');
  }
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > limit) throw new AppError(413, 'payload_too_large', 'Le formulaire envoyé est trop volumineux.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new AppError(413, 'payload_too_large', 'Le formulaire envoyé est trop volumineux.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.includes('\uFFFD'))
    throw new AppError(400, 'bad_encoding', 'Le formulaire contient des caractères illisibles.');
  return new URLSearchParams(text);
}
