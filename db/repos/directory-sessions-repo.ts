// Server-side sessions of mes-services, keyed by a hash of the cookie value.
import crypto from 'node:crypto';
import type { Knex } from 'knex';

export type DirectorySessionsRepo = ReturnType<typeof createDirectorySessionsRepo>;

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

    async save(id: string, data: Record<string, unknown>, ttlMs: number): Promise<void> {
      await db('directory_sessions')
        .insert({ id_hash: hash(id), data: JSON.stringify(data), expires_at: now() + ttlMs })
        .onConflict('id_hash')
        .merge();
    },

    async destroy(id: string): Promise<void> {
      await db('directory_sessions')
        .where({ id_hash: hash(id) })
        .delete();
    },

    async purgeExpired(): Promise<number> {
      return db('directory_sessions').where('expires_at', '<=', now()).delete();
    },
  };
}
