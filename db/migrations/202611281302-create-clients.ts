// Relying parties (and later terminals): OAuth clients owned by an organisation. The
// metadata column holds the client's registered OAuth/OIDC metadata as JSON.
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('clients', (t) => {
    t.string('client_id', 64).primary();
    t.string('organisation_siren', 9).notNullable().references('siren').inTable('organisations');
    t.string('kind', 16).notNullable(); // relying_party | terminal
    t.string('name', 200).notNullable();
    t.text('metadata').notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('disabled_at');
    t.index(['organisation_siren'], 'clients_organisation');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('clients');
}
