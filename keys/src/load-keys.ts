// Loads the key material, creating it on first start, and rotates it on demand.
import { createSecrets, isSecrets, rotateCookieKeys, withCardKeys, type Secrets } from './secrets.ts';
import { KeyStoreError, type KeyStore } from './key-store.ts';
import { createSigningKeySet, isSigningKeySet, rotateSigningKeys, type SigningKeySet } from './signing-keys.ts';

export type KeyMaterial = { signing: SigningKeySet; secrets: Secrets };

const SIGNING = 'signing-keys';
const SECRETS = 'secrets';

async function loadOrCreate<T>(
  store: KeyStore,
  name: string,
  isValid: (value: unknown) => value is T,
  create: () => Promise<T> | T,
): Promise<T> {
  let stored = await store.read(name);
  if (stored === undefined) {
    // Two instances may start together: whoever creates first wins, the other reads it.
    await store.create(name, await create());
    stored = await store.read(name);
  }
  if (!isValid(stored)) throw new KeyStoreError(`${name} in the key store is malformed; restore it from a backup`);
  return stored;
}

export async function loadKeys(store: KeyStore): Promise<KeyMaterial> {
  const signing = await loadOrCreate(store, SIGNING, isSigningKeySet, () => createSigningKeySet());
  let secrets = await loadOrCreate(store, SECRETS, isSecrets, createSecrets);
  if (!secrets.cardKeys?.length) {
    secrets = withCardKeys(secrets);
    await store.replace(SECRETS, secrets);
  }
  return { signing, secrets };
}

/** Rotates signing keys and cookie keys; running servers pick the change up on reload. */
export async function rotateKeys(store: KeyStore, now = new Date()): Promise<KeyMaterial> {
  const { signing, secrets } = await loadKeys(store);
  const rotated = { signing: await rotateSigningKeys(signing, now), secrets: rotateCookieKeys(secrets) };
  await store.replace(SIGNING, rotated.signing);
  await store.replace(SECRETS, rotated.secrets);
  return rotated;
}
