// The browser holds only a random session id (HttpOnly cookie); tokens and claims stay on the
// server, in mes-services' own table.
import crypto from 'node:crypto';
import type { Context } from 'koa';
import type { DirectorySessionsRepo } from '../../../db/repos/directory-sessions-repo.ts';
import type { Claims } from '../catalogue/model.ts';
import type { LogoutSubject } from './mon-compte-client.ts';

export type CitizenSession = {
  sub: string;
  /** mon-compte's session id, from the ID token: a logout token may name it alone. */
  sid?: string;
  claims: Claims & Record<string, unknown>;
  scopes: string[];
  idToken?: string;
  accessToken: string;
};

const TTL_MS = 8 * 60 * 60 * 1000;
const ID = /^[A-Za-z0-9_-]{43}$/;

export function createSessions(repo: DirectorySessionsRepo, { secure }: { secure: boolean }) {
  const cookie = secure ? '__Host-ms_session' : 'ms_session';
  const idOf = (ctx: Context) => {
    const id = ctx.cookies.get(cookie);
    return id && ID.test(id) ? id : undefined;
  };
  return {
    async get(ctx: Context): Promise<CitizenSession | undefined> {
      const id = idOf(ctx);
      return id ? ((await repo.find(id)) as CitizenSession | undefined) : undefined;
    },
    async start(ctx: Context, session: CitizenSession): Promise<void> {
      const previous = ctx.cookies.get(cookie);
      if (previous) await repo.destroy(previous);
      const id = crypto.randomBytes(32).toString('base64url');
      await repo.save(id, session, TTL_MS, { sub: session.sub, sid: session.sid });
      ctx.cookies.set(cookie, id, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: TTL_MS });
    },
    /** What the current session holds, changed; it ends when it would have. */
    async update(ctx: Context, session: CitizenSession): Promise<void> {
      const id = idOf(ctx);
      if (id) await repo.replaceData(id, session);
    },
    async end(ctx: Context): Promise<CitizenSession | undefined> {
      const id = ctx.cookies.get(cookie);
      if (!id) return undefined;
      const session = (await repo.find(id)) as CitizenSession | undefined;
      await repo.destroy(id);
      ctx.cookies.set(cookie, null, { path: '/' });
      return session;
    },
    /** Back-channel logout: every session of the citizen, on every device. Returns how many. */
    async endAllOf(subject: LogoutSubject): Promise<number> {
      return repo.destroyBySubject(subject);
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
