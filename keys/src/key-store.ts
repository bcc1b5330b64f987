// Where key material lives. The file store keeps each document as KEYS_DIR/<name>.json, mode
// 600 in a 700 folder. Another store (the database, for several instances) implements the
// same three calls.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export type KeyStore = {
  /** The stored document, or undefined when there is none yet. */
  read(name: string): Promise<unknown>;
  /** Creates the document only if absent; returns false when another process was first. */
  create(name: string, value: unknown): Promise<boolean>;
  /** Replaces the document atomically. */
  replace(name: string, value: unknown): Promise<void>;
};

export class KeyStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KeyStoreError';
  }
}

export function createFileKeyStore(dir: string): KeyStore {
  const file = (name: string) => path.join(dir, `${name}.json`);
  const fail = (what: string, cause: unknown): never => {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new KeyStoreError(`KEYS_DIR ${dir} is not usable: cannot ${what} (${reason})`, { cause });
  };

  const ensureDir = async () => {
    try {
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      await fs.access(dir, fs.constants.W_OK | fs.constants.R_OK);
    } catch (cause) {
      fail('create or write the folder', cause);
    }
  };

  return {
    async read(name) {
      let text: string;
      try {
        text = await fs.readFile(file(name), 'utf8');
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        return fail(`read ${name}.json`, cause);
      }
      try {
        return JSON.parse(text) as unknown;
      } catch (cause) {
        return fail(`parse ${name}.json`, cause);
      }
    },

    async create(name, value) {
      await ensureDir();
      try {
        await fs.writeFile(file(name), JSON.stringify(value, null, 2), { mode: 0o600, flag: 'wx' });
        return true;
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code === 'EEXIST') return false;
        return fail(`write ${name}.json`, cause);
      }
    },

    async replace(name, value) {
      await ensureDir();
      const temporary = `${file(name)}.${process.pid}.tmp`;
      try {
        await fs.writeFile(temporary, JSON.stringify(value, null, 2), { mode: 0o600 });
        await fs.rename(temporary, file(name));
      } catch (cause) {
        await fs.rm(temporary, { force: true });
        fail(`write ${name}.json`, cause);
      }
    },
  };
}

/** Where documents are kept when keys live in the database: text in, text out. */
export type KeyRecords = {
  get(name: string): Promise<string | undefined>;
  insert(name: string, value: string): Promise<boolean>;
  update(name: string, value: string): Promise<void>;
};

/**
 * Keys in the database, shared by every instance. Each document is sealed with AES-256-GCM
 * under `encryptionKey` (the document name is authenticated too), so a database dump or
 * replica alone does not give the signing keys away.
 */
export function createRecordKeyStore(records: KeyRecords, encryptionKey: string): KeyStore {
  const key = crypto.createHash('sha256').update(`kms-bzh key store\u0000${encryptionKey}`).digest();
  const seal = (name: string, value: unknown) => {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(name));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return `v1.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`;
  };
  const open = (name: string, sealed: string): unknown => {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || !body)
      throw new KeyStoreError(`${name} in the database is not a sealed key document`);
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(name));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw new KeyStoreError(`cannot open ${name}: wrong KEYS_ENCRYPTION_KEY or damaged record`, { cause });
    }
  };
  return {
    async read(name) {
      const sealed = await records.get(name);
      return sealed === undefined ? undefined : open(name, sealed);
    },
    create: (name, value) => records.insert(name, seal(name, value)),
    replace: (name, value) => records.update(name, seal(name, value)),
  };
}
