// mes-services' own tables: the catalogue of services, and its server-side sessions (the
// tokens it holds for logged-in citizens never reach the browser). It reads no table of the
// provider: what it knows of a citizen comes through OIDC.
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('directory_services', (t) => {
    t.string('id', 100).primary();
    t.text('data').notNullable(); // the Service as JSON, validated before it is stored
    t.boolean('published').notNullable();
    t.string('authority_level', 16).notNullable();
    t.string('authority_code', 9).notNullable();
    t.string('source', 100).notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['authority_level', 'authority_code'], 'directory_services_authority');
  });

  await db.schema.createTable('directory_sessions', (t) => {
    t.string('id_hash', 64).primary(); // SHA-256 of the cookie value
    t.text('data').notNullable();
    t.bigInteger('expires_at').notNullable();
    t.index(['expires_at'], 'directory_sessions_expires_at');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('directory_sessions');
  await db.schema.dropTable('directory_services');
}
