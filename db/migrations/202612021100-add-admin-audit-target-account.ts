// The account an administration log entry is about (an administrator added or removed), kept
// apart from the label shown: the label is the address the account had then, and an account
// deleted after changing its address must still leave no trace of it (anonymiseAccount). Rows
// written before are linked where the label is the account's id or its current address.
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('admin_audit', (t) => {
    t.string('target_account_id', 36);
    t.index(['target_account_id'], 'admin_audit_target_account');
  });
  await db.raw(`update admin_audit set target_account_id = (
      select accounts.id from accounts where accounts.id = admin_audit.target or accounts.email = admin_audit.target
    ) where action in ('administrator.added', 'administrator.removed')`);
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('admin_audit', (t) => {
    t.dropIndex(['target_account_id'], 'admin_audit_target_account');
    t.dropColumn('target_account_id');
  });
}
