// The browser holds only a random session id (HttpOnly cookie); tokens and claims stay on the
// server, in mes-services' own table.
import crypto from 'node:crypto';
import type { Context } from 'koa';
import type { DirectorySessionsRepo } from '../../../db/repos/directory-sessions-repo.ts';
import type { Claims } from '../catalogue/model.ts';

export type CitizenSession = {
  sub: string;
  claims: Claims & Record<string, unknown>;
  scopes: string[];
  idToken?: string;
  accessToken: string;
};

const TTL_MS = 8 * 60 * 60 * 1000;

export function createSessions(repo: DirectorySessionsRepo, { secure }: { secure: boolean }) {
  const cookie = secure ? '__Host-ms_session' : 'ms_session';
  return {
    async get(ctx: Context): Promise<CitizenSession | undefined> {
      const id = ctx.cookies.get(cookie);
      return id && /^[A-Za-z0-9_-]{43}$/.test(id) ? ((await repo.find(id)) as CitizenSession | undefined) : undefined;
    },
    async start(ctx: Context, session: CitizenSession): Promise<void> {
      const previous = ctx.cookies.get(cookie);
      if (previous) await repo.destroy(previous);
      const id = crypto.randomBytes(32).toString('base64url');
      await repo.save(id, session, TTL_MS);
      ctx.cookies.set(cookie, id, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: TTL_MS });
    },
    async end(ctx: Context): Promise<CitizenSession | undefined> {
      const id = ctx.cookies.get(cookie);
      if (!id) return undefined;
      const session = (await repo.find(id)) as CitizenSession | undefined;
      await repo.destroy(id);
      ctx.cookies.set(cookie, null, { path: '/' });
      return session;
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
