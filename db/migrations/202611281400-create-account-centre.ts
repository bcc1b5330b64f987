// What the account centre needs: the account behind each stored OIDC artefact (to list and
// revoke a citizen's grants and sessions), an append-only audit log the citizen can read, and
// single-use email tokens (verification, password reset).
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('oidc_payloads', (t) => {
    t.string('account_id', 36);
    t.index(['account_id'], 'oidc_payloads_account_id');
  });

  await db.schema.createTable('audit_events', (t) => {
    t.bigIncrements('id');
    t.string('account_id', 36).notNullable().references('id').inTable('accounts').onDelete('CASCADE');
    t.string('type', 40).notNullable();
    t.string('client_id', 64);
    // JSON with names of scopes or claims, never their values.
    t.text('detail').notNullable();
    t.bigInteger('created_at').notNullable();
    t.index(['account_id', 'created_at'], 'audit_events_account');
  });

  await db.schema.createTable('email_tokens', (t) => {
    // SHA-256 of the token: a database leak gives no usable link.
    t.string('token_hash', 64).primary();
    t.string('account_id', 36).notNullable().references('id').inTable('accounts').onDelete('CASCADE');
    t.string('purpose', 24).notNullable(); // verify_email | reset_password
    t.string('email', 254).notNullable();
    t.bigInteger('expires_at').notNullable();
    t.bigInteger('used_at');
    t.index(['account_id'], 'email_tokens_account');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('email_tokens');
  await db.schema.dropTable('audit_events');
  await db.schema.alterTable('oidc_payloads', (t) => {
    t.dropIndex(['account_id'], 'oidc_payloads_account_id');
    t.dropColumn('account_id');
  });
}
