import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair } from 'jose';
import { startProvider, type RunningProvider } from '../helpers/provider-server.ts';
import { createBrowserAgent, type BrowserAgent, interactionUrl } from '../helpers/browser-agent.ts';

const RENNES = '243500139';
const BREST = '242900314';
const PASSWORD = 'chacun chez soi et les vaches seront bien gardées';

describe('collectivities administer their own apps and terminals, and nobody else’s', () => {
  let provider: RunningProvider;
  const browsers: Record<'rennes' | 'brest' | 'platform' | 'citizen', BrowserAgent> = {} as never;
  let brestClient: { client_id: string };
  let brestTerminal: { client_id: string };
  let brestAdminId: string;
  let jwks: unknown;

  async function accountWithSession(email: string): Promise<BrowserAgent> {
    const created = await provider.app.services.accounts.register({ email, password: PASSWORD, emailVerified: true });
    expect(created.ok).toBe(true);
    const browser = createBrowserAgent();
    const login = await browser.navigate(`${provider.issuer}/account`);
    const done = await browser.submit(login, interactionUrl(login, 'login'), { email, password: PASSWORD });
    expect(done.url).toBe(`${provider.issuer}/account`);
    return browser;
  }
  const grant = async (email: string, role: 'platform' | 'organisation', siren: string | null) => {
    const account = (await provider.app.services.repos.accounts.findByEmail(email))!;
    await provider.app.services.repos.admin.grant(account.id, { role, organisationSiren: siren }, null);
    return account.id;
  };
  const api = async (browser: BrowserAgent, method: string, path: string, body?: unknown) => {
    const res = await browser.request(`${provider.issuer}/api/admin${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      contentType: 'application/json',
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    provider = await startProvider();
    browsers.rennes = await accountWithSession('admin.rennes@example.fr');
    browsers.brest = await accountWithSession('admin.brest@example.fr');
    browsers.platform = await accountWithSession('megalis@example.fr');
    browsers.citizen = await accountWithSession('habitant@example.fr');
    await grant('admin.rennes@example.fr', 'organisation', RENNES);
    brestAdminId = await grant('admin.brest@example.fr', 'organisation', BREST);
    await grant('megalis@example.fr', 'platform', null);
    const { publicKey } = await generateKeyPair('ES256');
    jwks = { keys: [{ ...(await exportJWK(publicKey)), alg: 'ES256', use: 'sig' }] };
    brestClient = (
      await api(browsers.brest, 'POST', `/organisations/${BREST}/clients`, {
        name: 'Portail de Brest',
        redirect_uris: ['https://portail.brest.example/cb'],
        scopes: ['email'],
      })
    ).body;
    brestTerminal = (await api(browsers.brest, 'POST', `/organisations/${BREST}/terminals`, { name: 'Piscine', jwks }))
      .body;
    expect(brestClient.client_id).toBeTruthy();
    expect(brestTerminal.client_id).toBeTruthy();
  });
  afterAll(async () => {
    await provider?.close();
  });

  /** Every route of the admin API, aimed at Brest's organisation and objects. */
  const brestRoutes = (): [string, string, unknown?][] => [
    ['GET', `/organisations/${BREST}/clients`],
    [
      'POST',
      `/organisations/${BREST}/clients`,
      { name: 'Intrus', redirect_uris: ['https://x.example/cb'], scopes: [] },
    ],
    ['GET', `/organisations/${BREST}/clients/${brestClient.client_id}`],
    ['PATCH', `/organisations/${BREST}/clients/${brestClient.client_id}`, { name: 'Détourné' }],
    ['POST', `/organisations/${BREST}/clients/${brestClient.client_id}/secret`, {}],
    ['POST', `/organisations/${BREST}/clients/${brestClient.client_id}/disable`, {}],
    ['POST', `/organisations/${BREST}/clients/${brestClient.client_id}/enable`, {}],
    ['GET', `/organisations/${BREST}/clients/${brestTerminal.client_id}`],
    ['POST', `/organisations/${BREST}/clients/${brestTerminal.client_id}/disable`, {}],
    ['POST', `/organisations/${BREST}/terminals`, { name: 'Intruse', jwks }],
    ['GET', `/organisations/${BREST}/administrators`],
    ['POST', `/organisations/${BREST}/administrators`, { email: 'admin.rennes@example.fr' }],
    ['DELETE', `/organisations/${BREST}/administrators/${brestAdminId}`],
    ['GET', `/organisations/${BREST}/audit`],
    // Through its own organisation's path, an object of another organisation is not found either.
    ['GET', `/organisations/${RENNES}/clients/${brestClient.client_id}`],
    ['PATCH', `/organisations/${RENNES}/clients/${brestClient.client_id}`, { name: 'Détourné' }],
    ['POST', `/organisations/${RENNES}/clients/${brestClient.client_id}/secret`, {}],
    ['POST', `/organisations/${RENNES}/clients/${brestTerminal.client_id}/disable`, {}],
    ['DELETE', `/organisations/${RENNES}/administrators/${brestAdminId}`],
  ];

  it('gives an administrator of Rennes a 403 on Brest’s organisation and a 404 on Brest’s objects, on every admin API route', async () => {
    for (const [method, path, body] of brestRoutes()) {
      const res = await api(browsers.rennes, method, path, body);
      // Brest's organisation is forbidden; Brest's objects through Rennes' path are not found.
      expect(res.status, `${method} ${path}`).toBe(path.startsWith(`/organisations/${BREST}`) ? 403 : 404);
    }
    const after = await provider.app.services.repos.clients.findById(brestClient.client_id);
    expect(after?.name).toBe('Portail de Brest');
    expect(after?.disabledAt).toBeNull();
  });

  it('gives an ordinary citizen nothing at all, and an anonymous caller a 401', async () => {
    for (const [method, path, body] of [['GET', '/organisations'] as [string, string], ...brestRoutes()]) {
      const res = await api(browsers.citizen, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain('Portail');
    }
    expect((await api(createBrowserAgent(), 'GET', '/organisations')).status).toBe(401);
  });

  it('refuses every console action on Brest to Rennes, and the console to a citizen', async () => {
    const rennes = browsers.rennes;
    const page = await rennes.navigate(`${provider.issuer}/admin/${RENNES}`);
    expect(page.status).toBe(200);
    const csrfPage = page; // a valid CSRF token: only the authorisation may refuse
    const actions: [string, Record<string, string>][] = [
      [`/admin/${BREST}/clients`, { name: 'x', redirect_uris: 'https://x.example/cb' }],
      [`/admin/${BREST}/terminals`, { name: 'x', jwks: JSON.stringify(jwks) }],
      [`/admin/${BREST}/clients/${brestClient.client_id}`, { name: 'x', redirect_uris: 'https://x.example/cb' }],
      [`/admin/${BREST}/clients/${brestClient.client_id}/secret`, {}],
      [`/admin/${BREST}/clients/${brestClient.client_id}/disable`, {}],
      [`/admin/${BREST}/clients/${brestClient.client_id}/enable`, {}],
      [`/admin/${BREST}/administrators`, { email: 'admin.rennes@example.fr' }],
      [`/admin/${BREST}/administrators/${brestAdminId}/remove`, {}],
      [`/admin/${RENNES}/clients/${brestClient.client_id}`, { name: 'x', redirect_uris: 'https://x.example/cb' }],
      [`/admin/${RENNES}/clients/${brestClient.client_id}/disable`, {}],
    ];
    for (const [path, fields] of actions) {
      const res = await rennes.submit(csrfPage, path, fields);
      expect(res.status, `POST ${path}`).toBe(path.startsWith(`/admin/${BREST}`) ? 403 : 404);
    }
    for (const path of [
      `/admin/${BREST}`,
      `/admin/${BREST}/audit`,
      `/admin/${BREST}/clients/${brestClient.client_id}`,
    ]) {
      expect((await rennes.navigate(`${provider.issuer}${path}`)).status, path).toBe(403);
    }
    expect((await browsers.citizen.navigate(`${provider.issuer}/admin`)).status).toBe(403);
    expect((await provider.app.services.repos.clients.findById(brestClient.client_id))?.name).toBe('Portail de Brest');
  });

  it('lets a platform administrator open any organisation', async () => {
    expect((await api(browsers.platform, 'GET', `/organisations/${BREST}/clients`)).status).toBe(200);
    expect((await browsers.platform.navigate(`${provider.issuer}/admin/${RENNES}`)).status).toBe(200);
  });

  it('writes every administrative change to the audit log with who, what and when', async () => {
    const rennes = browsers.rennes;
    const created = (
      await api(rennes, 'POST', `/organisations/${RENNES}/clients`, {
        name: 'Médiathèques',
        redirect_uris: ['https://m.example/cb'],
        scopes: ['email'],
      })
    ).body;
    await api(rennes, 'PATCH', `/organisations/${RENNES}/clients/${created.client_id}`, {
      redirect_uris: ['https://m.example/callback'],
    });
    await api(rennes, 'POST', `/organisations/${RENNES}/clients/${created.client_id}/secret`, {});
    await api(rennes, 'POST', `/organisations/${RENNES}/clients/${created.client_id}/disable`, {});
    const entries = (await api(rennes, 'GET', `/organisations/${RENNES}/audit`)).body.entries as {
      actorLabel: string;
      action: string;
      target: string;
      createdAt: number;
    }[];
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['client.created', 'client.updated', 'client.secret_rotated', 'client.disabled']),
    );
    for (const entry of entries) {
      expect(entry.actorLabel).toBe('admin.rennes@example.fr');
      expect(entry.target).toBe(created.client_id);
      expect(Date.now() - entry.createdAt).toBeLessThan(60_000);
    }
    const auditPage = await rennes.navigate(`${provider.issuer}/admin/${RENNES}/audit`);
    expect(auditPage.html).toContain('Renouvellement du secret d’une application');
    // The platform administrator reads it too; Brest does not.
    expect((await api(browsers.platform, 'GET', `/organisations/${RENNES}/audit`)).body.entries.length).toBe(
      entries.length,
    );
    expect((await api(browsers.brest, 'GET', `/organisations/${RENNES}/audit`)).status).toBe(403);
  });

  it('gives rights only to a confirmed address, and a deleted administrator leaves no email in the log', async () => {
    // Someone registers an agent's address before the agent does, without being able to confirm it.
    await provider.app.services.accounts.register({ email: 'nouvel.agent@example.fr', password: PASSWORD });
    const squatted = await api(browsers.rennes, 'POST', `/organisations/${RENNES}/administrators`, {
      email: 'nouvel.agent@example.fr',
    });
    expect(squatted.status).toBe(400);
    expect(JSON.stringify(squatted.body)).toContain('confirmé');

    await provider.app.services.accounts.register({
      email: 'agent.parti@example.fr',
      password: PASSWORD,
      emailVerified: true,
    });
    const added = await api(browsers.rennes, 'POST', `/organisations/${RENNES}/administrators`, {
      email: 'agent.parti@example.fr',
    });
    expect(added.status).toBe(204);
    const account = (await provider.app.services.repos.accounts.findByEmail('agent.parti@example.fr'))!;
    // The agent moves to another address before leaving: the log named the one they had then.
    await provider.app.services.repos.accounts.updateEmail(account.id, 'agent.ailleurs@example.fr', true);
    await provider.app.services.account.deleteAccount(account.id);
    const log = JSON.stringify(await provider.database.db('admin_audit').select('*'));
    expect(log).not.toContain('agent.parti@example.fr');
    expect(log).not.toContain('agent.ailleurs@example.fr');
    expect(log).not.toContain(account.id);
    expect(log).toContain('compte supprimé');
  });

  it('leaves the platform’s own app (mes-services, with a role scope) to the platform, even for the Région', async () => {
    await provider.app.prepare();
    const REGION = '233500016';
    const region = await accountWithSession('admin.region@example.fr');
    await grant('admin.region@example.fr', 'organisation', REGION);
    // mes-services is registered under the Région at first start (DIRECTORY_CLIENT_ID).
    const clientId = 'mes-services';
    expect((await api(region, 'GET', `/organisations/${REGION}/clients/${clientId}`)).status).toBe(200);
    for (const [method, path, body] of [
      ['POST', `/organisations/${REGION}/clients/${clientId}/disable`, {}],
      ['POST', `/organisations/${REGION}/clients/${clientId}/secret`, {}],
      ['PATCH', `/organisations/${REGION}/clients/${clientId}`, { name: 'Détourné' }],
    ] as const) {
      expect((await api(region, method, path, body)).status, `${method} ${path}`).toBe(403);
    }
    expect((await provider.app.services.repos.clients.findById(clientId))!.disabledAt).toBeNull();
  });
});
