// Who administers what: platform administrators (Mégalis) and organisation administrators,
// who log in with their ordinary mon-compte account; and the audit log of every
// administrative action (who, what, when, on which organisation).
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('admin_roles', (t) => {
    t.bigIncrements('id');
    t.string('account_id', 36).notNullable().references('id').inTable('accounts').onDelete('CASCADE');
    t.string('role', 16).notNullable(); // platform | organisation
    t.string('organisation_siren', 9).references('siren').inTable('organisations');
    t.string('granted_by', 36);
    t.bigInteger('created_at').notNullable();
    t.unique(['account_id', 'role', 'organisation_siren'], { indexName: 'admin_roles_unique' });
    t.index(['organisation_siren'], 'admin_roles_organisation');
  });

  await db.schema.createTable('admin_audit', (t) => {
    t.bigIncrements('id');
    // Kept when the actor's account goes: the log says an administrator acted, not who they were.
    t.string('actor_account_id', 36);
    t.string('actor_label', 254);
    t.string('organisation_siren', 9);
    t.string('action', 48).notNullable();
    t.string('target', 120);
    t.text('detail').notNullable();
    t.bigInteger('created_at').notNullable();
    t.index(['organisation_siren', 'created_at'], 'admin_audit_organisation');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('admin_audit');
  await db.schema.dropTable('admin_roles');
}
