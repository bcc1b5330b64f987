import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../helpers/platform.ts';
import { createBrowserAgent, type BrowserAgent, type Page, interactionUrl } from '../helpers/browser-agent.ts';
import { offeredAttributes } from '../helpers/relying-party.ts';

type Match = {
  service: { id: string; title: string };
  status: string;
  missing: { claim: string; scope: string }[];
  reasons: unknown[];
};

const PASSWORD = 'les crêpes de Locronan sont les meilleures';

const titleOf = (html: string): string => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
/** The first tag a pattern finds in a page. */
function tagOf(html: string, pattern: RegExp): string {
  const found = pattern.exec(html)?.[0];
  if (!found) throw new Error(`no ${pattern} in the page`);
  return found;
}

describe('mes-services: search, matches, and login through mon-compte', () => {
  let platform: RunningPlatform;
  const api = (path: string, init?: RequestInit) => fetch(`${platform.directoryUrl}${path}`, init);

  beforeAll(async () => {
    platform = await startPlatform();
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('finds services in French with or without accents, and combines filters', async () => {
    const withAccent = (await (await api('/api/services?q=m%C3%A9diath%C3%A8que')).json()) as {
      total: number;
      items: { id: string; thematics: string[]; authority: { level: string } }[];
    };
    const without = (await (await api('/api/services?q=mediatheque')).json()) as typeof withAccent;
    expect(withAccent.total).toBeGreaterThan(0);
    expect(without.items.map((s) => s.id)).toEqual(withAccent.items.map((s) => s.id));

    const creche = (await (await api('/api/services?q=creche')).json()) as typeof withAccent;
    expect(creche.total).toBeGreaterThan(0);

    const combined = (await (
      await api('/api/services?thematique=culture&niveau=commune&commune=35238')
    ).json()) as typeof withAccent;
    expect(combined.total).toBeGreaterThan(0);
    for (const service of combined.items) {
      expect(service.thematics).toContain('culture');
      expect(service.authority.level).toBe('commune');
    }
    const all = (await (await api('/api/services?thematique=culture')).json()) as typeof withAccent;
    expect(all.total).toBeGreaterThan(combined.total);
  });

  type Problem = { title: string; status: number; code: string; detail: string };
  // Words of zod's English messages: never in a title meant to be shown.
  const ENGLISH = /\b(invalid|expected|too small|too big|unrecognized|received|option|must)\b/i;

  it.each([
    ['/api/services?niveau=planete', 'niveau'],
    ['/api/services?commune=99999', 'commune'],
    ['/api/services?page=0', 'page'],
    ['/api/services?q=a&q=b', 'q'],
    ['/api/services?nope=1', 'nope'],
    ['/api/communes', 'q'],
    ['/api/communes?q=Brest&q=Quimper', 'q'],
  ])('answers %s with a problem+json 400 naming the parameter, in French', async (path, name) => {
    const res = await api(path);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as Problem;
    expect(problem.status).toBe(400);
    expect(problem.title).toContain(`« ${name} »`);
    expect(problem.title).not.toMatch(ENGLISH);
    expect(problem.detail).toEqual(expect.any(String));
    expect(problem.detail).not.toMatch(ENGLISH);
  });

  it.each([
    ['/api/services?page=0', 'Paramètre « page » invalide : un nombre entier de 1 à 1000 est attendu', 'Reçu « 0 ».'],
    [
      '/api/services?page=deux',
      'Paramètre « page » invalide : un nombre entier de 1 à 1000 est attendu',
      'Reçu « deux ».',
    ],
    [
      '/api/services?page=1&page=2',
      'Paramètre « page » répété : il ne doit figurer qu’une fois dans l’adresse',
      '« page » y figure 2 fois : « 1 », « 2 ».',
    ],
    [
      '/api/services?q=a&q=b',
      'Paramètre « q » répété : il ne doit figurer qu’une fois dans l’adresse',
      '« q » y figure 2 fois : « a », « b ».',
    ],
    [
      '/api/services?nope=1',
      'Paramètre inconnu : « nope »',
      'Paramètres acceptés : q, thematique, niveau, commune, page.',
    ],
    [
      '/api/services?commune=99999',
      'Paramètre « commune » invalide : le code INSEE d’une commune est attendu (par exemple 35238)',
      'Aucune commune n’a le code INSEE « 99999 ».',
    ],
  ])('titles the problem of %s in French, the value received in its detail', async (path, title, detail) => {
    const problem = (await (await api(path)).json()) as Problem;
    expect(problem).toMatchObject({ title, detail, code: 'invalid_parameters' });
  });

  it('lists the allowed values of a thematic in the detail, not in the title', async () => {
    const problem = (await (await api('/api/services?thematique=planete')).json()) as Problem;
    expect(problem.title).toBe('Paramètre « thematique » invalide : l’une des thématiques du catalogue est attendue');
    expect(problem.detail).toMatch(/^Reçu « planete » ; valeurs possibles : culture, sport, .*citoyennete\.$/);
  });

  const postMatches = (body: unknown) =>
    api('/api/matches', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it.each([
    [
      { bzh_commune: '35238', bzh_departement: '29', bzh_region: '11' },
      'Résidence contradictoire : « bzh_departement » et « bzh_region » ne correspondent pas à « bzh_commune »',
      /Rennes \(35238\) est dans le département Ille-et-Vilaine \(35\), pas dans le département Finistère \(29\)\./,
    ],
    [
      { bzh_commune: '35238', bzh_epci: '242900314' },
      'Résidence contradictoire : « bzh_epci » ne correspond pas à « bzh_commune »',
      /Rennes \(35238\) appartient à Rennes Métropole \(243500139\), pas à Brest Métropole \(242900314\)\./,
    ],
    [
      { bzh_commune: '29083', bzh_epci: '242900314' },
      'Résidence contradictoire : « bzh_epci » ne correspond pas à « bzh_commune »',
      /n’appartient à aucune intercommunalité/,
    ],
    [
      { bzh_epci: '242900314', bzh_departement: '35' },
      'Résidence contradictoire : « bzh_departement » ne correspond pas à « bzh_epci »',
      /Brest Métropole \(242900314\) ne compte aucune commune dans le département Ille-et-Vilaine \(35\)\./,
    ],
    [
      { bzh_departement: '29', bzh_region: '11' },
      'Résidence contradictoire : « bzh_region » ne correspond pas à « bzh_departement »',
      /Le département Finistère \(29\) fait partie de la région Bretagne \(53\)/,
    ],
  ])('refuses residence claims that contradict each other: %j', async (claims, title, detail) => {
    const res = await postMatches(claims);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem;
    expect(problem).toMatchObject({ title, code: 'inconsistent_residence' });
    expect(problem.detail).toMatch(detail);
    expect(problem.detail).toContain('Envoyez seulement bzh_commune');
  });

  it.each([
    [{ bzh_region: '99' }, 'bzh_region', 'Aucune région n’a le code « 99 ».'],
    [{ bzh_departement: '999' }, 'bzh_departement', 'Aucun département n’a le code « 999 ».'],
    [{ bzh_epci: '123456789' }, 'bzh_epci', 'Aucune intercommunalité n’a le SIREN « 123456789 ».'],
    [{ birthdate: '0001-01-01' }, 'birthdate', 'La date « 0001-01-01 » est antérieure à 1900.'],
    [{ birthdate: '2999-01-01' }, 'birthdate', 'La date « 2999-01-01 » est dans le futur.'],
    [{ birthdate: '2005-02-31' }, 'birthdate', 'La date « 2005-02-31 » n’existe pas.'],
    [{ bzh_children_birthyears: [2015, 2090] }, 'bzh_children_birthyears', 'L’année 2090 est dans le futur.'],
    [{ bzh_children_birthyears: [1850] }, 'bzh_children_birthyears', 'L’année 1850 est antérieure à 1900.'],
    [
      { birthdate: '2004-05-01', bzh_children_birthyears: [1999] },
      'bzh_children_birthyears',
      'L’année 1999 est antérieure à votre année de naissance, 2004.',
    ],
    [{ bzh_activity: 'astronaute' }, 'bzh_activity', /^Reçu « astronaute » ; valeurs possibles : etudiant, /],
    [{ bzh_household_size: 0 }, 'bzh_household_size', 'Reçu « 0 ».'],
  ])('refuses an unknown code or an impossible value, naming the claim: %j', async (claims, claim, detail) => {
    const res = await postMatches(claims);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem;
    expect(problem.title).toMatch(new RegExp(`^Champ « ${claim} » invalide : `));
    expect(problem.title).not.toMatch(ENGLISH);
    expect(problem.detail).toMatch(detail);
  });

  it('says in French that the body must be an object, and names an unknown claim', async () => {
    const list = (await (await postMatches([1, 2])).json()) as Problem;
    expect(list.title).toBe('Le corps de la requête doit être un objet JSON');
    expect(list.detail).toMatch(/^Reçu une liste\. Champs acceptés : birthdate, bzh_commune, /);
    const unknown = (await (await postMatches({ bzh_horoscope: 'lion' })).json()) as Problem;
    expect(unknown.title).toBe('Champ inconnu : « bzh_horoscope »');
  });

  it('matches a complete and consistent residence, and a birthdate of today', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const res = await postMatches({
      birthdate: today,
      bzh_commune: '35238',
      bzh_epci: '243500139',
      bzh_departement: '35',
      bzh_region: '53',
    });
    expect(res.status).toBe(200);
  });

  it('matches an anonymous profile without storing it, and refuses a malformed one', async () => {
    const res = await api('/api/matches', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ birthdate: '2004-05-01', bzh_commune: '35238', bzh_activity: 'etudiant' }),
    });
    expect(res.status).toBe(200);
    const { matches } = (await res.json()) as { matches: Match[] };
    expect(matches.length).toBe(((await (await api('/api/services?page=1')).json()) as { total: number }).total);
    expect(new Set(matches.map((m) => m.status))).toEqual(new Set(['eligible', 'ineligible', 'unknown']));
    const bad = await api('/api/matches', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"bzh_commune": 35238',
    });
    expect(bad.status).toBe(400);
    const wrongType = await api('/api/matches', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(wrongType.status).toBe(415);
    const sessions = await platform.provider.database.db('directory_sessions').count({ n: '*' });
    expect(Number(sessions[0]!.n)).toBe(0);
  });

  it('sends a match list compressed to a client that accepts it, as plain JSON to one that does not, and small answers as they are', async () => {
    const profile = JSON.stringify({ birthdate: '2004-05-01', bzh_commune: '35238' });
    const raw = await new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = http.request(`${platform.directoryUrl}/api/matches`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end(profile);
    });
    expect(raw.headers['content-encoding']).toBeUndefined();
    expect(raw.headers['content-type']).toContain('application/json');
    expect(raw.headers.vary).toContain('Accept-Encoding');
    const plain = JSON.parse(raw.body.toString('utf8')) as { matches: Match[] };

    for (const encoding of ['br', 'gzip']) {
      const res = await api('/api/matches', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-encoding': encoding },
        body: profile,
      });
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(Number(res.headers.get('content-length'))).toBeLessThan(raw.body.length / 3);
      expect(await res.json()).toEqual(plain); // fetch decodes what the header names
    }
    // A search page is small: sent as it is, compression would cost more CPU than it saves.
    const search = await api('/api/services?q=transport', { headers: { 'accept-encoding': 'br' } });
    expect(search.headers.get('content-encoding')).toBeNull();
    expect(((await search.json()) as { total: number }).total).toBeGreaterThan(0);
  });

  async function consentTo(browser: BrowserAgent, page: Page, attributes: string[]) {
    return browser.submit(page, interactionUrl(page, 'consent'), { decision: 'accept', attr: attributes });
  }

  it('logs in through mon-compte with residence and birthdate only, and matches from those alone', async () => {
    const browser = createBrowserAgent();
    const login = await browser.navigate(`${platform.directoryUrl}/auth/login`);
    expect(login.url).toContain(platform.provider.issuer);
    const registration = await browser.navigate(interactionUrl(login, 'register'));
    const consent = await browser.submit(registration, new URL(registration.url).pathname, {
      email: 'etudiante@example.fr',
      password: PASSWORD,
    });
    expect(consent.html).toContain('mes-services.bzh');
    const profile = await browser.navigate(interactionUrl(consent, 'profile'));
    const filled = await browser.submit(profile, new URL(profile.url).pathname, {
      bzh_commune_query: '35238',
      birthdate: '2004-05-01',
    });
    const offered = offeredAttributes(filled.html);
    expect(offered).toEqual(
      expect.arrayContaining(['bzh_commune', 'birthdate', 'bzh_quotient_familial', 'bzh_activity']),
    );
    const residenceAndBirthdate = offered.filter((id) =>
      ['bzh_commune', 'bzh_epci', 'bzh_departement', 'bzh_region', 'birthdate'].includes(id),
    );
    const back = await consentTo(browser, filled, residenceAndBirthdate);
    expect(back.url.startsWith(platform.directoryUrl)).toBe(true);

    const me = await (await browser.request(`${platform.directoryUrl}/api/me`)).text();
    const known = JSON.parse(me) as { authenticated: boolean; claims: Record<string, unknown> };
    expect(known.authenticated).toBe(true);
    expect(Object.keys(known.claims).sort()).toEqual([
      'birthdate',
      'bzh_commune',
      'bzh_commune_name',
      'bzh_departement',
      'bzh_epci',
      'bzh_region',
      'sub',
    ]);

    const matches = JSON.parse(await (await browser.request(`${platform.directoryUrl}/api/me/matches`)).text())
      .matches as Match[];
    for (const m of matches) {
      expect(m.missing.map((x) => x.claim)).not.toContain('birthdate');
      expect(m.missing.map((x) => x.claim)).not.toContain('bzh_commune');
    }
    const needsQf = matches.filter(
      (m) => m.status === 'unknown' && m.missing.some((x) => x.claim === 'bzh_quotient_familial'),
    );
    expect(needsQf.length).toBeGreaterThan(0);
    expect(needsQf[0]!.missing).toContainEqual({ claim: 'bzh_quotient_familial', scope: 'bzh_foyer' });

    // "Share it to find out": one more family, and the unknown aid resolves.
    const ask = await browser.navigate(`${platform.directoryUrl}/auth/login?scope=bzh_foyer&return=/`);
    const profile2 = await browser.navigate(interactionUrl(ask, 'profile'));
    const filled2 = await browser.submit(profile2, new URL(profile2.url).pathname, {
      bzh_quotient_familial: '450',
      bzh_household_size: '3',
    });
    await consentTo(browser, filled2, offeredAttributes(filled2.html));
    const after = JSON.parse(await (await browser.request(`${platform.directoryUrl}/api/me/matches`)).text())
      .matches as Match[];
    const resolved = after.find((m) => m.service.id === needsQf[0]!.service.id)!;
    expect(resolved.missing.map((x) => x.claim)).not.toContain('bzh_quotient_familial');
  });
  const page = async (path: string) => {
    const res = await api(path);
    return { status: res.status, html: await res.text() };
  };

  it('lists on "Mes informations" each attribute not shared, even when the rest of its family was', async () => {
    const browser = createBrowserAgent();
    const login = await browser.navigate(`${platform.directoryUrl}/auth/login`);
    const registration = await browser.navigate(interactionUrl(login, 'register'));
    const consent = await browser.submit(registration, new URL(registration.url).pathname, {
      email: 'partage-partiel@example.fr',
      password: PASSWORD,
    });
    const profile = await browser.navigate(interactionUrl(consent, 'profile'));
    const filled = await browser.submit(profile, new URL(profile.url).pathname, {
      bzh_commune_query: '29019',
      birthdate: '2001-03-04',
      bzh_quotient_familial: '620',
      bzh_household_size: '2',
      bzh_activity: 'salarie',
    });
    const offered = offeredAttributes(filled.html);
    expect(offered).toEqual(expect.arrayContaining(['bzh_household_size', 'bzh_quotient_familial', 'bzh_activity']));
    // bzh_foyer and bzh_situation are each shared in part: their other claims are ticked.
    await consentTo(
      browser,
      filled,
      offered.filter((id) => !['bzh_activity', 'bzh_quotient_familial'].includes(id)),
    );
    const me = await browser.navigate(`${platform.directoryUrl}/mes-informations`);
    const section = /<h2>Ce que vous n’avez pas partagé<\/h2>(.*?)<h2>/s.exec(me.html)?.[1] ?? '';
    expect(section).toMatch(/<li>[^<]*\bvotre quotient familial[^<]*: <a href="\/auth\/login\?scope=bzh_foyer/i);
    expect(section).toMatch(
      /<li>[^<]*\bvotre situation \(études, emploi…\)[^<]*: <a href="\/auth\/login\?scope=bzh_situation/i,
    );
    expect(section).not.toContain('votre commune');
    expect(section).not.toContain('votre date de naissance');
    expect(section).not.toContain('le nombre de personnes de votre foyer');
  });

  it.each([
    ['Kemper', 'Quimper'],
    ['Roazhon', 'Rennes'],
    ['Gwened', 'Vannes'],
    ['Sant-Brieg', 'Saint-Brieuc'],
    ['st brieuc', 'saint brieuc'],
    ['An Oriant', 'Lorient'],
    ['Montroulez', 'Morlaix'],
    ['Gwengamp', 'Guingamp'],
    ['Lannuon', 'Lannion'],
    ['Sant-Maloù', 'Saint-Malo'],
    ['Penn-ar-Bed', 'Finistère'],
    ['Mor-Bihan', 'Morbihan'],
    ['Il-ha-Gwilen', 'Ille-et-Vilaine'],
    ['Aodoù-an-Arvor', 'Côtes-d’Armor'],
  ])('finds with "%s" the services it finds with "%s"', async (typed, french) => {
    type Found = { total: number; items: { id: string }[] };
    const get = async (q: string) => (await (await api(`/api/services?q=${encodeURIComponent(q)}`)).json()) as Found;
    const [breton, official] = [await get(typed), await get(french)];
    expect(official.total).toBeGreaterThan(0);
    expect(breton.items.map((s) => s.id)).toEqual(official.items.map((s) => s.id));
  });

  it.each([
    ['Kemper', 'Quimper'],
    ['Roazhon', 'Rennes'],
    ['Sant-Maloù', 'Saint-Malo'],
    ['Kemperle', 'Quimperlé'],
    ['st brieuc', 'Saint-Brieuc'],
    ['st pol', 'Saint-Pol-de-Léon'],
  ])('suggests for "%s" the commune %s first', async (typed, name) => {
    const { communes } = (await (await api(`/api/communes?q=${encodeURIComponent(typed)}`)).json()) as {
      communes: { name: string }[];
    };
    expect(communes[0]?.name).toBe(name);
  });

  it('reads a place typed in Breton in the search form, without JavaScript', async () => {
    const res = await api('/recherche?lieu=Gwened', { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/recherche?commune=56260');
  });

  it('shows the last page of results, at its own address, for a page past the last', async () => {
    const { total } = (await (await api('/api/services')).json()) as { total: number };
    const last = Math.ceil(total / 20);
    const res = await api(`/recherche?page=${last + 5}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/recherche?page=${last}`);
    const { html } = await page(`/recherche?page=${last}`);
    expect(html).toContain(`Page ${last} sur ${last}`);
    const filtered = await api('/recherche?q=piscine&page=40', { redirect: 'manual' });
    expect(filtered.headers.get('location')).toBe('/recherche?q=piscine');
  });

  it.each([
    ['/recherche?lieu=Zzzzz', /^Erreur – Recherche : aucune commune ne correspond à « Zzzzz » – mes-services\.bzh$/],
    [
      '/recherche?lieu=Saint-Martin',
      /^Choisissez votre commune – Recherche : « Saint-Martin » désigne plusieurs communes – mes-services\.bzh$/,
    ],
  ])(
    'says in the title of %s that the place needs correcting, sums it up first, and marks the field',
    async (path, title) => {
      const { html } = await page(path);
      expect(titleOf(html)).toMatch(title);
      const summary = tagOf(html, /<div class="error-summary"[^>]*>/);
      expect(summary).toContain('role="alert"');
      expect(summary).toContain('tabindex="-1"');
      expect(summary).toMatch(/\bautofocus\b/);
      expect(html).toMatch(/<div class="error-summary"[^>]*>.*?<a href="#lieu">Pour les habitants de : [^<]+<\/a>/s);
      const field = tagOf(html, /<input id="lieu"[^>]*>/);
      expect(field).toContain('aria-invalid="true"');
      expect(field).toMatch(/aria-describedby="lieu-hint lieu-error"/);
      expect(html).toMatch(/<p class="field-error" id="lieu-error">[^<]+<\/p>/);
    },
  );

  it('keeps a plain search free of any error summary, with the count in its title', async () => {
    const { html } = await page('/recherche?q=piscine');
    expect(titleOf(html)).toMatch(/^Recherche : \d+ services? trouvés? pour « piscine »/);
    expect(html).not.toContain('error-summary');
    expect(tagOf(html, /<input id="lieu"[^>]*>/)).not.toContain('aria-invalid');
  });

  const serviceId = 'rennes-metropole-star-tarification-solidaire';
  it.each([
    '/',
    '/recherche',
    `/services/${serviceId}`,
    '/pour-moi',
    '/et-si',
    '/mes-informations',
    '/nulle-part',
    '/accessibilite',
    '/plan-du-site',
    '/mentions-legales',
    '/espace-collectivites',
  ])('links %s to the accessibility statement, the site map and the legal notice in its footer', async (path) => {
    const { html } = await page(path);
    const footer = /<footer[^>]*>(.*?)<\/footer>/s.exec(html)?.[1] ?? '';
    expect(footer).toMatch(/<a href="\/accessibilite"[^>]*>Accessibilité : non conforme<\/a>/);
    expect(footer).toMatch(/<a href="\/plan-du-site"[^>]*>Plan du site<\/a>/);
    expect(footer).toMatch(/<a href="\/mentions-legales"[^>]*>Mentions légales<\/a>/);
  });

  it('publishes an honest accessibility statement, a site map and a legal notice', async () => {
    const statement = await page('/accessibilite');
    expect(statement.status).toBe(200);
    expect(titleOf(statement.html)).toBe('Déclaration d’accessibilité – mes-services.bzh');
    expect(statement.html).toContain('<strong>non conforme</strong>');
    expect(statement.html).toContain('Aucun audit de conformité n’a encore été réalisé par un organisme indépendant');
    expect(statement.html).toContain('axe-core');
    expect(statement.html).toMatch(/<h2>Contenus non accessibles<\/h2>/);
    expect(statement.html).toMatch(/<h2>Retour d’information et contact<\/h2>.*?href="mailto:/s);
    expect(statement.html).toMatch(/<h2>Voies de recours<\/h2>.*?Défenseur des droits.*?Libre réponse 71120/s);
    expect(statement.html).toContain(`href="${platform.provider.issuer}/accessibilite"`);

    const map = await page('/plan-du-site');
    expect(titleOf(map.html)).toBe('Plan du site – mes-services.bzh');
    const main = /<main[^>]*>(.*?)<\/main>/s.exec(map.html)?.[1] ?? '';
    for (const href of [
      '/',
      '/recherche',
      '/recherche?thematique=culture',
      '/pour-moi',
      '/et-si',
      '/mes-informations',
      '/espace-collectivites',
      '/accessibilite',
      '/mentions-legales',
    ])
      expect(main, href).toContain(`href="${href}"`);

    const legal = await page('/mentions-legales');
    expect(titleOf(legal.html)).toBe('Mentions légales – mes-services.bzh');
    expect(legal.html).toMatch(/<h2>Éditeur<\/h2>.*?Région Bretagne/s);
    expect(legal.html).toMatch(/<h2>Hébergement<\/h2>.*?à compléter par l’exploitant/s);
  });

  it('names "Et si…" explicitly in the menu, and nests the service page in a breadcrumb navigation', async () => {
    const { html } = await page(`/services/${serviceId}`);
    expect(html).toContain('<a href="/et-si">Et si… (simuler mes droits)</a>');
    expect(html).toMatch(
      /<nav class="breadcrumb" aria-label="Fil d’Ariane"><ol><li><a href="\/">Accueil<\/a><\/li> <li><a href="\/recherche">Tous les services<\/a><\/li> <li aria-current="page">/,
    );
    expect(html).not.toContain('<p class="breadcrumb">');
  });

  it('tells a condition that only repeats who may use the service once, under "Pour qui ?"', async () => {
    const { html } = await page(`/services/${serviceId}`);
    expect(html.split('réservé aux habitants de Rennes Métropole').length - 1).toBe(1);
  });

  it('keeps every hint out of its label, read once as the field’s description', async () => {
    for (const path of ['/', '/recherche', '/et-si']) {
      const { html } = await page(path);
      for (const label of html.match(/<label[^>]*>.*?<\/label>/gs) ?? []) expect(label, path).not.toContain('hint');
    }
    const { html } = await page('/et-si');
    for (const id of ['age', 'lieu', 'study_level', 'quotient_familial', 'household_size', 'disability_rate']) {
      expect(tagOf(html, new RegExp(`<(?:input|select) id="${id}"[^>]*>`)), id).toContain(
        `aria-describedby="${id}-hint"`,
      );
      expect(html, id).toMatch(new RegExp(`<label for="${id}">[^<]+</label> <span class="hint" id="${id}-hint">`));
    }
  });
});
