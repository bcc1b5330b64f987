// Brittany's public bodies, identified by SIREN: the Région, the départements, the EPCI and
// the communes. Relying parties, terminals and services each belong to one of them.
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('organisations', (t) => {
    t.string('siren', 9).primary();
    t.string('name', 200).notNullable();
    t.string('level', 16).notNullable(); // region | departement | epci | commune
    t.string('code', 9).notNullable(); // INSEE code (commune, département, région) or SIREN (EPCI)
    t.index(['level', 'code'], 'organisations_level_code');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('organisations');
}
