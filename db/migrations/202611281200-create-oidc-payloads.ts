// Storage of every oidc-provider model (sessions, interactions, codes, tokens, grants …) in
// one table keyed by (model, id), as the provider's adapter contract expects.
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('oidc_payloads', (t) => {
    t.string('model', 48).notNullable();
    t.string('id', 255).notNullable();
    t.text('payload').notNullable();
    t.string('grant_id', 255);
    t.string('uid', 255);
    t.string('user_code', 255);
    // Epoch milliseconds: the same integer type on SQLite and PostgreSQL.
    t.bigInteger('expires_at');
    t.bigInteger('consumed_at');
    t.primary(['model', 'id']);
    t.index(['grant_id'], 'oidc_payloads_grant_id');
    t.index(['uid'], 'oidc_payloads_uid');
    t.index(['user_code'], 'oidc_payloads_user_code');
    t.index(['expires_at'], 'oidc_payloads_expires_at');
    t.index(['consumed_at'], 'oidc_payloads_consumed_at');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('oidc_payloads');
}
