// Per-terminal daily counters, so administrators see each terminal's recent activity. Filled
// from in-memory counters every few seconds: a check never waits for this write.
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('terminal_activity', (t) => {
    t.string('client_id', 64).notNullable();
    t.string('day', 10).notNullable();
    t.integer('checks').notNullable();
    t.integer('unrecognised').notNullable();
    t.integer('pairings').notNullable();
    t.bigInteger('last_seen_at').notNullable();
    t.primary(['client_id', 'day']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('terminal_activity');
}
