// What each citizen currently agrees to share with each app, until they revoke it. oidc-provider
// keeps consent in a Grant tied to one browser session and destroys it at logout; this row is
// the citizen's answer itself, from which a new session's Grant starts (provider/src/oidc/
// standing-consent.ts). consent_records stays the append-only history of every decision.
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('standing_consents', (t) => {
    t.string('account_id', 36).notNullable().references('id').inTable('accounts').onDelete('CASCADE');
    t.string('client_id', 64).notNullable();
    // Space-separated scopes and JSON arrays of claim names, as a Grant holds them.
    t.text('scopes').notNullable();
    t.text('claims').notNullable();
    t.text('rejected_scopes').notNullable();
    t.text('rejected_claims').notNullable();
    t.bigInteger('granted_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.primary(['account_id', 'client_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('standing_consents');
}
