// Argon2id with the OWASP parameters (19 MiB, 2 passes, 1 lane), behind a semaphore sized to
// the machine's cores: hashing is the costliest thing the provider does.
import os from 'node:os';
import argon2 from 'argon2';
import { createSemaphore } from './semaphore.ts';

export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** How a PHC string made with ARGON2_OPTIONS starts (version 0x13 = 19, parameters sorted by name). */
const CURRENT_PREFIX = `$argon2id$v=19$m=${ARGON2_OPTIONS.memoryCost},p=${ARGON2_OPTIONS.parallelism},t=${ARGON2_OPTIONS.timeCost}$`;

export type PasswordHasher = ReturnType<typeof createPasswordHasher>;

/**
 * Hashes waiting per running one before new ones are refused (503): at ~30 ms a hash, about 1.5 s
 * of queue, which bounds how long a burst of attempts can make a citizen's login wait.
 */
export const QUEUED_PER_SLOT = 50;

export function createPasswordHasher({ maxConcurrent = os.availableParallelism() } = {}) {
  const semaphore = createSemaphore(maxConcurrent, QUEUED_PER_SLOT * maxConcurrent);
  let dummyHash: Promise<string> | undefined;
  return {
    hash: (password: string) => semaphore.run(() => argon2.hash(password, ARGON2_OPTIONS)),
    verify: (hash: string, password: string) =>
      semaphore.run(async () => {
        try {
          return await argon2.verify(hash, password);
        } catch {
          return false;
        }
      }),
    /** Spends the same work as a real verification, for unknown accounts; always false. */
    async verifyUnknown(password: string): Promise<false> {
      dummyHash ??= argon2.hash('dummy password for timing', ARGON2_OPTIONS);
      const hash = await dummyHash;
      await semaphore.run(() => argon2.verify(hash, password).catch(() => false));
      return false;
    },
    // A hash made with today's type and parameters starts with them (argon2.needsRehash would
    // parse it at each login, and does not compare the type: an argon2i hash would stay).
    needsRehash: (hash: string) => !hash.startsWith(CURRENT_PREFIX),
    get load() {
      return { active: semaphore.active, waiting: semaphore.waiting };
    },
  };
}
