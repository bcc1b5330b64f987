// DPoP proofs already used at the cards API (RFC 9449 11.1), shared by every instance: a proof
// replayed to another instance behind the load balancer is refused as on the first one. Rows
// live a couple of minutes; the index serves the periodic purge.
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('dpop_proofs', (t) => {
    // A hash of the terminal's key thumbprint and the proof's jti, never the proof itself.
    t.string('id', 64).primary();
    t.bigInteger('expires_at').notNullable();
    t.index(['expires_at'], 'dpop_proofs_expires_at');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('dpop_proofs');
}
