// Growing delays after failed logins, counted per (email, address), per address, and per
// email across addresses. The last one spares browsers the account already logged in from
// (a signed "known device" cookie), so that an attacker cannot lock a citizen out. Keys are
// keyed hashes: no email or IP address is stored in clear.
import crypto from 'node:crypto';
import type { ThrottleRepo, ThrottleState } from '../../../db/repos/throttle-repo.ts';

type Policy = { free: number; baseSeconds: number; maxSeconds: number };

export const THROTTLE_POLICIES = {
  pair: { free: 5, baseSeconds: 30, maxSeconds: 15 * 60 },
  ip: { free: 30, baseSeconds: 10, maxSeconds: 15 * 60 },
  email: { free: 50, baseSeconds: 60, maxSeconds: 60 * 60 },
} as const satisfies Record<string, Policy>;

/** Failures older than this no longer count (and the rows that hold only such are purged). */
export const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

export function delayAfter(failures: number, policy: Policy): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** (failures - policy.free));
}

/**
 * `failuresToForget`: whether a success now has counters to clear (see recordSuccess).
 * `release`: to call once the attempt's outcome is recorded (see `inFlight`).
 */
export type ThrottleVerdict =
  { blocked: false; failuresToForget: boolean; release: () => void } | { blocked: true; retryAfterSeconds: number };

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

export function createLoginThrottle(repo: ThrottleRepo, secret: string, now: () => number = Date.now) {
  const hash = (text: string) => crypto.createHmac('sha256', secret).update(text).digest('base64url').slice(0, 32);
  const keys = (email: string, ip: string) => ({
    pair: `p:${hash(`${email}\u0000${ip}`)}`,
    ip: `i:${hash(ip)}`,
    email: `e:${hash(email)}`,
  });

  /**
   * Attempts of this instance whose password is being verified, by key. A failure is recorded
   * only once its hash is verified, so without these, a burst of parallel attempts would all
   * pass the check before the first failure lands. Each one counts as a failure to come.
   */
  const inFlight = new Map<string, number>();
  const adjust = (key: string, by: number) => {
    const n = (inFlight.get(key) ?? 0) + by;
    if (n > 0) inFlight.set(key, n);
    else inFlight.delete(key);
  };

  return {
    /** Whether this attempt may go on; if so, it counts as in flight until `release`. */
    async check(email: string, ip: string, { knownDevice = false } = {}): Promise<ThrottleVerdict> {
      const k = keys(email, ip);
      // The email's counter is read even when it does not count (a known device): the answer
      // then also tells whether a success has anything to clear.
      const states = new Map((await repo.find([k.pair, k.ip, k.email])).map((s) => [s.key, s]));
      const at = now();
      const counted: [string, Policy][] = [
        [k.pair, THROTTLE_POLICIES.pair],
        [k.ip, THROTTLE_POLICIES.ip],
      ];
      if (!knownDevice) counted.push([k.email, THROTTLE_POLICIES.email]);
      let wait = 0;
      for (const [key, policy] of counted) {
        const state = states.get(key);
        const blockedFor = state && state.blockedUntil > at ? (state.blockedUntil - at) / 1000 : 0;
        const recent = state && at - state.lastFailureAt < FORGET_AFTER_MS ? state.failures : 0;
        // Attempts in flight are failures to come: were they recorded, would this one wait?
        const pending = inFlight.get(key) ?? 0;
        wait = Math.max(wait, blockedFor, pending ? delayAfter(recent + pending, policy) : 0);
      }
      if (wait > 0) return { blocked: true, retryAfterSeconds: Math.ceil(wait) };
      const reserved = [k.pair, k.ip, k.email];
      for (const key of reserved) adjust(key, 1);
      let released = false;
      return {
        blocked: false,
        failuresToForget: states.has(k.pair) || states.has(k.email),
        release: () => {
          if (released) return;
          released = true;
          for (const key of reserved) adjust(key, -1);
        },
      };
    },

    async recordFailure(email: string, ip: string): Promise<void> {
      const k = keys(email, ip);
      const at = now();
      const states = new Map((await repo.find([k.pair, k.ip, k.email])).map((s) => [s.key, s]));
      const bump = async (key: string, policy: Policy) => {
        const previous = states.get(key);
        const failures = previous && at - previous.lastFailureAt < FORGET_AFTER_MS ? previous.failures + 1 : 1;
        const state: ThrottleState = {
          key,
          failures,
          lastFailureAt: at,
          blockedUntil: at + delayAfter(failures, policy) * 1000,
        };
        await repo.save(state);
      };
      await bump(k.pair, THROTTLE_POLICIES.pair);
      await bump(k.ip, THROTTLE_POLICIES.ip);
      await bump(k.email, THROTTLE_POLICIES.email);
    },

    /**
     * A success forgets this email's failures; the address counter only decays. Called only
     * when the check found counters to forget, which spares most logins a write; a failure
     * recorded by another request while the password was being verified is then kept.
     */
    async recordSuccess(email: string, ip: string): Promise<void> {
      const k = keys(email, ip);
      await repo.clear([k.pair, k.email]);
    },

    /**
     * The value of the known-device cookie for an account: the day it was issued and a keyed
     * hash of that day, the account and its password hash. It stops counting after
     * DEVICE_TOKEN_DAYS, and a new password (a citizen who fears an intruder changes it) ends
     * every device token issued before.
     */
    deviceToken(account: DeviceOwner, issuedAt: number = now()): string {
      const day = Math.floor(issuedAt / DAY_MS);
      return `${day.toString(36)}.${hash(deviceMaterial(account, day))}`;
    },

    isKnownDevice(token: string | undefined, account: DeviceOwner): boolean {
      const match = token === undefined ? null : /^([0-9a-z]{1,8})\.([\w-]{32})$/.exec(token);
      if (!match) return false;
      const day = parseInt(match[1]!, 36);
      const today = Math.floor(now() / DAY_MS);
      if (day > today || today - day >= DEVICE_TOKEN_DAYS) return false;
      const expected = Buffer.from(hash(deviceMaterial(account, day)));
      const given = Buffer.from(match[2]!);
      return given.length === expected.length && crypto.timingSafeEqual(given, expected);
    },
  };
}

/** The account a known-device token belongs to: its id and current password hash. */
export type DeviceOwner = { id: string; passwordHash: string };

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a browser counts as the citizen's own after its last login. */
export const DEVICE_TOKEN_DAYS = 365;

const deviceMaterial = (account: DeviceOwner, day: number) =>
  `device\u0000${account.id}\u0000${account.passwordHash}\u0000${day}`;
