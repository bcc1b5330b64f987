import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SignJWT, createRemoteJWKSet, importJWK, jwtVerify, type JWK } from 'jose';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.ts';
import { freePort, runScript, startServer } from '../helpers/processes.ts';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

describe.each(databaseKinds())('mon-compte started as `npm start` does, on %s', (kind) => {
  const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-keys-'));
  let database: TestDatabase;

  afterAll(async () => {
    await database?.drop();
    fs.rmSync(keysDir, { recursive: true, force: true });
  });

  async function start() {
    database ??= await createTestDatabase(kind, { migrate: false });
    const port = await freePort();
    return startServer(
      'provider/src/main.ts',
      {
        PORT: String(port),
        ISSUER: `http://localhost:${port}`,
        DATABASE_URL: database.url,
        KEYS_DIR: keysDir,
        // These tests read the key files; the database key store has its own test.
        KEY_STORE: 'files',
      },
      { port },
    );
  }

  it('publishes a discovery document with PKCE S256 only and pairwise subjects', async () => {
    const server = await start();
    try {
      const res = await fetch(`${server.url}/.well-known/openid-configuration`);
      expect(res.status).toBe(200);
      const discovery = (await res.json()) as Record<string, string | string[]>;
      const issuer = discovery.issuer as string;
      expect(issuer).toMatch(/^http:\/\/localhost:\d+$/);
      expect(discovery.jwks_uri).toBe(`${issuer}/jwks`);
      for (const endpoint of [
        'authorization_endpoint',
        'token_endpoint',
        'userinfo_endpoint',
        'revocation_endpoint',
        'introspection_endpoint',
        'end_session_endpoint',
      ]) {
        expect(discovery[endpoint] as string, endpoint).toMatch(new RegExp(`^${issuer}/`));
      }
      expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
      expect(discovery.subject_types_supported).toContain('pairwise');
      expect(discovery.response_types_supported).toEqual(['code']);
      expect(discovery.grant_types_supported).not.toContain('implicit');
      expect(discovery.grant_types_supported).not.toContain('password');
    } finally {
      await server.stop();
    }
  });

  it('serves RS256 and ES256 public keys only, the same after a restart', async () => {
    const first = await start();
    const before = (await (await fetch(`${first.url}/jwks`)).json()) as { keys: JWK[] };
    await first.stop();
    const algs = before.keys.map((k: JWK) => k.alg);
    expect(algs).toContain('RS256');
    expect(algs).toContain('ES256');
    for (const key of before.keys) {
      for (const member of PRIVATE_MEMBERS) expect(key, `${key.kid} leaks ${member}`).not.toHaveProperty(member);
    }
    const second = await start();
    const after = await (await fetch(`${second.url}/jwks`)).json();
    await second.stop();
    expect(after).toEqual(before);
    if (kind === 'sqlite') {
      for (const file of fs.readdirSync(keysDir)) {
        expect(fs.statSync(path.join(keysDir, file)).mode & 0o777, file).toBe(0o600);
      }
    }
  });

  it('after a rotation, a token signed with the old key still verifies and the next key was published before', async () => {
    const stored = JSON.parse(fs.readFileSync(path.join(keysDir, 'signing-keys.json'), 'utf8'));
    const current = stored.keys.find((k: { alg: string; state: string }) => k.alg === 'RS256' && k.state === 'current');
    const next = stored.keys.find((k: { alg: string; state: string }) => k.alg === 'RS256' && k.state === 'next');
    const token = await new SignJWT({ sub: 'someone' })
      .setProtectedHeader({ alg: 'RS256', kid: current.kid })
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(await importJWK(current.jwk, 'RS256'));

    const beforeRotation = await start();
    const published = (await (await fetch(`${beforeRotation.url}/jwks`)).json()) as { keys: JWK[] };
    await beforeRotation.stop();
    expect(published.keys.map((k: JWK) => k.kid)).toContain(next.kid);

    const rotation = runScript('provider/src/admin/cli.ts', ['keys', 'rotate'], {
      KEYS_DIR: keysDir,
      DATABASE_URL: database.url,
      KEY_STORE: 'files',
    });
    expect(rotation.status, rotation.stderr).toBe(0);
    const states = JSON.parse(rotation.stdout).keys;
    expect(states).toContainEqual({ kid: current.kid, alg: 'RS256', state: 'previous' });
    expect(states).toContainEqual({ kid: next.kid, alg: 'RS256', state: 'current' });

    const afterRotation = await start();
    try {
      const jwks = createRemoteJWKSet(new URL(`${afterRotation.url}/jwks`));
      const { payload } = await jwtVerify(token, jwks);
      expect(payload.sub).toBe('someone');
    } finally {
      await afterRotation.stop();
    }
  });
});
