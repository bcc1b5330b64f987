// The signer of signed cookies (Koa's `app.keys`, oidc-provider's `cookies.keys`): keygrip's
// interface and signatures, so cookies signed before or after a deploy verify alike.
import crypto from 'node:crypto';

/**
 * keygrip signs with HMAC-SHA1 under the first key, in base64url without padding, and accepts
 * a signature made under any of the keys (rotation). It compares with tsscmp, which draws 32
 * random bytes and computes two more HMACs per comparison (~30 µs, several times per request);
 * a constant-time comparison of the two digests, whose length is public, is as safe at ~2 µs.
 * A class rather than a plain object: oidc-provider copies plain objects of its configuration.
 */
export class CookieKeys {
  readonly #keys: readonly string[];

  constructor(keys: readonly string[]) {
    if (keys.length === 0) throw new Error('cookie keys must be provided');
    this.#keys = [...keys];
  }

  sign(data: string): string {
    return hmac(data, this.#keys[0]!);
  }

  verify(data: string, digest: string): boolean {
    return this.index(data, digest) > -1;
  }

  /** Which key made `digest` (0 is the current one), or -1. */
  index(data: string, digest: string): number {
    const given = Buffer.from(String(digest));
    for (let i = 0; i < this.#keys.length; i++) {
      const expected = Buffer.from(hmac(data, this.#keys[i]!));
      if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) return i;
    }
    return -1;
  }
}

const hmac = (data: string, key: string) => crypto.createHmac('sha1', key).update(data).digest('base64url');
