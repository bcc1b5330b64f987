// Pages of the administration console: French, server-rendered, accessible.
import { html, type SafeHtml } from '../../../platform/html.ts';
import { page } from '../views/layout.ts';
import { csrfInput } from '../views/form-fields.ts';
import type { Organisation } from '../../../db/repos/organisations-repo.ts';
import type { AdminAuditEntry } from '../../../db/repos/admin-repo.ts';
import { consoleCheckbox, consoleInput, consoleTextarea, formErrorSummary, type FormState } from './console-fields.ts';

const date = (ms: number) =>
  new Date(ms).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });
/** A day of the activity counters ("2026-03-02"), as French readers write it. */
const day = (iso: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(iso)
    ? new Date(`${iso}T12:00:00Z`).toLocaleDateString('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' })
    : iso;

export function consolePage(o: {
  title: string;
  body: SafeHtml;
  flash?: string;
  /** The page shows a form's errors: its title says so first. */
  failed?: boolean;
  /** Without the console's links, for someone who may not use it. */
  bare?: boolean;
}): string {
  return page({
    title: o.failed ? `Erreur – ${o.title}` : o.title,
    body: html`${o.bare ? '' : html`<nav aria-label="Console"><p><a href="/admin">Console des collectivités</a> · <a href="/account">Mon compte</a></p></nav>`}
${o.flash ? html`<p class="notice" role="status">${o.flash}</p>` : ''}
${o.body}`,
  });
}

/** A request the console refuses, said plainly, with the way back. */
export function refusalView(o: { heading: string; message: string; back: [href: string, label: string] }): SafeHtml {
  return html`<h1>${o.heading}</h1>
<p>${o.message}</p>
<p><a href="${o.back[0]}">${o.back[1]}</a></p>`;
}

export function homeView(organisations: Organisation[], platform: boolean): SafeHtml {
  // A GET form: no CSRF token, which would end up in the address bar and the history.
  return html`<h1>Console des collectivités</h1>
${organisations.length ? html`<ul>${organisations.map((o) => html`<li><a href="/admin/${o.siren}">${o.name}</a> (SIREN ${o.siren})</li>`)}</ul>` : html`<p>Vous n’administrez aucune collectivité.</p>`}
${
  platform
    ? html`<form method="get" action="/admin/open">
${consoleInput(undefined, 'open', 'siren', { hint: 'SIREN à 9 chiffres', inputmode: 'numeric' })}
<button type="submit">Ouvrir</button></form>`
    : ''
}`;
}

type ClientView = {
  client_id: string;
  kind: string;
  name: string;
  disabled: boolean;
  redirect_uris: unknown;
  scope: unknown;
};

const REDIRECT_HINT =
  'Chacune exactement comme votre application l’envoie, par exemple https://portail.example.fr/callback.';
const SCOPES_HINT = 'Séparés par des espaces, par exemple : profile email bzh_residence. openid est toujours inclus.';

export function organisationView(o: {
  organisation: Organisation;
  clients: ClientView[];
  administrators: { accountId: string; email: string }[];
  csrf: string;
  secret?: { client_id: string; client_secret?: string };
  form?: FormState;
}): SafeHtml {
  const s = o.organisation.siren;
  const f = o.form;
  const list = (kind: string) => o.clients.filter((c) => c.kind === kind);
  const open = (form: FormState['form']) => (f?.form === form ? html` open` : '');
  return html`<h1>${o.organisation.name}</h1>
${formErrorSummary(f)}
${
  o.secret
    ? html`<div class="notice" role="status"><p>Notez ces identifiants maintenant : le secret ne sera plus affiché.</p>
<p><span lang="en">client_id</span> : <code>${o.secret.client_id}</code></p>${o.secret.client_secret ? html`<p><span lang="en">client_secret</span> : <code>${o.secret.client_secret}</code></p>` : ''}</div>`
    : ''
}
<h2>Applications (<span lang="en">relying parties</span>)</h2>
${clientList(s, list('relying_party'))}
<details${open('new-client')}><summary>Déclarer une application</summary>
<form method="post" action="/admin/${s}/clients" novalidate>${csrfInput(o.csrf)}
<p class="hint">Tous les champs sont obligatoires, sauf ceux marqués « facultatif ».</p>
${consoleInput(f, 'new-client', 'name')}
${consoleTextarea(f, 'new-client', 'redirect_uris', { rows: 3, hint: REDIRECT_HINT, spellcheck: false })}
${consoleInput(f, 'new-client', 'scopes', { hint: SCOPES_HINT })}
${consoleInput(f, 'new-client', 'backchannel_logout_uri')}
<button type="submit">Créer l’application</button></form></details>
<h2>Bornes KorriGo</h2>
${clientList(s, list('terminal'))}
<details${open('new-terminal')}><summary>Déclarer une borne</summary>
<form method="post" action="/admin/${s}/terminals" novalidate>${csrfInput(o.csrf)}
${consoleInput(f, 'new-terminal', 'name')}
${consoleTextarea(f, 'new-terminal', 'jwks', { rows: 5, hint: '{"keys":[…]}, sans partie privée', spellcheck: false })}
${consoleCheckbox(f, 'new-terminal', 'pair')}
<button type="submit">Créer la borne</button></form></details>
<h2>Administrateurs</h2>
<ul>${o.administrators.map(
    (a) => html`<li>${a.email}
<form method="post" action="/admin/${s}/administrators/${a.accountId}/remove" class="inline">${csrfInput(o.csrf)}<button type="submit" class="link-button">Retirer ${a.email}</button></form></li>`,
  )}</ul>
<form method="post" action="/admin/${s}/administrators" novalidate>${csrfInput(o.csrf)}
${consoleInput(f, 'new-admin', 'email', { type: 'email' })}
<button type="submit">Ajouter</button></form>
<p><a href="/admin/${s}/audit">Journal des actions d’administration</a></p>`;
}

function clientList(siren: string, clients: ClientView[]): SafeHtml {
  if (clients.length === 0) return html`<p>Aucun.</p>`;
  return html`<ul>${clients.map(
    (c) =>
      html`<li><a href="/admin/${siren}/clients/${encodeURIComponent(c.client_id)}">${c.name}</a>${c.disabled ? html` <span class="tag">désactivé</span>` : ''}</li>`,
  )}</ul>`;
}

type Column<T> = [label: string, cell: (row: T) => SafeHtml | string | number];

/**
 * A data table: a visible caption, column headers, and the column's name on each cell
 * (data-label) for the narrow-screen layout of `.stacked-table`, where each row becomes a block.
 */
function stackedTable<T>(caption: string, columns: Column<T>[], rows: T[]): SafeHtml {
  return html`<table class="stacked-table"><caption>${caption}</caption>
<thead><tr>${columns.map(([label]) => html`<th scope="col">${label}</th>`)}</tr></thead>
<tbody>${rows.map(
    (row) => html`<tr>${columns.map(([label, cell]) => html`<td data-label="${label}">${cell(row)}</td>`)}</tr>`,
  )}</tbody></table>`;
}

type TerminalDay = { day: string; checks: number; unrecognised: number; pairings: number; lastSeenAt: number };

export function clientView(o: {
  siren: string;
  client: ClientView & { backchannel_logout_uri?: unknown; activity?: TerminalDay[] };
  csrf: string;
  form?: FormState;
}): SafeHtml {
  const c = o.client;
  const f = o.form;
  const base = `/admin/${o.siren}/clients/${encodeURIComponent(c.client_id)}`;
  return html`<h1>${c.name}</h1>
${formErrorSummary(f)}
<p><span lang="en">client_id</span> : <code>${c.client_id}</code>${c.disabled ? html` – <strong>désactivé</strong>` : ''}</p>
${
  c.kind === 'relying_party'
    ? html`<form method="post" action="${base}" novalidate>${csrfInput(o.csrf)}
<p class="hint">Tous les champs sont obligatoires, sauf ceux marqués « facultatif ».</p>
${consoleInput(f, 'client', 'name', { current: c.name })}
${consoleTextarea(f, 'client', 'redirect_uris', { rows: 3, hint: REDIRECT_HINT, spellcheck: false, current: (c.redirect_uris as string[]).join('\n') })}
${consoleInput(f, 'client', 'scopes', { hint: SCOPES_HINT, current: String(c.scope).replace(/^openid ?/, '') })}
${consoleInput(f, 'client', 'backchannel_logout_uri', { current: (c.backchannel_logout_uri as string | null) ?? '' })}
<button type="submit">Enregistrer</button></form>
<form method="post" action="${base}/secret">${csrfInput(o.csrf)}<button type="submit" class="secondary">Renouveler le secret</button></form>`
    : html`<h2>Activité récente</h2>${
        c.activity?.length
          ? stackedTable(
              `Activité de la borne ${c.name}, jour par jour, du plus récent au plus ancien`,
              [
                ['Jour', (d) => day(d.day)],
                ['Vérifications', (d) => d.checks],
                ['Cartes non reconnues', (d) => d.unrecognised],
                ['Liaisons', (d) => d.pairings],
                ['Dernier contact', (d) => date(d.lastSeenAt)],
              ],
              c.activity,
            )
          : html`<p>Aucune activité récente.</p>`
      }`
}
<form method="post" action="${base}/${c.disabled ? 'enable' : 'disable'}">${csrfInput(o.csrf)}
<button type="submit" class="${c.disabled ? 'secondary' : 'danger'}">${c.disabled ? 'Réactiver' : 'Désactiver'}</button></form>
<p><a href="/admin/${o.siren}">Retour à la collectivité</a></p>`;
}

/** The audit log's actions, in words (the stable codes stay in the database and the API). */
const ACTIONS: Record<string, string> = {
  'client.created': 'Déclaration d’une application',
  'client.updated': 'Modification d’une application',
  'client.secret_rotated': 'Renouvellement du secret d’une application',
  'client.disabled': 'Désactivation',
  'client.enabled': 'Réactivation',
  'terminal.created': 'Déclaration d’une borne',
  'administrator.added': 'Ajout d’un administrateur',
  'administrator.removed': 'Retrait d’un administrateur',
};

export function auditView(organisation: Organisation, entries: AdminAuditEntry[]): SafeHtml {
  return html`<h1>Journal d’administration – ${organisation.name}</h1>
${
  entries.length
    ? stackedTable(
        `Actions d’administration de ${organisation.name}, de la plus récente à la plus ancienne`,
        [
          ['Date', (e) => date(e.createdAt)],
          ['Qui', (e) => e.actorLabel ?? '—'],
          ['Action', (e) => ACTIONS[e.action] ?? e.action],
          ['Objet', (e) => e.target ?? '—'],
        ],
        entries,
      )
    : html`<p>Aucune action.</p>`
}
<p><a href="/admin/${organisation.siren}">Retour à la collectivité</a></p>`;
}
