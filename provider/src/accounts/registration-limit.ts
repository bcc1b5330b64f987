// A cap on account creations per network address: each one costs an argon2id hash, and the
// answer for an email that already has an account ("connectez-vous") tells that it has one.
// A fixed window, so that a public desk that helps citizens register every day is never
// throttled for long; shared by every instance (the throttle table); the network address is
// stored as a keyed hash only.
import crypto from 'node:crypto';
import type { ThrottleRepo } from '../../../db/repos/throttle-repo.ts';

export const REGISTRATION_LIMIT = { perWindow: 20, windowMs: 60 * 60 * 1000 } as const;

export type RegistrationLimit = ReturnType<typeof createRegistrationLimit>;

export function createRegistrationLimit(repo: ThrottleRepo, secret: string, now: () => number = Date.now) {
  const keyOf = (ip: string) => `r:${crypto.createHmac('sha256', secret).update(ip).digest('base64url').slice(0, 32)}`;
  const { perWindow, windowMs } = REGISTRATION_LIMIT;

  return {
    /** Seconds to wait before this address may create an account, or 0. */
    async retryAfterSeconds(ip: string): Promise<number> {
      const [state] = await repo.find([keyOf(ip)]);
      const at = now();
      return state && state.blockedUntil > at ? Math.ceil((state.blockedUntil - at) / 1000) : 0;
    },

    /** Counts an attempt that went as far as hashing the password. */
    async record(ip: string): Promise<void> {
      await repo.countInWindow(keyOf(ip), now(), { max: perWindow, windowMs });
    },
  };
}
