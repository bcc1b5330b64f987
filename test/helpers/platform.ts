// mon-compte and mes-services listening together, as `npm start` runs them: mes-services
// talks to mon-compte over HTTP only, as a registered relying party.
import type { Server } from 'node:http';
import { createDirectoryApp } from '../../directory/src/app.ts';
import { loadConfig } from '../../platform/config.ts';
import { createLogger } from '../../platform/logger.ts';
import { createFileKeyStore } from '../../keys/src/key-store.ts';
import { loadKeys } from '../../keys/src/load-keys.ts';
import { deriveKey } from '../../keys/src/derive.ts';
import { startProvider, type RunningProvider } from './provider-server.ts';
import type { DatabaseKind } from './databases.ts';
import { freePort } from './processes.ts';

export type RunningPlatform = {
  provider: RunningProvider;
  directoryUrl: string;
  directory: Awaited<ReturnType<typeof createDirectoryApp>>;
  close(): Promise<void>;
};

export async function startPlatform(kind: DatabaseKind = 'sqlite'): Promise<RunningPlatform> {
  const directoryPort = await freePort();
  const directoryUrl = `http://localhost:${directoryPort}`;
  const provider = await startProvider(kind, { DIRECTORY_URL: directoryUrl, DIRECTORY_PORT: String(directoryPort) });
  const config = loadConfig({
    NODE_ENV: 'test',
    ISSUER: provider.issuer,
    DIRECTORY_URL: directoryUrl,
    DIRECTORY_PORT: String(directoryPort),
    DATABASE_URL: provider.database.url,
    KEYS_DIR: provider.keysDir,
  });
  const keys = await loadKeys(createFileKeyStore(provider.keysDir));
  const directory = await createDirectoryApp({
    config,
    db: provider.database.db,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', undefined, 'mes-services'),
    cookieKeys: keys.secrets.cookieKeys,
    clientSecret: deriveKey(keys.secrets.pairwiseKey, 'mes-services-client'),
  });
  const server: Server = directory.app.listen(directoryPort);
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    provider,
    directoryUrl,
    directory,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await directory.close();
      await provider.close();
    },
  };
}
