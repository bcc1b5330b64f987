// Key material shared by every instance (signing keys, cookie keys, hash keys), for
// deployments that keep keys in the database rather than in KEYS_DIR. Encrypted upstream.
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('key_material', (t) => {
    t.string('name', 64).primary();
    t.text('value').notNullable();
    t.bigInteger('updated_at').notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('key_material');
}
