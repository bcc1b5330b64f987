// A back-channel logout from mon-compte names a citizen (their pairwise `sub` at mes-services) or
// one of their sessions there (`sid`): mes-services finds its own sessions by either, so that a
// revocation or an account deletion ends them at once rather than after 8 hours.
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  // Sessions started before cannot be found by a logout token, and may hold an administration
  // role carried over from an earlier login: they end here (citizens log in again).
  await db('directory_sessions').delete();
  await db.schema.alterTable('directory_sessions', (t) => {
    t.string('sub', 255);
    t.string('sid', 255);
    t.index(['sub'], 'directory_sessions_sub');
    t.index(['sid'], 'directory_sessions_sid', { predicate: db.whereNotNull('sid') });
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('directory_sessions', (t) => {
    t.dropIndex(['sub'], 'directory_sessions_sub');
    t.dropIndex(['sid'], 'directory_sessions_sid');
  });
  await db.schema.alterTable('directory_sessions', (t) => {
    t.dropColumn('sid');
    t.dropColumn('sub');
  });
}
