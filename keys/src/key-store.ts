// Where key material lives. The file store keeps each document as KEYS_DIR/<name>.json, mode
// 600 in a 700 folder. Another store (the database, for several instances) implements the
// same three calls.
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
