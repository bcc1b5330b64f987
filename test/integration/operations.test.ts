import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, runScript, startServer } from '../helpers/processes.ts';

const CLI = 'provider/src/admin/cli.ts';

describe('operations: readiness, metrics and online backup', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-ops-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers /healthz and /readyz, exposes Prometheus metrics on its own port, and backs up while running', async () => {
    const port = await freePort();
    const metricsPort = await freePort();
    const env = {
      DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`,
      KEYS_DIR: path.join(dir, 'keys'),
      PORT: String(port),
      ISSUER: `http://localhost:${port}`,
      METRICS_PORT: String(metricsPort),
    };
    const server = await startServer('provider/src/main.ts', env, { port });
    try {
      expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
      expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: 'ready' });
      await fetch(`${server.url}/.well-known/openid-configuration`);
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404); // not on the public port
      const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      expect(metrics).toMatch(/http_request_duration_seconds_count\{[^}]*route="discovery"/);
      expect(metrics).toContain('process_resident_memory_bytes');

      const target = path.join(dir, 'backup.sqlite');
      const result = runScript(CLI, ['backup', '--to', target], env);
      expect(result.status, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ backup: target, integrity: 'ok' });
      expect(runScript(CLI, ['backup', '--to', target], env).stderr).toContain('already exists');
      expect(
        runScript(CLI, ['backup', '--to', target], { ...env, DATABASE_URL: 'postgres://x@127.0.0.1:1/y' }).stderr,
      ).toContain('pg_dump');
    } finally {
      await server.stop();
    }
  });
});
