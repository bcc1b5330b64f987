// Administrative roles and the administrative audit log.
import type { Knex } from 'knex';

export type AdminRole = { role: 'platform' | 'organisation'; organisationSiren: string | null };
export type AdminAuditEntry = {
  id: number;
  actorLabel: string | null;
  organisationSiren: string | null;
  action: string;
  target: string | null;
  detail: Record<string, unknown>;
  createdAt: number;
};

export type AdminRepo = ReturnType<typeof createAdminRepo>;

export function createAdminRepo(db: Knex, now: () => number = Date.now) {
  return {
    async rolesOf(accountId: string): Promise<AdminRole[]> {
      const rows = await db('admin_roles').where({ account_id: accountId });
      return rows.map((r) => ({ role: r.role, organisationSiren: r.organisation_siren }));
    },

    async grant(accountId: string, role: AdminRole, grantedBy: string | null): Promise<void> {
      const existing = await db('admin_roles')
        .where({ account_id: accountId, role: role.role })
        .andWhere((q) =>
          role.organisationSiren
            ? q.where({ organisation_siren: role.organisationSiren })
            : q.whereNull('organisation_siren'),
        )
        .first();
      if (existing) return;
      await db('admin_roles').insert({
        account_id: accountId,
        role: role.role,
        organisation_siren: role.organisationSiren,
        granted_by: grantedBy,
        created_at: now(),
      });
    },

    async revoke(accountId: string, organisationSiren: string): Promise<number> {
      return db('admin_roles')
        .where({ account_id: accountId, role: 'organisation', organisation_siren: organisationSiren })
        .delete();
    },

    async administratorsOf(siren: string): Promise<{ accountId: string; email: string; createdAt: number }[]> {
      const rows = await db('admin_roles as r')
        .join('accounts as a', 'a.id', 'r.account_id')
        .where({ 'r.role': 'organisation', 'r.organisation_siren': siren })
        .select('a.id', 'a.email', 'r.created_at')
        .orderBy('a.email');
      return rows.map((r) => ({ accountId: r.id, email: r.email, createdAt: Number(r.created_at) }));
    },

    async audit(entry: {
      actorAccountId: string | null;
      actorLabel: string;
      organisationSiren: string | null;
      action: string;
      target?: string;
      /** The account the entry is about, when it is one (see anonymiseAccount). */
      targetAccountId?: string;
      detail?: Record<string, unknown>;
    }) {
      await db('admin_audit').insert({
        actor_account_id: entry.actorAccountId,
        actor_label: entry.actorLabel,
        organisation_siren: entry.organisationSiren,
        action: entry.action,
        target: entry.target ?? null,
        target_account_id: entry.targetAccountId ?? null,
        detail: JSON.stringify(entry.detail ?? {}),
        created_at: now(),
      });
    },

    /** A deleted account leaves the log as "compte supprimé", as actor and as target: the action stays, not the person. */
    async anonymiseAccount(accountId: string, email: string): Promise<void> {
      await db('admin_audit')
        .where({ actor_account_id: accountId })
        .update({ actor_account_id: null, actor_label: 'compte supprimé' });
      // By the account, whatever address the label shows (it may be one the account had before).
      await db('admin_audit')
        .where({ target_account_id: accountId })
        .orWhereIn('target', [accountId, email])
        .update({ target: 'compte supprimé', target_account_id: null });
    },

    async auditOf(siren: string | null, limit = 200): Promise<AdminAuditEntry[]> {
      const query = db('admin_audit').orderBy('id', 'desc').limit(limit);
      if (siren) query.where({ organisation_siren: siren });
      const rows = await query;
      return rows.map((r) => ({
        id: Number(r.id),
        actorLabel: r.actor_label,
        organisationSiren: r.organisation_siren,
        action: r.action,
        target: r.target,
        detail: JSON.parse(r.detail),
        createdAt: Number(r.created_at),
      }));
    },
  };
}
