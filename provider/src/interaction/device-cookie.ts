// The known-device cookie: set at each login and registration, it lets the login throttle tell
// the citizen's own browser from an attacker's (accounts/login-throttle.ts).
import type { Context } from 'koa';
import type { AccountsService } from '../accounts/accounts-service.ts';
import { DEVICE_TOKEN_DAYS, type DeviceOwner } from '../accounts/login-throttle.ts';

export function createDeviceCookie(accounts: AccountsService, secure: boolean) {
  // `__Host-` over https: only this host, over https, for the whole site, can set it.
  const name = secure ? '__Host-kms_device' : 'kms_device';
  // Not signed with the cookie keys: the token is itself a keyed hash of the account, its
  // password and the day (login-throttle.ts), which a forged or altered value cannot match.
  return {
    read: (ctx: Context) => ctx.cookies.get(name, { signed: false }),
    /** Renewed at each login: the token inside dates from it (login-throttle.ts). */
    remember(ctx: Context, account: DeviceOwner) {
      ctx.cookies.set(name, accounts.deviceToken(account), {
        httpOnly: true,
        sameSite: 'lax',
        secure,
        signed: false,
        path: '/',
        maxAge: DEVICE_TOKEN_DAYS * 24 * 60 * 60 * 1000,
      });
    },
  };
}

export type DeviceCookie = ReturnType<typeof createDeviceCookie>;
