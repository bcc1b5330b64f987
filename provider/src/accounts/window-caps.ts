// Caps on how often something may happen for one key in a fixed window: account creations
// per network address, link mails per email address. A fixed window, so that a public desk that
// helps citizens register every day is never throttled for long; shared by every instance (the
// throttle table); the key (an address) is stored as a keyed hash only.
import crypto from 'node:crypto';
import type { ThrottleRepo } from '../../../db/repos/throttle-repo.ts';

/**
 * Account creations per network address: each one costs an argon2id hash, and the answer for
 * an email that already has an account ("connectez-vous") tells that it has one.
 */
export const REGISTRATION_LIMIT = { prefix: 'r', perWindow: 20, windowMs: 60 * 60 * 1000 } as const;

/**
 * Link mails (password reset, address confirmation) to one email address: anyone who knows an
 * address can ask for them, so without a cap a stranger could flood its inbox through us.
 */
export const LINK_MAIL_LIMIT = { prefix: 'm', perWindow: 5, windowMs: 60 * 60 * 1000 } as const;

export type WindowCap = ReturnType<typeof createWindowCap>;

export function createWindowCap(
  repo: ThrottleRepo,
  secret: string,
  { prefix, perWindow, windowMs }: { prefix: string; perWindow: number; windowMs: number },
  now: () => number = Date.now,
) {
  const keyOf = (value: string) =>
    `${prefix}:${crypto.createHmac('sha256', secret).update(value).digest('base64url').slice(0, 32)}`;

  return {
    /** Seconds to wait before `value` may be counted again, or 0. */
    async retryAfterSeconds(value: string): Promise<number> {
      const [state] = await repo.find([keyOf(value)]);
      const at = now();
      return state && state.blockedUntil > at ? Math.ceil((state.blockedUntil - at) / 1000) : 0;
    },

    /** Counts one event for `value` (the cap-th one blocks it until its window ends). */
    async record(value: string): Promise<void> {
      await repo.countInWindow(keyOf(value), now(), { max: perWindow, windowMs });
    },

    /** Counts one event unless `value` is blocked; false (nothing counted) when it is. */
    async take(value: string): Promise<boolean> {
      if ((await this.retryAfterSeconds(value)) > 0) return false;
      await this.record(value);
      return true;
    },
  };
}
