// KorriGo cards: keyed hashes only (never the identifier), their status and history, pairing
// codes (hashed), the citizen's recognition consents per organisation, and the per-organisation
// pseudonyms that offline lists carry.
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('cards', (t) => {
    t.string('id', 36).primary();
    t.string('account_id', 36).notNullable().references('id').inTable('accounts').onDelete('CASCADE');
    t.string('card_hash', 64).notNullable();
    t.integer('key_version').notNullable();
    t.string('status', 16).notNullable(); // active | lost | unlinked
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['card_hash'], 'cards_card_hash');
    t.index(['account_id'], 'cards_account');
  });

  await db.schema.createTable('card_events', (t) => {
    t.bigIncrements('id');
    t.string('account_id', 36).notNullable().references('id').inTable('accounts').onDelete('CASCADE');
    t.string('card_id', 36).notNullable();
    t.string('type', 24).notNullable(); // linked | lost | unlinked | recognised
    t.string('organisation_siren', 9);
    t.bigInteger('created_at').notNullable();
    t.index(['account_id', 'created_at'], 'card_events_account');
  });

  await db.schema.createTable('card_pairing_codes', (t) => {
    t.string('code_hash', 64).primary();
    t.string('account_id', 36).notNullable().references('id').inTable('accounts').onDelete('CASCADE');
    t.bigInteger('expires_at').notNullable();
    t.bigInteger('used_at');
    t.index(['account_id'], 'card_pairing_codes_account');
  });

  await db.schema.createTable('card_consents', (t) => {
    t.string('account_id', 36).notNullable().references('id').inTable('accounts').onDelete('CASCADE');
    t.string('organisation_siren', 9).notNullable().references('siren').inTable('organisations');
    t.text('attributes').notNullable(); // JSON array: resident, age_group
    t.bigInteger('created_at').notNullable();
    t.primary(['account_id', 'organisation_siren']);
  });

  await db.schema.createTable('card_organisation_keys', (t) => {
    t.string('card_id', 36).notNullable().references('id').inTable('cards').onDelete('CASCADE');
    t.string('organisation_siren', 9).notNullable();
    t.string('list_key', 64).notNullable();
    t.primary(['card_id', 'organisation_siren']);
  });
}

export async function down(db: Knex): Promise<void> {
  for (const table of ['card_organisation_keys', 'card_consents', 'card_pairing_codes', 'card_events', 'cards']) {
    await db.schema.dropTable(table);
  }
}
