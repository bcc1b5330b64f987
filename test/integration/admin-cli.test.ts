import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runScript, startServer, type RunningProcess } from '../helpers/processes.ts';
import { createBrowserAgent } from '../helpers/browser-agent.ts';
import { consent, createRelyingParty, finishFlow, logIn, startFlow } from '../helpers/relying-party.ts';
import { createDb } from '../../db/create-db.ts';
import { createClientsRepo } from '../../db/repos/clients-repo.ts';

const CLI = 'provider/src/admin/cli.ts';

describe('the admin CLI creates what a collectivity needs to plug an app in', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-cli-'));
  const env = { DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`, KEYS_DIR: path.join(dir, 'keys') };
  let server: RunningProcess;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints help for every command', () => {
    const all = runScript(CLI, ['--help'], env);
    expect(all.status).toBe(0);
    for (const command of [
      'users add',
      'users export',
      'clients add',
      'terminals add',
      'terminal simulate',
      'orgs list',
      'orgs show',
      'services import',
      'keys rotate',
    ]) {
      expect(all.stdout).toContain(command);
      const help = runScript(CLI, [...command.split(' '), '--help'], env);
      expect(help.status, command).toBe(0);
      expect(help.stdout).toContain(`npm run kms -- ${command}`);
    }
  });

  it('registers mes-services for production: its own client_id and the administration role, for it alone', async () => {
    const base = ['clients', 'add', '--name', 'mes-services.bzh', '--org', '233500016'];
    const uris = ['--redirect-uri', 'https://mes-services.example/auth/callback'];
    const anyApp = runScript(CLI, [...base, ...uris, '--client-id', 'portail-famille', '--administration'], env);
    expect(anyApp.status).toBe(1);
    expect(anyApp.stderr).toContain('--administration is only for mes-services');

    const prodEnv = { ...env, DIRECTORY_CLIENT_ID: 'mes-services-bzh' };
    const args = [
      ...base,
      ...uris,
      '--scope',
      'birthdate bzh_residence',
      '--client-id',
      'mes-services-bzh',
      '--administration',
    ];
    const created = runScript(CLI, args, prodEnv);
    expect(created.status, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      client_id: 'mes-services-bzh',
      client_secret: expect.any(String),
    });
    const db = await createDb(env.DATABASE_URL);
    try {
      const stored = await createClientsRepo(db).findById('mes-services-bzh');
      expect(String(stored!.metadata.scope).split(' ')).toEqual(expect.arrayContaining(['bzh_admin', 'bzh_residence']));
    } finally {
      await db.destroy();
    }
    // The same id again is refused, never a silent replacement.
    const again = runScript(CLI, args, prodEnv);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('a client mes-services-bzh is already registered');
  });

  it('refuses bad input with a message and a non-zero exit', () => {
    const unknownOrg = runScript(
      CLI,
      ['clients', 'add', '--name', 'X', '--org', '000000000', '--redirect-uri', 'https://x.example/cb'],
      env,
    );
    expect(unknownOrg.status).toBe(1);
    expect(unknownOrg.stderr).toContain('Aucune collectivité n’a le SIREN 000000000');
    const badScope = runScript(
      CLI,
      [
        'clients',
        'add',
        '--name',
        'X',
        '--org',
        '243500139',
        '--redirect-uri',
        'https://x.example/cb',
        '--scope',
        'everything',
      ],
      env,
    );
    expect(badScope.stderr).toContain('Le scope « everything » n’existe pas');
    const weak = runScript(
      CLI,
      ['users', 'add', '--email', 'a@example.fr', '--password-stdin'],
      env,
      'azertyuiop123\n',
    );
    expect(weak.status).toBe(1);
    expect(weak.stderr).not.toContain('azertyuiop123');
    expect(runScript(CLI, ['nope'], env).status).toBe(2);
  });

  it('creates an account and a client that work for a real login', async () => {
    const user = runScript(
      CLI,
      ['users', 'add', '--email', 'Agent@Rennes.example', '--password-stdin'],
      env,
      'le guichet ouvre à neuf heures\n',
    );
    expect(user.status, user.stderr).toBe(0);
    expect(JSON.parse(user.stdout)).toMatchObject({ email: 'agent@rennes.example' });

    const redirectUri = 'http://localhost:9/portail/callback';
    const added = runScript(
      CLI,
      ['clients', 'add', '--name', 'Portail', '--org', '243500139', '--redirect-uri', redirectUri, '--scope', 'email'],
      env,
    );
    expect(added.status, added.stderr).toBe(0);
    const client = JSON.parse(added.stdout);
    expect(client).toEqual({ client_id: expect.any(String), client_secret: expect.any(String) });

    const shown = JSON.parse(runScript(CLI, ['orgs', 'show', '243500139'], env).stdout);
    expect(shown).toMatchObject({
      name: 'Rennes Métropole',
      clients: [{ client_id: client.client_id, name: 'Portail' }],
    });

    server = await startServer(
      CLI.replace('admin/cli.ts', 'main.ts'),
      { ...env, PORT: String(port), ISSUER: `http://localhost:${port}` },
      { port },
    );
    const rp = await createRelyingParty(server.url, client, redirectUri);
    const browser = createBrowserAgent();
    const flow = await startFlow(rp, { scope: 'openid email' });
    const page = await logIn(browser, flow, rp, 'agent@rennes.example', 'le guichet ouvre à neuf heures');
    const callback = await consent(browser, page, rp, ['email']);
    const tokens = await finishFlow(rp, flow, callback.url);
    expect(tokens.claims()?.sub).toBeTruthy();

    // A data access request by mail: the operator exports what mon-compte holds on the citizen.
    const exported = runScript(CLI, ['users', 'export', '--email', 'AGENT@rennes.example'], env);
    expect(exported.status, exported.stderr).toBe(0);
    const data = JSON.parse(exported.stdout);
    expect(data).toMatchObject({
      account: { email: 'agent@rennes.example', email_verified: true },
      consents: [{ client_id: client.client_id, decision: 'granted', claims: ['email', 'email_verified'] }],
      connected_apps: [{ client_id: client.client_id, name: 'Portail', claims: ['email', 'email_verified'] }],
    });
    expect(data.activity.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['login']));
    const again = JSON.parse(runScript(CLI, ['users', 'export', '--email', 'agent@rennes.example'], env).stdout);
    expect(again.activity.map((e: { type: string }) => e.type)).toContain('data.exported_by_operator');

    const unknown = runScript(CLI, ['users', 'export', '--email', 'personne@rennes.example'], env);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('no account has the email personne@rennes.example');
  });
});

describe('npm run kms -- terminal simulate', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-sim-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('authenticates as a terminal (private_key_jwt) and checks a card against the running server', async () => {
    const port = await freePort();
    const env = {
      DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`,
      KEYS_DIR: path.join(dir, 'keys'),
      PORT: String(port),
      ISSUER: `http://localhost:${port}`,
    };
    const server = await startServer('provider/src/main.ts', env, { port });
    try {
      const result = runScript(CLI, ['terminal', 'simulate', '--uid', '04A2B9C1D2E380', '--service', 'piscine'], env);
      expect(result.status, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ decision: 'deny', reason: 'not_recognised', holder: null });
      expect(fs.statSync(path.join(dir, 'keys', 'terminal-simulator.json')).mode & 0o777).toBe(0o600);
      expect(server.output()).not.toContain('04A2B9C1D2E380');
    } finally {
      await server.stop();
    }
  });
});
