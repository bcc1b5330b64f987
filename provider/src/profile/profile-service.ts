// Reading and updating a citizen's profile.
import type { AccountsRepo } from '../../../db/repos/accounts-repo.ts';
import { getAttributeValueMap } from './value-map.ts';
import type { Identity, Profile } from './profile.ts';

export type ProfileService = ReturnType<typeof createProfileService>;

export function createProfileService(accounts: AccountsRepo) {
  return {
    async get(accountId: string): Promise<{ identity: Identity; profile: Profile } | undefined> {
      const account = await accounts.findById(accountId);
      if (!account) return undefined;
      const profile = (await accounts.getProfile(accountId)) as Profile;
      return { identity: { email: account.email, emailVerified: account.emailVerified }, profile };
    },

    async update(accountId: string, values: Partial<Profile>, cleared: (keyof Profile)[]): Promise<Profile> {
      const current = (await accounts.getProfile(accountId)) as Profile;
      const next: Profile = { ...current, ...values };
      for (const key of cleared) delete next[key];
      await accounts.saveProfile(accountId, next);
      return next;
    },

    values: getAttributeValueMap,
  };
}
