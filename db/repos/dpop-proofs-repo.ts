// DPoP proofs already used, shared by every instance (see the migration). Keys are opaque
// hashes chosen by the caller.
import type { Knex } from 'knex';
import { hotWrite } from '../hot-queries.ts';

// One statement, so that two instances given the same proof at once cannot both accept it:
// the second insert meets the first one's row and changes nothing. A row that has expired but
// not been purged yet is taken over, so the purge's timing never decides an answer.
const FIRST_USE = `insert into dpop_proofs (id, expires_at) values (?, ?)
  on conflict (id) do update set expires_at = excluded.expires_at where dpop_proofs.expires_at <= ?`;

export type DpopProofsRepo = ReturnType<typeof createDpopProofsRepo>;

export function createDpopProofsRepo(db: Knex, now: () => number = Date.now) {
  return {
    /** True the first time `id` is given before `until` (ms), false while it is remembered. */
    async firstUse(id: string, until: number): Promise<boolean> {
      return (await hotWrite(db, FIRST_USE, [id, until, now()])) === 1;
    },

    async purgeExpired(at: number = now()): Promise<number> {
      return db('dpop_proofs').where('expires_at', '<=', at).delete();
    },
  };
}
