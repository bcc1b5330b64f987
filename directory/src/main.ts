// Start of mes-services: loadConfig → createDb → migrate → keys → createDirectoryApp → listen.
import http from 'node:http';
import { ConfigError, loadConfig } from '../../platform/config.ts';
import { createLogger } from '../../platform/logger.ts';
import { createDb } from '../../db/create-db.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { openKeyStore } from '../../platform/key-store.ts';
import { loadKeys } from '../../keys/src/load-keys.ts';
import { deriveKey } from '../../keys/src/derive.ts';
import { createDirectoryApp } from './app.ts';

function stop(message: string): never {
  process.stderr.write(`mes-services: cannot start: ${message}\n`);
  process.exit(1);
}
const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    stop(err instanceof ConfigError ? err.message : reason(err));
  }
  const logger = createLogger(config.logLevel, undefined, 'mes-services');
  const db = await createDb(config.databaseUrl).catch((err) => stop(reason(err)));
  await migrateToLatest(db).catch((err) => stop(`database migration failed: ${reason(err)}`));
  const keys = await loadKeys(openKeyStore(config, db)).catch((err) => stop(reason(err)));
  const directory = await createDirectoryApp({
    config,
    db,
    logger,
    cookieKeys: config.cookieKeys ?? keys.secrets.cookieKeys,
    // Outside production, mon-compte registers mes-services with this same derived secret.
    clientSecret: config.directoryClientSecret ?? deriveKey(keys.secrets.pairwiseKey, 'mes-services-client'),
  }).catch((err) => stop(reason(err)));

  // Idle connections outlive the proxy's and clients' (see provider/src/main.ts).
  const server = http
    .createServer(
      { keepAliveTimeout: 65_000, headersTimeout: 20_000, requestTimeout: 30_000 },
      directory.app.callback(),
    )
    .listen(config.directoryPort);
  await new Promise<void>((resolve) => {
    server.once('listening', resolve);
    server.once('error', (err: NodeJS.ErrnoException) =>
      stop(
        err.code === 'EADDRINUSE' ? `port ${config.directoryPort} is already in use (set DIRECTORY_PORT)` : reason(err),
      ),
    );
  });
  logger.info({ url: config.directoryUrl, port: config.directoryPort }, 'mes-services listening');
  const shutdown = async () => {
    server.close();
    server.closeIdleConnections();
    await directory.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

main().catch((err) => stop(reason(err)));
