// How oidc-provider learns who a subject is and which claims exist for them. oidc-provider
// then filters them by scope, claims request and the Grant; rejected claims are dropped here
// as well, so a claim the citizen declined cannot leak through a configuration slip.
import type { FindAccount } from 'oidc-provider';
import type { AccountsRepo } from '../../../db/repos/accounts-repo.ts';
import { claimsOf, type Profile } from '../profile/profile.ts';

export function createFindAccount(
  accounts: AccountsRepo,
  adminOrganisations: (accountId: string) => Promise<string[]> = async () => [],
): FindAccount {
  return async (_ctx, id) => {
    const account = await accounts.findById(id);
    if (!account) return undefined;
    return {
      accountId: account.id,
      async claims(_use, _scope, _claims, rejected) {
        const profile = (await accounts.getProfile(account.id)) as Profile;
        const all = claimsOf({ email: account.email, emailVerified: account.emailVerified }, profile);
        const organisations = await adminOrganisations(account.id);
        if (organisations.length) all.bzh_admin_organisations = organisations;
        for (const claim of rejected) delete all[claim];
        return { ...all, sub: account.id };
      },
    };
  };
}
