// The known-device cookie: set at each login and registration, it lets the login throttle tell
// the citizen's own browser from an attacker's (accounts/login-throttle.ts).
import type { Context } from 'koa';
import type { AccountsService } from '../accounts/accounts-service.ts';

const DEVICE_COOKIE = 'kms_device';
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export function createDeviceCookie(accounts: AccountsService, secure: boolean) {
  return {
    read: (ctx: Context) => ctx.cookies.get(DEVICE_COOKIE, { signed: true }),
    remember(ctx: Context, accountId: string) {
      ctx.cookies.set(DEVICE_COOKIE, accounts.deviceToken(accountId), {
        httpOnly: true,
        sameSite: 'lax',
        secure,
        signed: true,
        maxAge: YEAR_MS,
      });
    },
  };
}

export type DeviceCookie = ReturnType<typeof createDeviceCookie>;
