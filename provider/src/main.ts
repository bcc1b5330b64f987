// Start: loadConfig → createDb → migrate → loadKeys → createApp → listen. Any failure stops
// the process with one readable message and a non-zero exit, never a stack trace.
import { ConfigError, loadConfig } from '../../platform/config.ts';
import { createDb } from '../../db/create-db.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import http, { type Server } from 'node:http';
import { loadKeys } from '../../keys/src/load-keys.ts';
import { watchKeys } from '../../keys/src/watch-keys.ts';
import { openKeyStore } from '../../platform/key-store.ts';
import { createLogger } from '../../platform/logger.ts';
import { createApp } from './app.ts';
import { preloadTerritory } from '../../territory/territory.ts';

/**
 * Keep idle connections longer than the reverse proxy and clients do (Node's default is 5 s):
 * otherwise the server closes a connection just as a client reuses it, and that request fails.
 */
const keepAlive = { keepAliveTimeout: 65_000, headersTimeout: 20_000, requestTimeout: 30_000 };

function stop(message: string): never {
  process.stderr.write(`mon-compte: cannot start: ${message}\n`);
  process.exit(1);
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    stop(err instanceof ConfigError ? err.message : reason(err));
  }
  const logger = createLogger(config.logLevel);

  const db = await createDb(config.databaseUrl).catch((err) => stop(reason(err)));
  await migrateToLatest(db).catch((err) => stop(`database migration failed: ${reason(err)}`));
  const keyStore = openKeyStore(config, db);
  const keys = await loadKeys(keyStore).catch((err) => stop(reason(err)));
  const app = createApp({ config, db, keys, logger });
  await app.prepare().catch((err) => stop(`loading first-start data failed: ${reason(err)}`));
  // Card checks (the "resident" attribute) and profile pages look communes up: index them now,
  // not during the first request after a start.
  preloadTerritory();

  // Rotated keys reach every instance without a restart: each looks for them periodically.
  const stopWatching = watchKeys(keyStore, keys, config.keysReloadSeconds * 1000, {
    onChange: (next) => {
      app.reloadKeys(next);
      logger.info({ kids: next.signing.keys.map((k) => k.kid) }, 'keys reloaded');
    },
    onError: (err) => logger.error({ err }, 'key reload failed'),
  });
  const server: Server = http.createServer(keepAlive, app.handler).listen(config.port);
  await new Promise<void>((resolve) => {
    server.once('listening', resolve);
    server.once('error', (err: NodeJS.ErrnoException) =>
      stop(err.code === 'EADDRINUSE' ? `port ${config.port} is already in use (set PORT)` : reason(err)),
    );
  });
  const stopMetrics = config.metricsPort ? app.metrics.listen(config.metricsPort) : () => undefined;
  logger.info({ issuer: config.issuer, port: config.port, metricsPort: config.metricsPort }, 'mon-compte listening');

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    stopWatching();
    stopMetrics();
    server.close();
    server.closeIdleConnections();
    await app.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => stop(reason(err)));
