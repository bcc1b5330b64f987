// mes-services' own log of administrative changes to the catalogue: who (their pairwise sub at
// mon-compte, and their email if shared), what, when, for which organisation.
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('directory_admin_audit', (t) => {
    t.bigIncrements('id');
    t.string('actor', 254).notNullable();
    t.string('organisation_siren', 9);
    t.string('action', 48).notNullable();
    t.string('target', 150);
    t.bigInteger('created_at').notNullable();
    t.index(['organisation_siren', 'created_at'], 'directory_admin_audit_organisation');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('directory_admin_audit');
}
