// The known-device cookie: set at each login and registration, it lets the login throttle tell
// the citizen's own browser from an attacker's (accounts/login-throttle.ts).
import type { Context } from 'koa';
import type { AccountsService } from '../accounts/accounts-service.ts';
import { DEVICE_TOKEN_DAYS, type DeviceOwner } from '../accounts/login-throttle.ts';

const DEVICE_COOKIE = 'kms_device';

export function createDeviceCookie(accounts: AccountsService, secure: boolean) {
  return {
    read: (ctx: Context) => ctx.cookies.get(DEVICE_COOKIE, { signed: true }),
    /** Renewed at each login: the token inside dates from it (login-throttle.ts). */
    remember(ctx: Context, account: DeviceOwner) {
      ctx.cookies.set(DEVICE_COOKIE, accounts.deviceToken(account), {
        httpOnly: true,
        sameSite: 'lax',
        secure,
        signed: true,
        maxAge: DEVICE_TOKEN_DAYS * 24 * 60 * 60 * 1000,
      });
    },
  };
}

export type DeviceCookie = ReturnType<typeof createDeviceCookie>;
