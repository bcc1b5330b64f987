// The last login is read from the activity log (audit_events, one 'login' event per login),
// which every login appends anyway: updating accounts.last_login_at too was a second write on
// the login path for the same fact. Plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35, PostgreSQL):
// no table rebuild, so nothing that references accounts is touched.
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.raw('alter table accounts drop column last_login_at');
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('accounts', (t) => {
    t.bigInteger('last_login_at');
  });
}
