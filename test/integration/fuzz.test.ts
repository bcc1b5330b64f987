import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServer, type RunningProcess } from '../helpers/processes.ts';

/** A seeded generator: a failing request can be replayed from its seed. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  return { next, int, pick };
}

const PROVIDER_ROUTES = [
  '/',
  '/auth',
  '/auth/abc',
  '/token',
  '/me',
  '/token/introspection',
  '/token/revocation',
  '/session/end',
  '/session/end/confirm',
  '/jwks',
  '/.well-known/openid-configuration',
  '/interaction/abc',
  '/interaction/abc/login',
  '/interaction/abc/register',
  '/interaction/abc/consent',
  '/interaction/abc/abort',
  '/interaction/abc/profile',
  '/account',
  '/account/login',
  '/account/callback',
  '/account/profile',
  '/account/apps',
  '/account/apps/x/revoke',
  '/account/export',
  '/account/delete',
  '/account/card',
  '/account/card/consent',
  '/account/email/verify',
  '/password/forgot',
  '/password/reset',
  '/api/cards/check',
  '/api/cards/pair',
  '/api/cards/offline-list',
  '/demo',
  '/demo/login',
  '/demo/callback',
  '/assets/styles.css',
  '/healthz',
  '/readyz',
  '/request',
  '/nowhere',
];
const DIRECTORY_ROUTES = [
  '/api/services',
  '/api/services/x',
  '/api/matches',
  '/api/me',
  '/api/me/matches',
  '/auth/login',
  '/auth/callback',
  '/auth/logout',
  '/healthz',
  '/api/nowhere',
];
const ODD = [
  '',
  '%00',
  '%ff%fe',
  '\u202e',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'é'.repeat(300),
  'a'.repeat(5000),
  '../../etc/passwd',
  '"><script>',
  '%E2%82',
  '[]',
  '{}',
  'null',
  '-1',
  '1e309',
  'NaN',
];
const PARAMS = [
  'client_id',
  'redirect_uri',
  'response_type',
  'scope',
  'code',
  'state',
  'code_challenge',
  'q',
  'page',
  'commune',
  'niveau',
  'thematique',
  'token',
  'return',
  'grant_type',
  'uid',
  'claims',
  'prompt',
];

function malformed(r: ReturnType<typeof prng>) {
  const method = r.pick(['GET', 'GET', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
  const query = Array.from(
    { length: r.int(5) },
    () => `${r.pick(PARAMS)}=${encodeURIComponent(r.pick(ODD)).slice(0, r.int(2) ? 50 : 8000)}`,
  )
    .concat(r.int(4) === 0 ? ['%zz=1', 'a=%', 'page=1&page=2'] : [])
    .join('&');
  const headers: Record<string, string> = {};
  let body: Buffer | undefined;
  switch (r.int(7)) {
    case 0:
      headers['content-type'] = 'application/json';
      body = Buffer.from(
        r.pick([
          '{"uid":',
          '{"a":1}',
          '[1,2',
          '{"bzh_commune": 35238}',
          '"x"',
          JSON.stringify({ birthdate: r.pick(ODD) }),
          '{'.repeat(5000),
        ]),
      );
      break;
    case 1:
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = Buffer.from(
        `${r.pick(PARAMS)}=${r.pick(ODD)}&csrf=${r.pick(ODD)}&email=%ff&password=${'x'.repeat(r.int(10000))}`,
      );
      break;
    case 2:
      headers['content-type'] = r.pick([
        'text/plain',
        'application/xml',
        'multipart/form-data; boundary=x',
        'application/json; charset=latin1',
        'x',
      ]);
      body = Buffer.from(Array.from({ length: r.int(3000) }, () => r.int(256)));
      break;
    case 3:
      headers['content-type'] = 'application/json';
      body = Buffer.alloc(200_000 + r.int(2_000_000), 0x61); // oversized
      break;
    case 4:
      headers['content-type'] = 'application/json';
      body = Buffer.from(
        JSON.stringify({ uid: r.int(2) ? 1234 : ['04A2B9C1D2E380'], service: { $ne: 1 }, code: null, q: [1] }),
      );
      break;
    default:
      break;
  }
  if (r.int(3) === 0)
    headers.authorization = r.pick([
      'Bearer ',
      'Bearer x',
      'DPoP abc',
      'Basic !!!',
      `Bearer ${'a'.repeat(4000)}`,
      'Basic Og==',
    ]);
  if (r.int(3) === 0)
    headers.cookie = r.pick(['kms_session=x', 'a=b; kms_csrf=%ff', 'ms_session=' + 'z'.repeat(3000), '=;;=']);
  if (r.int(5) === 0) headers.dpop = 'not.a.jwt';
  return { method, query, headers, body };
}

function send(port: number, route: string, request: ReturnType<typeof malformed>): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: request.method,
        path: `${route}${request.query ? `?${request.query}` : ''}`,
        headers: request.headers,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(res.statusCode ?? 0));
      },
    );
    // A server may cut a huge body short (413): that is an answer, not a failure.
    req.on('error', () => resolve(-1));
    req.end(request.body);
  });
}

function rssKiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
}

describe('hostile input', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-fuzz-'));
  let provider: RunningProcess;
  let directory: RunningProcess;
  let ports: { provider: number; directory: number };

  beforeAll(async () => {
    ports = { provider: await freePort(), directory: await freePort() };
    const env = {
      DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`,
      KEYS_DIR: path.join(dir, 'keys'),
      PORT: String(ports.provider),
      DIRECTORY_PORT: String(ports.directory),
      ISSUER: `http://localhost:${ports.provider}`,
      DIRECTORY_URL: `http://localhost:${ports.directory}`,
      LOG_LEVEL: 'error',
    };
    provider = await startServer('provider/src/main.ts', env, { port: ports.provider });
    directory = await startServer('directory/src/main.ts', env, { port: ports.directory });
  }, 60_000);
  afterAll(async () => {
    await provider?.stop();
    await directory?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 10,000 malformed requests without a 5xx, stays up, and its memory comes back', async () => {
    const r = prng(20261128);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const run = async (count: number) => {
      let sent = 0;
      const worker = async () => {
        while (sent < count) {
          sent++;
          const target =
            r.int(4) === 0
              ? { port: ports.directory, route: r.pick(DIRECTORY_ROUTES) }
              : { port: ports.provider, route: r.pick(PROVIDER_ROUTES) };
          const request = malformed(r);
          const status = await send(target.port, target.route, request);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status >= 500)
            failures.push(
              `${status} ${request.method} ${target.route}?${request.query.slice(0, 120)} ${request.headers['content-type'] ?? ''}`,
            );
        }
      };
      await Promise.all(Array.from({ length: 16 }, worker));
    };
    await run(1000); // warm-up: caches, JIT, pools
    const before = { provider: rssKiB(provider.child.pid!), directory: rssKiB(directory.child.pid!) };
    await run(10_000);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const after = { provider: rssKiB(provider.child.pid!), directory: rssKiB(directory.child.pid!) };

    expect(failures.slice(0, 20), `${failures.length} answers were 5xx`).toEqual([]);
    // Connection resets (-1) only where a server cut an oversized body: the rest got an answer.
    const answered = [...statuses].filter(([s]) => s > 0).reduce((n, [, c]) => n + c, 0);
    process.stdout.write(
      `fuzz statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}\n`,
    );
    expect(answered).toBeGreaterThan(0.9 * 11_000);
    expect(provider.child.exitCode).toBeNull();
    expect(directory.child.exitCode).toBeNull();
    expect((await fetch(`http://127.0.0.1:${ports.provider}/readyz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${ports.directory}/healthz`)).status).toBe(200);
    expect(after.provider, `provider RSS ${before.provider} → ${after.provider} KiB`).toBeLessThan(
      before.provider * 1.5,
    );
    expect(after.directory, `directory RSS ${before.directory} → ${after.directory} KiB`).toBeLessThan(
      before.directory * 1.5,
    );
  }, 240_000);
});
