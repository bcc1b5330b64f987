// oidc_payloads is written at nearly every step of a login, and each index is one more B-tree
// page per write (a 4 KiB WAL frame on SQLite). Most artefacts have no uid, no grant, no user
// code or no account, so those indexes only need the rows that have one (partial indexes,
// which both engines support); nothing ever searches by consumed_at.
import type { Knex } from 'knex';

const SPARSE = [
  ['grant_id', 'oidc_payloads_grant_id'],
  ['uid', 'oidc_payloads_uid'],
  ['user_code', 'oidc_payloads_user_code'],
  ['account_id', 'oidc_payloads_account_id'],
] as const;

export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('oidc_payloads', (t) => {
    t.dropIndex(['consumed_at'], 'oidc_payloads_consumed_at');
    for (const [column, name] of SPARSE) t.dropIndex([column], name);
  });
  await db.schema.alterTable('oidc_payloads', (t) => {
    for (const [column, name] of SPARSE) t.index([column], name, { predicate: db.whereNotNull(column) });
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('oidc_payloads', (t) => {
    for (const [column, name] of SPARSE) t.dropIndex([column], name);
  });
  await db.schema.alterTable('oidc_payloads', (t) => {
    for (const [column, name] of SPARSE) t.index([column], name);
    t.index(['consumed_at'], 'oidc_payloads_consumed_at');
  });
}
