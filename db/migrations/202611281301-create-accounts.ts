// Citizens' accounts, their profile (the attributes they may share), the append-only record
// of every consent decision, and the counters that throttle failed logins.
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('accounts', (t) => {
    t.string('id', 36).primary();
    t.string('email', 254).notNullable().unique('accounts_email_unique');
    t.boolean('email_verified').notNullable().defaultTo(false);
    t.string('password_hash', 255).notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.bigInteger('last_login_at');
  });

  await db.schema.createTable('account_profiles', (t) => {
    t.string('account_id', 36).primary().references('id').inTable('accounts').onDelete('CASCADE');
    // JSON of the attributes: validated by the profile service before it gets here.
    t.text('data').notNullable();
    t.bigInteger('updated_at').notNullable();
  });

  await db.schema.createTable('consent_records', (t) => {
    t.bigIncrements('id');
    t.string('account_id', 36).notNullable().references('id').inTable('accounts').onDelete('CASCADE');
    t.string('client_id', 64).notNullable();
    t.string('decision', 16).notNullable(); // granted | refused | revoked
    t.text('scopes').notNullable();
    t.text('claims').notNullable(); // JSON array of claim names
    t.bigInteger('created_at').notNullable();
    t.index(['account_id', 'created_at'], 'consent_records_account');
  });

  await db.schema.createTable('login_throttle', (t) => {
    t.string('key', 128).primary();
    t.integer('failures').notNullable();
    t.bigInteger('last_failure_at').notNullable();
    t.bigInteger('blocked_until').notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('login_throttle');
  await db.schema.dropTable('consent_records');
  await db.schema.dropTable('account_profiles');
  await db.schema.dropTable('accounts');
}
