import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../helpers/platform.ts';
import { createBrowserAgent, type BrowserAgent } from '../helpers/browser-agent.ts';
import { demoCatalogue } from '../../directory/src/catalogue/demo-catalogue.ts';

const RENNES = '243500139';
const BREST = '242900314';
const PASSWORD = 'un catalogue tenu par chaque collectivité';

function serviceOf(id: string, siren: string, name: string) {
  const base = demoCatalogue.find((s) => s.authority.level === 'epci')!;
  return {
    ...base,
    id,
    title: `Service ${id}`,
    authority: { name, level: 'epci' as const, code: siren, siren },
    zone: { type: 'authority' as const },
    published: false,
  };
}

describe('collectivities publish their own services in mes-services, learning their rights through OIDC', () => {
  let platform: RunningPlatform;
  const browsers = {} as Record<'rennes' | 'brest' | 'citizen', BrowserAgent>;

  /** Logs into mes-services through mon-compte, asking for the administration role. */
  async function adminSession(email: string, siren: string | null): Promise<BrowserAgent> {
    const { accounts, repos } = platform.provider.app.services;
    const created = await accounts.register({ email, password: PASSWORD, emailVerified: true });
    expect(created.ok).toBe(true);
    if (siren)
      await repos.admin.grant(
        created.ok ? created.account.id : '',
        { role: 'organisation', organisationSiren: siren },
        null,
      );
    const browser = createBrowserAgent();
    const login = await browser.navigate(
      `${platform.directoryUrl}/auth/login?scope=bzh_admin&return=/espace-collectivites`,
    );
    const next = await browser.submit(login, `${new URL(login.url).pathname}/login`, { email, password: PASSWORD });
    if (next.url.includes('/interaction/'))
      await browser.submit(next, `${new URL(next.url).pathname}/consent`, { decision: 'accept' });
    return browser;
  }
  const api = async (browser: BrowserAgent, method: string, path: string, body?: unknown) => {
    const res = await browser.request(`${platform.directoryUrl}/api/admin${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      contentType: 'application/json',
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    platform = await startPlatform();
    browsers.rennes = await adminSession('gestion.services@example.fr', RENNES);
    browsers.brest = await adminSession('gestion.piscines@example.fr', BREST);
    browsers.citizen = await adminSession('simple.habitant@example.fr', null);
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('creates, previews and publishes a service of one’s own organisation, which then appears in the directory', async () => {
    const service = serviceOf('rennes-test-ludotheque', RENNES, 'Rennes Métropole');
    expect((await api(browsers.rennes, 'POST', '/services', service)).status).toBe(201);
    expect((await fetch(`${platform.directoryUrl}/api/services/${service.id}`)).status).toBe(404); // a draft
    const preview = await api(browsers.rennes, 'POST', '/preview', {
      service,
      profile: { birthdate: '2010-01-01', bzh_commune: '35238' },
    });
    expect(preview.status).toBe(200);
    expect(['eligible', 'ineligible', 'unknown']).toContain(preview.body.status);
    expect(preview.body.reasons.length).toBeGreaterThan(0);
    expect((await api(browsers.rennes, 'POST', `/services/${service.id}/publish`, {})).status).toBe(200);
    const published = await fetch(`${platform.directoryUrl}/api/services/${service.id}`);
    expect(published.status).toBe(200);
    const audit = (await api(browsers.rennes, 'GET', '/audit')).body.entries as { action: string; target: string }[];
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['service.created', 'service.published']));
  });

  it('gives another organisation’s administrator 403 or 404 on every route for that service, and a citizen nothing', async () => {
    const service = serviceOf('rennes-test-artotheque', RENNES, 'Rennes Métropole');
    expect((await api(browsers.rennes, 'POST', '/services', service)).status).toBe(201);
    const routes: [string, string, unknown?][] = [
      ['GET', `/services/${service.id}`],
      ['PUT', `/services/${service.id}`, { ...service, title: 'Détourné' }],
      ['POST', `/services/${service.id}/publish`, {}],
      ['POST', `/services/${service.id}/unpublish`, {}],
      ['POST', '/services', serviceOf('brest-pretend-rennes', RENNES, 'Rennes Métropole')],
    ];
    for (const [method, path, body] of routes) {
      expect([403, 404], `brest ${method} ${path}`).toContain((await api(browsers.brest, method, path, body)).status);
      expect([401, 403], `citizen ${method} ${path}`).toContain(
        (await api(browsers.citizen, method, path, body)).status,
      );
    }
    const list = (await api(browsers.brest, 'GET', '/services')).body.services as { id: string }[];
    expect(list.map((s) => s.id)).not.toContain(service.id);
    expect((await api(browsers.citizen, 'GET', '/services')).status).toBe(403);
    expect((await api(createBrowserAgent(), 'GET', '/services')).status).toBe(401);
    expect((await api(browsers.rennes, 'GET', `/services/${service.id}`)).body.title).toBe(service.title);
  });

  it('offers the same through the console forms, with CSRF, and refuses another organisation', async () => {
    const page = await browsers.rennes.navigate(`${platform.directoryUrl}/espace-collectivites`);
    expect(page.status).toBe(200);
    const created = await browsers.rennes.submit(page, '/espace-collectivites/services', {
      service: JSON.stringify(serviceOf('rennes-test-console', RENNES, 'Rennes Métropole')),
    });
    expect(created.url).toContain('/espace-collectivites/services/rennes-test-console');
    const previewed = await browsers.rennes.submit(
      created,
      '/espace-collectivites/services/rennes-test-console/preview',
      {
        service: JSON.stringify(serviceOf('rennes-test-console', RENNES, 'Rennes Métropole')),
        profile: '{"birthdate":"2012-06-01","bzh_commune":"35238"}',
      },
    );
    expect(previewed.html).toMatch(/Résultat : (éligible|non éligible|à vérifier)/);
    const brestView = await browsers.brest.navigate(
      `${platform.directoryUrl}/espace-collectivites/services/rennes-test-console`,
    );
    expect(brestView.status).toBe(404);
    const brestPage = await browsers.brest.navigate(`${platform.directoryUrl}/espace-collectivites`);
    expect(
      (await browsers.brest.submit(brestPage, '/espace-collectivites/services/rennes-test-console/publish', {})).status,
    ).toBe(404);
    expect((await browsers.citizen.navigate(`${platform.directoryUrl}/espace-collectivites`)).status).toBe(403);
  });
});
