// Single-use tokens sent by email. Only their SHA-256 is stored; `consume` marks a token used
// in the same statement that checks it, so two clicks cannot both succeed.
import crypto from 'node:crypto';
import type { Knex } from 'knex';

export type EmailTokenPurpose = 'verify_email' | 'reset_password';

export type EmailTokensRepo = ReturnType<typeof createEmailTokensRepo>;

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export function createEmailTokensRepo(db: Knex, now: () => number = Date.now) {
  return {
    async create(input: {
      token: string;
      accountId: string;
      purpose: EmailTokenPurpose;
      email: string;
      ttlMs: number;
    }) {
      await db('email_tokens').insert({
        token_hash: hashToken(input.token),
        account_id: input.accountId,
        purpose: input.purpose,
        email: input.email,
        expires_at: now() + input.ttlMs,
        used_at: null,
      });
    },

    /** Marks the token used and returns it, or undefined if unknown, expired or used. */
    async consume(
      token: string,
      purpose: EmailTokenPurpose,
    ): Promise<{ accountId: string; email: string } | undefined> {
      const hash = hashToken(token);
      const at = now();
      const updated = await db('email_tokens')
        .where({ token_hash: hash, purpose })
        .whereNull('used_at')
        .andWhere('expires_at', '>', at)
        .update({ used_at: at });
      if (updated !== 1) return undefined;
      const row = await db('email_tokens').where({ token_hash: hash }).first();
      return { accountId: row.account_id, email: row.email };
    },

    /** Checks without consuming (to show the reset form before the new password is posted). */
    async peek(token: string, purpose: EmailTokenPurpose): Promise<{ accountId: string } | undefined> {
      const row = await db('email_tokens')
        .where({ token_hash: hashToken(token), purpose })
        .whereNull('used_at')
        .andWhere('expires_at', '>', now())
        .first();
      return row ? { accountId: row.account_id } : undefined;
    },

    async invalidateForAccount(accountId: string, purpose: EmailTokenPurpose): Promise<void> {
      await db('email_tokens')
        .where({ account_id: accountId, purpose })
        .whereNull('used_at')
        .update({ used_at: now() });
    },
  };
}
