// Server-side sessions of mes-services, keyed by a hash of the cookie value, and findable by the
// citizen's `sub` and mon-compte's session id (`sid`) for back-channel logout.
import crypto from 'node:crypto';
import type { Knex } from 'knex';

export type DirectorySessionsRepo = ReturnType<typeof createDirectorySessionsRepo>;

/** Who a session belongs to, as mon-compte's ID token named them. */
export type SessionSubject = { sub: string; sid?: string | undefined };

const hash = (id: string) => crypto.createHash('sha256').update(id).digest('hex');

export function createDirectorySessionsRepo(db: Knex, now: () => number = Date.now) {
  return {
    async find(id: string): Promise<Record<string, unknown> | undefined> {
      const row = await db('directory_sessions')
        .where({ id_hash: hash(id) })
        .andWhere('expires_at', '>', now())
        .first();
      return row ? (JSON.parse(row.data) as Record<string, unknown>) : undefined;
    },

    async save(id: string, data: Record<string, unknown>, ttlMs: number, subject: SessionSubject): Promise<void> {
      await db('directory_sessions')
        .insert({
          id_hash: hash(id),
          sub: subject.sub,
          sid: subject.sid ?? null,
          data: JSON.stringify(data),
          expires_at: now() + ttlMs,
        })
        .onConflict('id_hash')
        .merge();
    },

    /** Changes what a live session holds, not when it ends. */
    async replaceData(id: string, data: Record<string, unknown>): Promise<void> {
      await db('directory_sessions')
        .where({ id_hash: hash(id) })
        .andWhere('expires_at', '>', now())
        .update({ data: JSON.stringify(data) });
    },

    async destroy(id: string): Promise<void> {
      await db('directory_sessions')
        .where({ id_hash: hash(id) })
        .delete();
    },

    /** Every session of this `sub`, and every session started in mon-compte's session `sid`. */
    async destroyBySubject({ sub, sid }: { sub?: string | undefined; sid?: string | undefined }): Promise<number> {
      if (!sub && !sid) return 0;
      return db('directory_sessions')
        .where((q) => {
          if (sub) q.orWhere({ sub });
          if (sid) q.orWhere({ sid });
        })
        .delete();
    },

    async purgeExpired(): Promise<number> {
      return db('directory_sessions').where('expires_at', '<=', now()).delete();
    },
  };
}
