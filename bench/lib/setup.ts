// The data a benchmark needs, in the database the provider will open, created the way an
// operator does: the admin CLI for the relying party and the citizens. The CLI has no command
// for a client_credentials (machine) client yet, so that one goes through the repository.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { createDb } from '../../db/create-db.ts';
import { createClientsRepo } from '../../db/repos/clients-repo.ts';
import { ROOT } from './children.ts';

export const RENNES_METROPOLE = '243500139';
export const PASSWORD = 'la mer est calme à Saint-Malo ce soir';
/** Never fetched: the virtual browsers stop at the redirect and keep the code. */
const REDIRECT_URI = 'http://localhost:9/bench/callback';

export type ProviderEnv = Record<'PORT' | 'ISSUER' | 'DATABASE_URL' | 'KEYS_DIR' | 'NODE_ENV' | 'LOG_LEVEL', string>;

export type BenchData = {
  relyingParty: { client_id: string; client_secret?: string; redirectUri: string };
  machineClient: { client_id: string; client_secret: string };
  emails: string[];
};

/** `npm run kms -- …args` with the provider's environment; returns its JSON output. */
export function kms(env: ProviderEnv, args: string[], input?: string): unknown {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'provider/src/admin/cli.ts'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`kms ${args.slice(0, 2).join(' ')} failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

export async function prepareProviderData(env: ProviderEnv, accounts: number): Promise<BenchData> {
  const rp = kms(env, [
    'clients',
    'add',
    '--name',
    'Banc d’essai',
    '--org',
    RENNES_METROPOLE,
    '--redirect-uri',
    REDIRECT_URI,
    '--scope',
    'email',
  ]) as { client_id: string; client_secret?: string };

  const emails = Array.from({ length: accounts }, (_, i) => `citoyen-${i}@banc-essai.bzh`);
  for (const email of emails) kms(env, ['users', 'add', '--email', email, '--password-stdin'], PASSWORD);

  return { relyingParty: { ...rp, redirectUri: REDIRECT_URI }, machineClient: await addMachineClient(env), emails };
}

/**
 * A terminal-like client: client_credentials is the cheapest honest token request that can be
 * repeated at will (authorization codes are single-use and refresh tokens rotate on every use).
 */
async function addMachineClient(env: ProviderEnv) {
  const machineClient = { client_id: `bench-machine-${crypto.randomUUID()}`, client_secret: randomSecret() };
  const db = await createDb(env.DATABASE_URL);
  try {
    await createClientsRepo(db).upsert({
      clientId: machineClient.client_id,
      organisationSiren: RENNES_METROPOLE,
      kind: 'terminal',
      name: 'Borne d’essai',
      metadata: {
        client_name: 'Borne d’essai',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
        client_secret: machineClient.client_secret,
        bzh_organisation: RENNES_METROPOLE,
      },
    });
  } finally {
    await db.destroy();
  }
  return machineClient;
}

export function randomSecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}
