// Raw documents of key material; what they hold is the key store's business (and encrypted).
import type { Knex } from 'knex';
import { isUniqueViolation } from '../errors.ts';

export type KeyMaterialRepo = ReturnType<typeof createKeyMaterialRepo>;

export function createKeyMaterialRepo(db: Knex, now: () => number = Date.now) {
  return {
    async get(name: string): Promise<string | undefined> {
      return (await db('key_material').where({ name }).first())?.value;
    },
    /** Inserts only if absent; false when another instance was first. */
    async insert(name: string, value: string): Promise<boolean> {
      try {
        await db('key_material').insert({ name, value, updated_at: now() });
        return true;
      } catch (err) {
        if (isUniqueViolation(err)) return false;
        throw err;
      }
    },
    async update(name: string, value: string): Promise<void> {
      const updated = await db('key_material').where({ name }).update({ value, updated_at: now() });
      if (updated === 0) await db('key_material').insert({ name, value, updated_at: now() });
    },
  };
}
