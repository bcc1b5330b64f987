// A KorriGo terminal in a command, for demos and docs: it authenticates as a real terminal
// would (client_credentials with a private_key_jwt assertion), then checks or pairs a card
// through the public API of a running mon-compte.
import fs from 'node:fs/promises';
import path from 'node:path';
import * as oidc from 'openid-client';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { ClientsService } from './clients-service.ts';

type Registered = Record<string, { clientId: string; privateJwk: JWK }>;

/** The simulator's terminal for an organisation: created and registered on first use. */
export async function simulatorTerminal(keysDir: string, organisation: string, clients: ClientsService) {
  const file = path.join(keysDir, 'terminal-simulator.json');
  const registered: Registered = await fs.readFile(file, 'utf8').then(JSON.parse, () => ({}));
  if (!registered[organisation]) {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const publicJwk = { ...(await exportJWK(publicKey)), alg: 'ES256', use: 'sig' };
    const { client_id } = await clients.addTerminal({
      name: `Simulateur de borne (${organisation})`,
      organisationSiren: organisation,
      jwks: { keys: [publicJwk] },
      scopes: ['korrigo:check', 'korrigo:pair'],
    });
    registered[organisation] = { clientId: client_id, privateJwk: await exportJWK(privateKey) };
    await fs.mkdir(keysDir, { recursive: true });
    await fs.writeFile(file, JSON.stringify(registered, null, 2), { mode: 0o600 });
  }
  return registered[organisation]!;
}

export async function simulate(o: {
  issuer: string;
  terminal: { clientId: string; privateJwk: JWK };
  uid: string;
  service: string;
  code?: string;
}): Promise<{ status: number; body: unknown }> {
  const key = (await importJWK(o.terminal.privateJwk, 'ES256')) as CryptoKey;
  const config = await oidc.discovery(new URL(o.issuer), o.terminal.clientId, undefined, oidc.PrivateKeyJwt(key), {
    execute: o.issuer.startsWith('http://') ? [oidc.allowInsecureRequests] : [],
  });
  const scope = o.code ? 'korrigo:pair' : 'korrigo:check';
  const tokens = await oidc.clientCredentialsGrant(config, { scope });
  const res = await fetch(`${o.issuer}/api/cards/${o.code ? 'pair' : 'check'}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify(o.code ? { uid: o.uid, code: o.code } : { uid: o.uid, service: o.service }),
  });
  return { status: res.status, body: await res.json() };
}
