// The administration console as a screen reader or a keyboard meets it: ids unique on every
// page and a label for every control, errors in French tied to their fields, tables with
// captions and headers, and a plain refusal outside one's own collectivity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair } from 'jose';
import { startProvider, type RunningProvider } from '../helpers/provider-server.ts';
import { createBrowserAgent, type BrowserAgent, type Page, interactionUrl } from '../helpers/browser-agent.ts';

const RENNES = '243500139';
const BREST = '242900314';
const PASSWORD = 'le phare du Créac’h veille sur Ouessant toute la nuit';

// A small reader of our own server-rendered HTML: start tags, their attributes, their text.
type Element = { tag: string; attrs: Map<string, string>; start: number; end: number };
const decode = (text: string) =>
  text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

function elements(html: string): Element[] {
  const tag = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
  const attribute = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  return [...html.matchAll(tag)].map((m) => ({
    tag: m[1]!.toLowerCase(),
    attrs: new Map(
      [...m[2]!.matchAll(attribute)].map((a) => [a[1]!.toLowerCase(), decode(a[2] ?? a[3] ?? a[4] ?? '')]),
    ),
    start: m.index,
    end: m.index + m[0].length,
  }));
}
/** The text inside an element (up to its closing tag), tags removed and spaces collapsed. */
const textOf = (html: string, el: Element) => {
  const close = html.indexOf(`</${el.tag}>`, el.end);
  return decode(html.slice(el.end, close).replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
};
const byId = (html: string, id: string) => elements(html).find((e) => e.attrs.get('id') === id);
const isControl = (e: Element) =>
  ['select', 'textarea'].includes(e.tag) ||
  (e.tag === 'input' && !['hidden', 'submit', 'button'].includes(e.attrs.get('type') ?? 'text'));

/** What would trip an assistive technology: duplicate ids, unlabelled controls, dangling references. */
function accessibilityProblems(html: string): string[] {
  const all = elements(html);
  const problems: string[] = [];
  const ids = all.map((e) => e.attrs.get('id')).filter((id): id is string => id !== undefined);
  for (const id of new Set(ids)) if (ids.filter((x) => x === id).length > 1) problems.push(`duplicate id ${id}`);
  for (const control of all.filter(isControl)) {
    const id = control.attrs.get('id');
    const labels = all.filter((e) => e.tag === 'label' && id && e.attrs.get('for') === id);
    if (labels.length !== 1 || !textOf(html, labels[0]!))
      problems.push(`${control.tag} ${control.attrs.get('name')} has ${labels.length} label(s)`);
  }
  for (const e of all) {
    for (const attr of ['aria-describedby', 'aria-labelledby']) {
      for (const ref of (e.attrs.get(attr) ?? '').split(/\s+/).filter(Boolean))
        if (!ids.includes(ref)) problems.push(`${attr}="${ref}" points nowhere`);
    }
    const href = e.tag === 'a' ? e.attrs.get('href') : undefined;
    if (href?.startsWith('#') && href.length > 1 && !ids.includes(href.slice(1)))
      problems.push(`link to ${href} points nowhere`);
  }
  return problems;
}

/** The control a sighted user finds under this label. */
function control(html: string, label: string | RegExp): Element {
  const all = elements(html);
  const matches = all.filter((e) => {
    if (e.tag !== 'label') return false;
    const text = textOf(html, e);
    return typeof label === 'string' ? text === label : label.test(text);
  });
  expect(matches.length, `labels matching ${label}`).toBe(1);
  const found = byId(html, matches[0]!.attrs.get('for') ?? '');
  expect(found, `control of ${label}`).toBeDefined();
  return found!;
}
const nameOf = (html: string, label: string | RegExp) => control(html, label).attrs.get('name')!;
const valueOf = (html: string, el: Element) => (el.tag === 'textarea' ? textOf(html, el) : el.attrs.get('value'));
const titleOf = (html: string) => decode(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '');
const h1Of = (html: string) =>
  textOf(
    html,
    elements(html).find((e) => e.tag === 'h1')!,
  );
/** The <details> around a control, and whether it is open. */
const detailsAround = (html: string, el: Element) => {
  const opening = elements(html).filter((e) => e.tag === 'details' && e.start < el.start);
  const last = opening.at(-1);
  if (!last || html.indexOf('</details>', last.end) < el.start) return undefined;
  return { open: last.attrs.has('open') };
};

/** An invalid field as a screen reader reaches it: marked invalid, its error read with it, linked from the summary. */
function expectFieldError(html: string, label: string | RegExp, message: RegExp) {
  const el = control(html, label);
  const id = el.attrs.get('id')!;
  expect(el.attrs.get('aria-invalid'), `${label} aria-invalid`).toBe('true');
  const described = (el.attrs.get('aria-describedby') ?? '').split(/\s+/).map((ref) => byId(html, ref)!);
  const errors = described.filter((d) => d.attrs.get('class')?.includes('field-error')).map((d) => textOf(html, d));
  expect(errors.join(' '), `error of ${label}`).toMatch(message);
  const summary = elements(html).find((e) => e.attrs.get('class')?.includes('error-summary'))!;
  const links = elements(html).filter(
    (e) => e.tag === 'a' && e.start > summary.start && e.attrs.get('href') === `#${id}`,
  );
  expect(links.length, `summary link to ${id}`).toBe(1);
  expect(textOf(html, links[0]!)).toMatch(message);
}
/** A page with errors: "Erreur – " first in its title, the summary (and only it) focused on load. */
function expectErrorPage(page: Page) {
  expect(page.status).toBe(400);
  expect(titleOf(page.html)).toMatch(/^Erreur – /);
  const focused = elements(page.html).filter((e) => e.attrs.has('autofocus'));
  expect(focused.map((e) => e.attrs.get('class'))).toEqual([expect.stringContaining('error-summary')]);
  expect(focused[0]!.attrs.get('tabindex')).toBe('-1');
  expect(accessibilityProblems(page.html)).toEqual([]);
  // No English left for the administrator to decode.
  expect(page.html).not.toMatch(/\b(must|needs|required|unknown|is not)\b/);
}

describe('the administration console, read by assistive technologies', () => {
  let provider: RunningProvider;
  let rennes: BrowserAgent;
  let platform: BrowserAgent;
  let citizen: BrowserAgent;
  let app: { client_id: string };
  let terminal: { client_id: string };
  let jwk: Record<string, unknown>;
  const url = (path: string) => `${provider.issuer}${path}`;

  async function accountWithSession(email: string): Promise<BrowserAgent> {
    const created = await provider.app.services.accounts.register({ email, password: PASSWORD, emailVerified: true });
    expect(created.ok).toBe(true);
    const browser = createBrowserAgent();
    const login = await browser.navigate(url('/account'));
    const done = await browser.submit(login, interactionUrl(login, 'login'), { email, password: PASSWORD });
    expect(done.url).toBe(url('/account'));
    return browser;
  }
  const grant = async (email: string, siren: string | null) => {
    const account = (await provider.app.services.repos.accounts.findByEmail(email))!;
    await provider.app.services.repos.admin.grant(
      account.id,
      { role: siren ? 'organisation' : 'platform', organisationSiren: siren },
      null,
    );
  };
  const clientsOfRennes = async () => provider.app.services.repos.clients.listByOrganisation(RENNES);

  beforeAll(async () => {
    provider = await startProvider();
    rennes = await accountWithSession('console.rennes@example.fr');
    platform = await accountWithSession('console.megalis@example.fr');
    citizen = await accountWithSession('console.habitant@example.fr');
    await accountWithSession('collegue.rennes@example.fr');
    await grant('console.rennes@example.fr', RENNES);
    await grant('console.megalis@example.fr', null);
    const { publicKey } = await generateKeyPair('ES256');
    jwk = { ...(await exportJWK(publicKey)), alg: 'ES256', use: 'sig' };
    const services = provider.app.services;
    app = await services.clients.addRelyingParty({
      name: 'Portail de Rennes',
      organisationSiren: RENNES,
      redirectUris: ['https://portail.rennes.example/cb'],
      scopes: ['email'],
    });
    terminal = await services.clients.addTerminal({
      name: 'Piscine Saint-Georges',
      organisationSiren: RENNES,
      jwks: { keys: [jwk] },
    });
    await services.repos.terminalActivity.add('2026-03-02', [
      {
        clientId: terminal.client_id,
        delta: { checks: 12, unrecognised: 1, pairings: 2 },
        lastSeenAt: Date.UTC(2026, 2, 2, 17, 30),
      },
    ]);
  });
  afterAll(async () => {
    await provider?.close();
  });

  it('gives every field of every console page a unique id and a label of its own', async () => {
    const pages: [BrowserAgent, string][] = [
      [rennes, '/admin'],
      [platform, '/admin'],
      [rennes, `/admin/${RENNES}`],
      [rennes, `/admin/${RENNES}/clients/${app.client_id}`],
      [rennes, `/admin/${RENNES}/clients/${terminal.client_id}`],
      [rennes, `/admin/${RENNES}/audit`],
    ];
    for (const [browser, path] of pages) {
      const page = await browser.navigate(url(path));
      expect(page.status, path).toBe(200);
      expect(accessibilityProblems(page.html), path).toEqual([]);
    }
    // The two "Nom" fields of the organisation page are two controls, each with its own label.
    const page = await rennes.navigate(url(`/admin/${RENNES}`));
    expect(control(page.html, 'Nom de la borne').attrs.get('id')).not.toBe(
      control(page.html, 'Nom présenté aux habitants').attrs.get('id'),
    );
  });

  it('takes several redirect URIs in a multi-line field, one per line', async () => {
    const page = await rennes.navigate(url(`/admin/${RENNES}`));
    const uris = control(page.html, /^Adresses de retour/);
    expect(uris.tag).toBe('textarea');
    expect(
      textOf(
        page.html,
        elements(page.html).find((e) => e.attrs.get('for') === uris.attrs.get('id'))!,
      ),
    ).toMatch(/une par ligne/);
    const created = await rennes.submit(page, `/admin/${RENNES}/clients`, {
      [nameOf(page.html, 'Nom présenté aux habitants')]: 'Piscines de Rennes',
      [uris.attrs.get('name')!]: 'https://piscines.example/cb\r\nhttps://piscines.example/retour?depuis=a,b\r\n',
      [nameOf(page.html, /^Scopes autorisés/)]: 'email',
    });
    expect(created.status).toBe(200);
    const clientId = /client_id<\/span> : <code>([^<]+)<\/code>/.exec(created.html)![1]!;
    const stored = await provider.app.services.repos.clients.findById(clientId);
    expect(stored?.metadata.redirect_uris).toEqual([
      'https://piscines.example/cb',
      'https://piscines.example/retour?depuis=a,b',
    ]);
    const edit = await rennes.navigate(url(`/admin/${RENNES}/clients/${clientId}`));
    const field = control(edit.html, /^Adresses de retour/);
    expect(field.tag).toBe('textarea');
    expect(valueOf(edit.html, field)).toBe('https://piscines.example/cb https://piscines.example/retour?depuis=a,b');
    expect(edit.html).toContain('https://piscines.example/cb\nhttps://piscines.example/retour?depuis=a,b');
  });

  it('says in French what is wrong with a new application, at each field, and keeps what was typed', async () => {
    const before = (await clientsOfRennes()).length;
    const page = await rennes.navigate(url(`/admin/${RENNES}`));
    const refused = await rennes.submit(page, `/admin/${RENNES}/clients`, {
      [nameOf(page.html, 'Nom présenté aux habitants')]: ' ',
      [nameOf(page.html, /^Adresses de retour/)]: 'https://x.example/cb#fragment',
      [nameOf(page.html, /^Scopes autorisés/)]: 'email tout',
      [nameOf(page.html, /^Adresse de déconnexion/)]: 'pas une adresse',
    });
    expectErrorPage(refused);
    const html = refused.html;
    expect(titleOf(html)).toBe('Erreur – Rennes Métropole – mon-compte.bzh');
    expectFieldError(html, 'Nom présenté aux habitants', /Indiquez le nom de l’application/);
    expectFieldError(html, /^Adresses de retour/, /« https:\/\/x\.example\/cb#fragment ».*#/);
    expectFieldError(html, /^Scopes autorisés/, /« tout » n’existe pas/);
    expectFieldError(html, /^Adresse de déconnexion/, /« pas une adresse »/);
    // The form comes back open, as typed; the other form stays closed.
    expect(detailsAround(html, control(html, 'Nom présenté aux habitants'))).toEqual({ open: true });
    expect(detailsAround(html, control(html, 'Nom de la borne'))).toEqual({ open: false });
    expect(valueOf(html, control(html, /^Adresses de retour/))).toBe('https://x.example/cb#fragment');
    expect(valueOf(html, control(html, /^Scopes autorisés/))).toBe('email tout');
    expect(valueOf(html, control(html, /^Adresse de déconnexion/))).toBe('pas une adresse');
    expect((await clientsOfRennes()).length).toBe(before);
  });

  it('keeps a terminal’s form open with its errors, and never shows a private key again', async () => {
    const page = await rennes.navigate(url(`/admin/${RENNES}`));
    const name = nameOf(page.html, 'Nom de la borne');
    const jwks = nameOf(page.html, /^Clé publique de la borne/);
    const pair = nameOf(page.html, /lier des cartes/);
    const privateKey = JSON.stringify({ keys: [{ ...jwk, d: 'PARTIE-PRIVEE-A-NE-PAS-REAFFICHER' }] });
    const withPrivate = await rennes.submit(page, `/admin/${RENNES}/terminals`, { [name]: '', [jwks]: privateKey });
    expectErrorPage(withPrivate);
    expectFieldError(withPrivate.html, 'Nom de la borne', /Indiquez le nom de la borne/);
    expectFieldError(withPrivate.html, /^Clé publique de la borne/, /partie publique/);
    expect(detailsAround(withPrivate.html, control(withPrivate.html, 'Nom de la borne'))).toEqual({ open: true });
    expect(detailsAround(withPrivate.html, control(withPrivate.html, 'Nom présenté aux habitants'))).toEqual({
      open: false,
    });
    expect(withPrivate.html).not.toContain('PARTIE-PRIVEE');

    const notJson = await rennes.submit(page, `/admin/${RENNES}/terminals`, {
      [name]: 'Médiathèque des Champs Libres',
      [jwks]: 'pas du JSON',
      [pair]: 'yes',
    });
    expectErrorPage(notJson);
    expectFieldError(notJson.html, /^Clé publique de la borne/, /format JSON/);
    expect(valueOf(notJson.html, control(notJson.html, 'Nom de la borne'))).toBe('Médiathèque des Champs Libres');
    expect(valueOf(notJson.html, control(notJson.html, /^Clé publique de la borne/))).toBe('pas du JSON');
    expect(control(notJson.html, /lier des cartes/).attrs.has('checked')).toBe(true);
  });

  it('shows a refused change on the application’s own page, next to the field', async () => {
    const page = await rennes.navigate(url(`/admin/${RENNES}/clients/${app.client_id}`));
    const refused = await rennes.submit(page, `/admin/${RENNES}/clients/${app.client_id}`, {
      [nameOf(page.html, 'Nom')]: '',
      [nameOf(page.html, /^Adresses de retour/)]: '',
      [nameOf(page.html, /^Scopes autorisés/)]: 'email',
    });
    expectErrorPage(refused);
    expect(titleOf(refused.html)).toBe('Erreur – Portail de Rennes – mon-compte.bzh');
    expectFieldError(refused.html, 'Nom', /Indiquez le nom de l’application/);
    expectFieldError(refused.html, /^Adresses de retour/, /Indiquez au moins une adresse de retour/);
    expect(valueOf(refused.html, control(refused.html, /^Scopes autorisés/))).toBe('email');
    expect((await provider.app.services.repos.clients.findById(app.client_id))?.name).toBe('Portail de Rennes');
  });

  it('says which account cannot be made an administrator, at the field', async () => {
    const page = await rennes.navigate(url(`/admin/${RENNES}`));
    const email = nameOf(page.html, /^Ajouter un administrateur/);
    const unknown = await rennes.submit(page, `/admin/${RENNES}/administrators`, { [email]: 'personne@example.fr' });
    expectErrorPage(unknown);
    expectFieldError(
      unknown.html,
      /^Ajouter un administrateur/,
      /Aucun compte mon-compte\.bzh confirmé n’a cette adresse/,
    );
    expect(valueOf(unknown.html, control(unknown.html, /^Ajouter un administrateur/))).toBe('personne@example.fr');
    const empty = await rennes.submit(page, `/admin/${RENNES}/administrators`, { [email]: '' });
    expectErrorPage(empty);
    expectFieldError(empty.html, /^Ajouter un administrateur/, /Indiquez l’adresse/);
    const added = await rennes.submit(page, `/admin/${RENNES}/administrators`, {
      [email]: 'collegue.rennes@example.fr',
    });
    expect(added.status).toBe(200);
    expect(added.html).toContain('collegue.rennes@example.fr');
  });

  it('gives every console table a caption, column headers and the column name on each cell', async () => {
    for (const path of [`/admin/${RENNES}/clients/${terminal.client_id}`, `/admin/${RENNES}/audit`]) {
      const { html } = await rennes.navigate(url(path));
      const all = elements(html);
      const tables = all.filter((e) => e.tag === 'table');
      expect(tables.length, path).toBe(1);
      const table = tables[0]!;
      expect(table.attrs.get('class'), path).toBe('stacked-table');
      const inside = all.filter((e) => e.start > table.start && e.start < html.indexOf('</table>', table.end));
      const caption = inside.find((e) => e.tag === 'caption');
      expect(caption && textOf(html, caption), `${path} caption`).toBeTruthy();
      const headers = inside.filter((e) => e.tag === 'th');
      expect(headers.map((h) => h.attrs.get('scope'))).toEqual(headers.map(() => 'col'));
      const columns = headers.map((h) => textOf(html, h));
      const cells = inside.filter((e) => e.tag === 'td');
      expect(cells.length, path).toBeGreaterThan(0);
      cells.forEach((cell, i) => expect(cell.attrs.get('data-label'), path).toBe(columns[i % columns.length]));
    }
    const activity = await rennes.navigate(url(`/admin/${RENNES}/clients/${terminal.client_id}`));
    expect(activity.html).toContain('2 mars 2026');
    const audit = await rennes.navigate(url(`/admin/${RENNES}/audit`));
    expect(audit.html).toContain('Déclaration d’une application');
    expect(audit.html).not.toContain('client.created');
  });

  it('tells an administrator of Rennes plainly that Brest is not theirs, whether or not the SIREN exists', async () => {
    const refusal = await rennes.navigate(url(`/admin/${BREST}`));
    expect(refusal.status).toBe(403);
    expect(titleOf(refusal.html)).toBe('Accès refusé – cette collectivité n’est pas la vôtre – mon-compte.bzh');
    expect(h1Of(refusal.html)).toBe('Accès refusé – cette collectivité n’est pas la vôtre');
    expect(elements(refusal.html).some((e) => e.tag === 'a' && e.attrs.get('href') === '/admin')).toBe(true);
    expect(accessibilityProblems(refusal.html)).toEqual([]);
    for (const path of [`/admin/999999999`, `/admin/${BREST}/audit`, `/admin/${BREST}/clients/${app.client_id}`]) {
      const other = await rennes.navigate(url(path));
      expect(other.status, path).toBe(403);
      expect(other.html, path).toBe(refusal.html);
    }
    const posted = await rennes.submit(await rennes.navigate(url(`/admin/${RENNES}`)), `/admin/${BREST}/clients`, {});
    expect(posted.status).toBe(403);
    expect(h1Of(posted.html)).toBe('Accès refusé – cette collectivité n’est pas la vôtre');

    // A platform administrator may open any collectivity: a SIREN of none is said to be so.
    const none = await platform.navigate(url('/admin/999999999'));
    expect(none.status).toBe(404);
    expect(h1Of(none.html)).not.toBe('Erreur');
    expect(titleOf(none.html)).not.toMatch(/^Erreur –/);
    // An object of another collectivity, through one's own, is still not found (not revealed).
    const hidden = await platform.navigate(url(`/admin/${BREST}/clients/${app.client_id}`));
    expect(hidden.status).toBe(404);
    expect(elements(hidden.html).some((e) => e.tag === 'a' && e.attrs.get('href') === `/admin/${BREST}`)).toBe(true);

    const notAdmin = await citizen.navigate(url('/admin'));
    expect(notAdmin.status).toBe(403);
    expect(h1Of(notAdmin.html)).toMatch(/^Accès refusé – /);
  });

  it('answers the admin API’s refusals in French too', async () => {
    const post = async (body: unknown) => {
      const res = await rennes.request(url(`/api/admin/organisations/${RENNES}/clients`), {
        method: 'POST',
        body: JSON.stringify(body),
        contentType: 'application/json',
      });
      return { status: res.status, body: JSON.parse(await res.text()) as { title: string } };
    };
    const noUri = await post({ name: 'Sans retour', redirect_uris: [], scopes: [] });
    expect(noUri).toMatchObject({ status: 400, body: { title: 'Indiquez au moins une adresse de retour.' } });
    const malformed = await post({ name: '', redirect_uris: ['https://x.example/cb'], extra: 1 });
    expect(malformed.status).toBe(400);
    expect(malformed.body.title).not.toMatch(/Too small|Unrecognized|expected/);
  });
});
