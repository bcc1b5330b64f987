// Accounts and their profile attributes.
import type { Knex } from 'knex';
import { isUniqueViolation } from '../errors.ts';
import { hotRead } from '../hot-queries.ts';

export type Account = {
  id: string;
  email: string;
  emailVerified: boolean;
  passwordHash: string;
  createdAt: number;
  updatedAt: number;
};

export type ProfileData = Record<string, unknown>;

type AccountRow = {
  id: string;
  email: string;
  email_verified: boolean | number;
  password_hash: string;
  created_at: string | number;
  updated_at: string | number;
};

const toAccount = (row: AccountRow | undefined): Account | undefined =>
  row && {
    id: row.id,
    email: row.email,
    emailVerified: Boolean(row.email_verified),
    passwordHash: row.password_hash,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };

export class EmailTakenError extends Error {
  constructor() {
    super('email already registered');
    this.name = 'EmailTakenError';
  }
}

export type AccountsRepo = ReturnType<typeof createAccountsRepo>;

export function createAccountsRepo(db: Knex, now: () => number = Date.now) {
  return {
    /** Creates the account and its empty profile in one transaction. */
    async create(input: { id: string; email: string; passwordHash: string; emailVerified: boolean }): Promise<Account> {
      const at = now();
      const row: AccountRow = {
        id: input.id,
        email: input.email,
        email_verified: input.emailVerified,
        password_hash: input.passwordHash,
        created_at: at,
        updated_at: at,
      };
      try {
        await db.transaction(async (trx) => {
          await trx('accounts').insert(row);
          await trx('account_profiles').insert({ account_id: input.id, data: '{}', updated_at: at });
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new EmailTakenError();
        throw err;
      }
      return toAccount(row)!;
    },

    async findById(id: string): Promise<Account | undefined> {
      return toAccount((await hotRead<AccountRow>(db, 'select * from accounts where id = ?', [id]))[0]);
    },

    async findByEmail(email: string): Promise<Account | undefined> {
      return toAccount((await hotRead<AccountRow>(db, 'select * from accounts where email = ?', [email]))[0]);
    },

    async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
      await db('accounts').where({ id }).update({ password_hash: passwordHash, updated_at: now() });
    },

    async updateEmail(id: string, email: string, verified: boolean): Promise<void> {
      try {
        await db('accounts').where({ id }).update({ email, email_verified: verified, updated_at: now() });
      } catch (err) {
        if (isUniqueViolation(err)) throw new EmailTakenError();
        throw err;
      }
    },

    async markEmailVerified(id: string, email: string): Promise<boolean> {
      const n = await db('accounts').where({ id, email }).update({ email_verified: true, updated_at: now() });
      return n === 1;
    },

    /** Deletes the account; profile, consents, audit log and email tokens go with it. */
    async delete(id: string): Promise<void> {
      await db('accounts').where({ id }).delete();
    },

    async getProfile(accountId: string): Promise<ProfileData> {
      const row = await db('account_profiles').where({ account_id: accountId }).first();
      return row ? (JSON.parse(row.data) as ProfileData) : {};
    },

    async saveProfile(accountId: string, data: ProfileData): Promise<void> {
      await db('account_profiles')
        .insert({ account_id: accountId, data: JSON.stringify(data), updated_at: now() })
        .onConflict('account_id')
        .merge();
    },
  };
}
