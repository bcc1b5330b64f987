import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPlatform, type RunningPlatform } from '../helpers/platform.ts';
import {
  createBrowserAgent,
  type BrowserAgent,
  interactionUrl,
  onInteractionPage,
  onLoginPage,
} from '../helpers/browser-agent.ts';
import { demoCatalogue } from '../../directory/src/catalogue/demo-catalogue.ts';

const RENNES = '243500139';
const BREST = '242900314';
const PASSWORD = 'un catalogue tenu par chaque collectivité';

const titleOf = (html: string): string => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
/** The first tag a pattern finds in a page. */
function tagOf(html: string, pattern: RegExp): string {
  const found = pattern.exec(html)?.[0];
  if (!found) throw new Error(`no ${pattern} in the page`);
  return found;
}

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
  const accountIds = new Map<string, string>();

  /** Logs into mes-services through mon-compte, asking for the administration role. */
  async function adminSession(email: string, siren: string | null): Promise<BrowserAgent> {
    const { accounts, repos } = platform.provider.app.services;
    const created = await accounts.register({ email, password: PASSWORD, emailVerified: true });
    expect(created.ok).toBe(true);
    if (created.ok) accountIds.set(email, created.account.id);
    if (siren)
      await repos.admin.grant(
        created.ok ? created.account.id : '',
        { role: 'organisation', organisationSiren: siren },
        null,
      );
    return logInAgain(createBrowserAgent(), email);
  }
  /** Logs into mes-services once more ("Actualiser mes droits"), in the same browser. */
  async function logInAgain(browser: BrowserAgent, email: string): Promise<BrowserAgent> {
    let page = await browser.navigate(
      `${platform.directoryUrl}/auth/login?scope=bzh_admin&return=/espace-collectivites`,
    );
    // mon-compte asks for the password unless its own session is still open, then for consent.
    if (onLoginPage(page))
      page = await browser.submit(page, interactionUrl(page, 'login'), { email, password: PASSWORD });
    if (onInteractionPage(page))
      page = await browser.submit(page, interactionUrl(page, 'consent'), { decision: 'accept' });
    expect(page.url).toBe(`${platform.directoryUrl}/espace-collectivites`);
    return browser;
  }
  const removeAdmin = (email: string, siren: string) =>
    platform.provider.app.services.repos.admin.revoke(accountIds.get(email)!, siren);
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
  afterEach(() => {
    vi.useRealTimers();
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

  it('answers a known address of the admin API asked with another method with 405, and says what a bad profile was', async () => {
    const wrong = await browsers.rennes.request(`${platform.directoryUrl}/api/admin/preview`, { method: 'GET' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('POST');
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    const unknown = await api(browsers.rennes, 'GET', '/nulle-part');
    expect(unknown.status).toBe(404);
    const service = serviceOf('rennes-test-erreur-api', RENNES, 'Rennes Métropole');
    const badProfile = await api(browsers.rennes, 'POST', '/preview', { service, profile: { birthdate: 12 } });
    expect(badProfile.status).toBe(400);
    expect(badProfile.body).toMatchObject({
      status: 400,
      title: expect.stringContaining('birthdate'),
      detail: 'Reçu « 12 ».',
    });
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
  it('ties a mistake to its field in the console: a summary first, the field invalid and described by its error', async () => {
    const service = serviceOf('rennes-test-erreurs', RENNES, 'Rennes Métropole');
    const start = await browsers.rennes.navigate(`${platform.directoryUrl}/espace-collectivites`);
    const created = await browsers.rennes.submit(start, '/espace-collectivites/services', {
      service: JSON.stringify(service),
    });
    const base = `/espace-collectivites/services/${service.id}`;

    const broken = await browsers.rennes.submit(created, base, { service: '{"id": "rennes-test-erreurs",' });
    expect(broken.status).toBe(400);
    expect(titleOf(broken.html)).toBe(`Erreur – ${service.title} – Espace collectivités – mes-services.bzh`);
    const summary = tagOf(broken.html, /<div class="error-summary"[^>]*>/);
    expect(summary).toContain('role="alert"');
    expect(summary).toContain('tabindex="-1"');
    expect(summary).toMatch(/\bautofocus\b/);
    expect(broken.html).toMatch(/<a href="#f-service">[^<]*n’est pas du JSON valide/);
    const textarea = tagOf(broken.html, /<textarea id="f-service"[^>]*>/);
    expect(textarea).toContain('aria-invalid="true"');
    expect(textarea).toContain('aria-describedby="f-service-hint f-service-error"');
    expect(broken.html).toMatch(/<p class="field-error" id="f-service-error">[^<]+<\/p>/);
    expect(tagOf(broken.html, /<textarea id="f-profile"[^>]*>/)).not.toContain('aria-invalid');

    const invalid = await browsers.rennes.submit(created, base, {
      service: JSON.stringify({ ...service, title: 42 }),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.html).toMatch(/<p class="field-error" id="f-service-error">Service invalide – title : /);

    // A profile that is not one: the profile field, in French.
    const badProfile = await browsers.rennes.submit(created, `${base}/preview`, {
      service: JSON.stringify(service),
      profile: '{"birthdate": "hier"}',
    });
    expect(badProfile.status).toBe(400);
    const profile = tagOf(badProfile.html, /<textarea id="f-profile"[^>]*>/);
    expect(profile).toContain('aria-invalid="true"');
    expect(profile).toContain('aria-describedby="f-profile-hint f-profile-error"');
    expect(badProfile.html).toMatch(/<p class="field-error" id="f-profile-error">Profil invalide – birthdate : /);
    expect(badProfile.html).not.toMatch(/Invalid/);
    const notJson = await browsers.rennes.submit(created, `${base}/preview`, {
      service: JSON.stringify(service),
      profile: '{birthdate',
    });
    expect(notJson.status).toBe(400);
    expect(notJson.html).toMatch(
      /<a href="#f-profile">Profil d’essai \(JSON\) : Le texte saisi n’est pas du JSON valide/,
    );

    // A creation refused: the same, on the list page.
    const refused = await browsers.rennes.submit(start, '/espace-collectivites/services', { service: 'rien' });
    expect(refused.status).toBe(400);
    expect(titleOf(refused.html)).toMatch(/^Erreur – /);
    expect(tagOf(refused.html, /<textarea id="f-service"[^>]*>/)).toContain('aria-invalid="true"');
  });

  it('confirms each change in the console, in a status message and in the title, and links to the service’s page', async () => {
    const service = serviceOf('rennes-test-confirmations', RENNES, 'Rennes Métropole');
    const start = await browsers.rennes.navigate(`${platform.directoryUrl}/espace-collectivites`);
    const base = `/espace-collectivites/services/${service.id}`;
    const confirmation = (html: string) => /<p class="notice" role="status">([^<]+)<\/p>/.exec(html)?.[1];

    const created = await browsers.rennes.submit(start, '/espace-collectivites/services', {
      service: JSON.stringify(service),
    });
    expect(confirmation(created.html)).toMatch(/^Service créé/);
    expect(titleOf(created.html)).toMatch(/^Service créé – /);

    const saved = await browsers.rennes.submit(created, base, {
      service: JSON.stringify({ ...service, title: 'Service renommé' }),
    });
    expect(new URL(saved.url).search).toBe('?ok=enregistre');
    expect(confirmation(saved.html)).toBe('Modifications enregistrées.');
    expect(titleOf(saved.html)).toBe(
      'Modifications enregistrées – Service renommé – Espace collectivités – mes-services.bzh',
    );

    const published = await browsers.rennes.submit(saved, `${base}/publish`, {});
    expect(confirmation(published.html)).toMatch(/^Service publié/);
    expect(titleOf(published.html)).toMatch(/^Service publié – /);
    expect(published.html).toContain(`<a href="/services/${service.id}">voir la fiche dans mes-services</a>`);
    expect(published.html).not.toContain('href="/api/services/');
    const servicePage = await fetch(`${platform.directoryUrl}/services/${service.id}`);
    expect(servicePage.status).toBe(200);
    expect(servicePage.headers.get('content-type')).toContain('text/html');

    const unpublished = await browsers.rennes.submit(published, `${base}/unpublish`, {});
    expect(confirmation(unpublished.html)).toMatch(/^Service dépublié/);
    // The address the console used to redirect to, and a plain visit: no stale confirmation.
    const legacy = await browsers.rennes.navigate(`${platform.directoryUrl}${base}?ok=1`);
    expect(confirmation(legacy.html)).toBe('Modifications enregistrées.');
    const plain = await browsers.rennes.navigate(`${platform.directoryUrl}${base}`);
    expect(confirmation(plain.html)).toBeUndefined();
    expect(titleOf(plain.html)).toBe('Service renommé – Espace collectivités – mes-services.bzh');
  });

  it('shows each condition once in the preview, and frames the console with the site’s footer, hints out of labels', async () => {
    const service = serviceOf('rennes-test-apercu', RENNES, 'Rennes Métropole');
    const start = await browsers.rennes.navigate(`${platform.directoryUrl}/espace-collectivites`);
    const created = await browsers.rennes.submit(start, '/espace-collectivites/services', {
      service: JSON.stringify(service),
    });
    const previewed = await browsers.rennes.submit(created, `/espace-collectivites/services/${service.id}/preview`, {
      service: JSON.stringify(service),
      profile: '{"birthdate":"2012-06-01","bzh_commune":"35238"}',
    });
    const preview = /<section aria-labelledby="preview-title"[^>]*>(.*?)<\/section>/s.exec(previewed.html)?.[1] ?? '';
    const lines = [...preview.matchAll(/<li>([^<]+)/g)].map((m) => m[1]!);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines).toContain(
      'Vous habitez Rennes (Rennes Métropole) : le service est réservé aux habitants de Rennes Métropole.',
    );
    expect(new Set(lines).size).toBe(lines.length);

    for (const page of [start, created, previewed]) {
      const footer = /<footer[^>]*>(.*?)<\/footer>/s.exec(page.html)?.[1] ?? '';
      expect(footer).toContain('<a href="/accessibilite">Accessibilité : non conforme</a>');
      expect(footer).toContain('<a href="/plan-du-site">Plan du site</a>');
      expect(footer).toContain('<a href="/mentions-legales">Mentions légales</a>');
      for (const label of page.html.match(/<label[^>]*>.*?<\/label>/gs) ?? []) expect(label).not.toContain('hint');
      for (const textarea of page.html.match(/<textarea[^>]*>/g) ?? [])
        expect(textarea).toMatch(/aria-describedby="f-(service|profile)-hint/);
    }
  });

  it('refuses the next write of an administrator removed at mon-compte at once, and takes the role away from the session', async () => {
    const email = 'retiree@example.fr';
    const browser = await adminSession(email, RENNES);
    expect((await api(browser, 'GET', '/services')).status).toBe(200);
    await removeAdmin(email, RENNES);

    const service = serviceOf('rennes-test-apres-retrait', RENNES, 'Rennes Métropole');
    const refused = await api(browser, 'POST', '/services', service);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('admin_login_required');
    expect(refused.body.title).toContain('Espace collectivités');
    expect(await platform.provider.database.db('directory_services').where({ id: service.id })).toEqual([]);
    // mon-compte said so: the session no longer carries the role, reading included.
    expect((await api(browser, 'GET', '/services')).status).toBe(403);
  });

  it('does not carry the administration role over from an earlier login: a new login brings what mon-compte releases now', async () => {
    const email = 'ancienne.gestion@example.fr';
    const browser = await adminSession(email, RENNES);
    expect((await api(browser, 'GET', '/services')).status).toBe(200);
    await removeAdmin(email, RENNES);
    await logInAgain(browser, email);
    expect((await api(browser, 'GET', '/services')).status).toBe(403);
    const me = JSON.parse(await (await browser.request(`${platform.directoryUrl}/api/me`)).text());
    expect(me.authenticated).toBe(true);
    expect(me.claims).not.toHaveProperty('bzh_admin_organisations');
  });

  it('asks in the console to log in again, keeping what was typed, when mon-compte no longer confirms the role', async () => {
    const email = 'console.retiree@example.fr';
    const browser = await adminSession(email, RENNES);
    const page = await browser.navigate(`${platform.directoryUrl}/espace-collectivites`);
    expect(page.status).toBe(200);
    await removeAdmin(email, RENNES);
    const draft = JSON.stringify(serviceOf('rennes-test-console-retrait', RENNES, 'Rennes Métropole'));
    const refused = await browser.submit(page, '/espace-collectivites/services', { service: draft });
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('href="/auth/login?scope=bzh_admin&amp;return=%2Fespace-collectivites"');
    expect(refused.html).toContain('Espace collectivités');
    expect(refused.html).toContain('rennes-test-console-retrait');
    expect(
      await platform.provider.database.db('directory_services').where({ id: 'rennes-test-console-retrait' }),
    ).toEqual([]);
  });

  it('asks mon-compte again at most a minute later, and refuses once the access token has expired until the next login', async () => {
    const email = 'chrono@example.fr';
    const browser = await adminSession(email, RENNES);
    const service = serviceOf('rennes-test-chrono', RENNES, 'Rennes Métropole');
    expect((await api(browser, 'POST', '/services', service)).status).toBe(201);

    // Removed just after a confirmed write: the next change asks mon-compte again, and is refused.
    await removeAdmin(email, RENNES);
    expect((await api(browser, 'PUT', `/services/${service.id}`, { ...service, title: 'Trop tard' })).status).toBe(403);

    const other = 'chrono.bis@example.fr';
    const still = await adminSession(other, RENNES);
    expect((await api(still, 'PUT', `/services/${service.id}`, { ...service, title: 'Encore là' })).status).toBe(200);
    // Eleven minutes later the access token mes-services holds has expired: log in again.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 11 * 60_000 });
    const expired = await api(still, 'PUT', `/services/${service.id}`, { ...service, title: 'Expiré' });
    expect(expired.status).toBe(403);
    expect(expired.body.code).toBe('admin_login_required');
    vi.useRealTimers();
    await logInAgain(still, other);
    expect((await api(still, 'PUT', `/services/${service.id}`, { ...service, title: 'Reconnectée' })).status).toBe(200);
  });

  it('takes reading away from a removed administrator within a minute, in the API and in the console', async () => {
    const email = 'lecture.retiree@example.fr';
    const browser = await adminSession(email, RENNES);
    expect((await api(browser, 'GET', '/services')).status).toBe(200);
    await removeAdmin(email, RENNES);
    // Pages and reads use mon-compte's answer of the last minute: past it, drafts and the journal
    // are refused, although the mes-services session still carries the role it got at login.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
    expect((await api(browser, 'GET', '/services')).status).toBe(403);
    expect((await api(browser, 'GET', '/audit')).status).toBe(403);
    const page = await browser.navigate(`${platform.directoryUrl}/espace-collectivites/journal`);
    expect(page.status).toBe(403);
    expect(page.html).not.toContain('<table');
  });

  it('names a service’s authority from the official list for its SIREN, whatever the body says', async () => {
    const official = { name: 'Rennes Métropole', level: 'epci', code: RENNES, siren: RENNES };
    const base = serviceOf('rennes-test-autorite', RENNES, 'Rennes Métropole');
    const forged = { ...base, authority: { name: 'Région Bretagne', level: 'region', code: '53', siren: RENNES } };
    const created = await api(browsers.rennes, 'POST', '/services', forged);
    expect(created.status).toBe(201);
    expect(created.body.authority).toEqual(official);
    expect((await api(browsers.rennes, 'POST', `/services/${base.id}/publish`, {})).status).toBe(200);
    const shown = await fetch(`${platform.directoryUrl}/api/services/${base.id}`);
    expect(((await shown.json()) as { authority: unknown }).authority).toEqual(official);
    const page = await (await fetch(`${platform.directoryUrl}/services/${base.id}`)).text();
    expect(page).toContain('Proposé par <strong>Rennes Métropole</strong>');
    expect(page).not.toContain('Région Bretagne');

    // Without a SIREN, the administrator's one collectivity; with only a SIREN, its official name.
    const noSiren = {
      ...base,
      id: 'rennes-test-autorite-2',
      authority: { name: 'Région Bretagne', level: 'region', code: '53' },
    };
    expect((await api(browsers.rennes, 'POST', '/services', noSiren)).body.authority).toEqual(official);
    const sirenOnly = { ...base, id: 'rennes-test-autorite-3', authority: { siren: RENNES } };
    expect((await api(browsers.rennes, 'POST', '/services', sirenOnly)).body.authority).toEqual(official);
    // A change cannot rename it either.
    const renamed = await api(browsers.rennes, 'PUT', `/services/${base.id}`, forged);
    expect(renamed.status).toBe(200);
    expect(renamed.body.authority).toEqual(official);
    // Another collectivity's SIREN (the Région's) stays refused.
    const region = {
      ...base,
      id: 'rennes-test-region',
      authority: { name: 'Région Bretagne', level: 'region', code: '53', siren: '233500016' },
    };
    expect((await api(browsers.rennes, 'POST', '/services', region)).status).toBe(403);
  });
});
