// Each instance re-reads the key store periodically and reports a rotation made elsewhere
// (the CLI, another instance), so keys change everywhere without restarting everything.
import type { KeyStore } from './key-store.ts';
import { loadKeys, type KeyMaterial } from './load-keys.ts';

/** What identifies a key set: a rotation changes it, a re-read of the same keys does not. */
export function keysFingerprint(keys: KeyMaterial): string {
  return JSON.stringify([
    keys.signing.keys.map((k) => `${k.kid}:${k.state}`),
    keys.secrets.cookieKeys,
    (keys.secrets.cardKeys ?? []).map((k) => k.version),
  ]);
}

export function watchKeys(
  store: KeyStore,
  initial: KeyMaterial,
  everyMs: number,
  handlers: { onChange(keys: KeyMaterial): void; onError(err: unknown): void },
): () => void {
  let known = keysFingerprint(initial);
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    loadKeys(store)
      .then((keys) => {
        const fingerprint = keysFingerprint(keys);
        if (fingerprint !== known) {
          known = fingerprint;
          handlers.onChange(keys);
        }
      }, handlers.onError)
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
