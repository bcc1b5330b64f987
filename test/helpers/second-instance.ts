// Another mon-compte instance beside a running one, as behind a load balancer: the same public
// URL, keys and database, but its own connections, its own memory (caches, counters) and its own
// port.
import http from 'node:http';
import { once } from 'node:events';
import { createDb } from '../../db/create-db.ts';
import { loadConfig } from '../../platform/config.ts';
import { createApp } from '../../provider/src/app.ts';
import { createLogger } from '../../platform/logger.ts';
import { createFileKeyStore } from '../../keys/src/key-store.ts';
import { loadKeys } from '../../keys/src/load-keys.ts';
import { freePort } from './processes.ts';
import type { RunningProvider } from './provider-server.ts';

export type SecondInstance = { url: string; close(): Promise<void> };

export async function startSecondInstance(first: RunningProvider): Promise<SecondInstance> {
  const db = await createDb(first.database.url);
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    ISSUER: first.issuer,
    DATABASE_URL: first.database.url,
    KEYS_DIR: first.keysDir,
  });
  const app = createApp({
    config,
    db,
    keys: await loadKeys(createFileKeyStore(first.keysDir)),
    mailer: { send: async () => undefined },
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
  });
  const server = http.createServer(app.handler).listen(port);
  await once(server, 'listening');
  return {
    url: `http://localhost:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      await db.destroy();
    },
  };
}
