// Opens the key store the configuration asks for: files in KEYS_DIR for a single machine, the
// database when several instances must share keys (the default on PostgreSQL).
import type { Knex } from 'knex';
import type { Config } from './config.ts';
import { createFileKeyStore, createRecordKeyStore, type KeyStore } from '../keys/src/key-store.ts';
import { createKeyMaterialRepo } from '../db/repos/key-material-repo.ts';

// Development only: production refuses to start without KEYS_ENCRYPTION_KEY (config.ts).
const DEVELOPMENT_ENCRYPTION_KEY = 'kms-bzh development key store: never use in production';

export function openKeyStore(config: Config, db: Knex): KeyStore {
  if (config.keyStore === 'files') return createFileKeyStore(config.keysDir);
  return createRecordKeyStore(createKeyMaterialRepo(db), config.keysEncryptionKey ?? DEVELOPMENT_ENCRYPTION_KEY);
}
