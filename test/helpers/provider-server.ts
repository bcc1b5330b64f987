// A real mon-compte listening on a free port, in this process, over a migrated test database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http, { type Server } from 'node:http';
import { loadConfig } from '../../platform/config.ts';
import { createApp, type App } from '../../provider/src/app.ts';
import { createLogger } from '../../platform/logger.ts';
import { createFileKeyStore } from '../../keys/src/key-store.ts';
import { loadKeys } from '../../keys/src/load-keys.ts';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './databases.ts';
import { freePort } from './processes.ts';
import type { Mail } from '../../provider/src/mail/mailer.ts';

export type RunningProvider = {
  issuer: string;
  /** Mails sent, when no SMTP_URL was given (tests that need real SMTP give one). */
  mails: Mail[];
  app: App;
  database: TestDatabase;
  keysDir: string;
  close(): Promise<void>;
};

export async function startProvider(
  kind: DatabaseKind = 'sqlite',
  env: Record<string, string> = {},
  { https = false, logLines }: { https?: boolean; logLines?: string[] } = {},
): Promise<RunningProvider> {
  const database = await createTestDatabase(kind);
  const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-keys-'));
  const port = await freePort();
  // With https, the issuer is what a TLS-terminating proxy in front would present.
  const issuer = `${https ? 'https' : 'http'}://localhost:${port}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    ISSUER: issuer,
    DATABASE_URL: database.url,
    KEYS_DIR: keysDir,
    ...env,
  });
  const keys = await loadKeys(createFileKeyStore(keysDir));
  const mails: Mail[] = [];
  const mailer = config.smtpUrl ? undefined : { send: async (mail: Mail) => void mails.push(mail) };
  const app = createApp({
    config,
    db: database.db,
    keys,
    mailer,
    logger: logLines
      ? createLogger('debug', { write: (line: string) => void logLines.push(line) })
      : createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
  });
  await app.prepare();
  const server: Server = http.createServer(app.handler).listen(port);
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    issuer,
    mails,
    app,
    database,
    keysDir,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      await database.drop();
      fs.rmSync(keysDir, { recursive: true, force: true });
    },
  };
}
