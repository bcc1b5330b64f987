// Pages of the administration console: French, server-rendered, accessible.
import { html, type SafeHtml } from '../../../platform/html.ts';
import { page } from '../views/layout.ts';
import { csrfInput, field } from '../views/form-fields.ts';
import type { Organisation } from '../../../db/repos/organisations-repo.ts';
import type { AdminAuditEntry } from '../../../db/repos/admin-repo.ts';

const date = (ms: number) =>
  new Date(ms).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });

export function consolePage(title: string, body: SafeHtml, o: { flash?: string; error?: string } = {}): string {
  return page({
    title: o.error ? `Erreur – ${title}` : title,
    body: html`<nav aria-label="Console"><p><a href="/admin">Console des collectivités</a> · <a href="/account">Mon compte</a></p></nav>
${o.flash ? html`<p class="notice" role="status">${o.flash}</p>` : ''}
${o.error ? html`<div class="error-summary" role="alert"><p>${o.error}</p></div>` : ''}
${body}`,
  });
}

export function homeView(organisations: Organisation[], platform: boolean, csrf: string): SafeHtml {
  return html`<h1>Console des collectivités</h1>
${organisations.length ? html`<ul>${organisations.map((o) => html`<li><a href="/admin/${o.siren}">${o.name}</a> (SIREN ${o.siren})</li>`)}</ul>` : html`<p>Vous n’administrez aucune collectivité.</p>`}
${
  platform
    ? html`<form method="get" action="/admin/open">${csrfInput(csrf)}
${field({ name: 'siren', label: 'Ouvrir une collectivité (administration de la plateforme)', hint: 'SIREN à 9 chiffres', inputmode: 'numeric' })}
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

export function organisationView(o: {
  organisation: Organisation;
  clients: ClientView[];
  administrators: { accountId: string; email: string }[];
  csrf: string;
  secret?: { client_id: string; client_secret?: string };
}): SafeHtml {
  const s = o.organisation.siren;
  const list = (kind: string) => o.clients.filter((c) => c.kind === kind);
  return html`<h1>${o.organisation.name}</h1>
${
  o.secret
    ? html`<div class="notice" role="status"><p>Notez ces identifiants maintenant : le secret ne sera plus affiché.</p>
<p>client_id : <code>${o.secret.client_id}</code></p>${o.secret.client_secret ? html`<p>client_secret : <code>${o.secret.client_secret}</code></p>` : ''}</div>`
    : ''
}
<h2>Applications (relying parties)</h2>
${clientTable(s, list('relying_party'))}
<details><summary>Déclarer une application</summary>
<form method="post" action="/admin/${s}/clients" novalidate>${csrfInput(o.csrf)}
${field({ name: 'name', label: 'Nom présenté aux habitants' })}
${field({ name: 'redirect_uris', label: 'Adresses de retour (une par ligne ou séparées par des espaces)' })}
${field({ name: 'scopes', label: 'Scopes autorisés', hint: 'par exemple : profile email bzh_residence' })}
${field({ name: 'backchannel_logout_uri', label: 'Adresse de déconnexion back-channel (facultatif)' })}
<button type="submit">Créer l’application</button></form></details>
<h2>Bornes KorriGo</h2>
${clientTable(s, list('terminal'))}
<details><summary>Déclarer une borne</summary>
<form method="post" action="/admin/${s}/terminals" novalidate>${csrfInput(o.csrf)}
${field({ name: 'name', label: 'Nom de la borne' })}
<label for="f-jwks">Clé publique de la borne (JWKS)<span class="hint">{"keys":[…]}, sans partie privée</span></label>
<textarea id="f-jwks" name="jwks" rows="5"></textarea>
<label class="checkbox" for="f-pair"><input type="checkbox" id="f-pair" name="pair" value="yes"> <span>Elle peut lier des cartes (accueil)</span></label>
<button type="submit">Créer la borne</button></form></details>
<h2>Administrateurs</h2>
<ul>${o.administrators.map(
    (a) => html`<li>${a.email}
<form method="post" action="/admin/${s}/administrators/${a.accountId}/remove" class="inline">${csrfInput(o.csrf)}<button type="submit" class="link-button">Retirer ${a.email}</button></form></li>`,
  )}</ul>
<form method="post" action="/admin/${s}/administrators" novalidate>${csrfInput(o.csrf)}
${field({ name: 'email', label: 'Ajouter un administrateur (adresse de son compte mon-compte.bzh)', type: 'email' })}
<button type="submit">Ajouter</button></form>
<p><a href="/admin/${s}/audit">Journal des actions d’administration</a></p>`;
}

function clientTable(siren: string, clients: ClientView[]): SafeHtml {
  if (clients.length === 0) return html`<p>Aucun.</p>`;
  return html`<ul>${clients.map(
    (c) =>
      html`<li><a href="/admin/${siren}/clients/${encodeURIComponent(c.client_id)}">${c.name}</a>${c.disabled ? html` <span class="tag">désactivé</span>` : ''}</li>`,
  )}</ul>`;
}

export function clientView(o: {
  siren: string;
  client: ClientView & {
    backchannel_logout_uri?: unknown;
    activity?: { day: string; checks: number; unrecognised: number; pairings: number; lastSeenAt: number }[];
  };
  csrf: string;
}): SafeHtml {
  const c = o.client;
  const base = `/admin/${o.siren}/clients/${encodeURIComponent(c.client_id)}`;
  return html`<h1>${c.name}</h1>
<p>client_id : <code>${c.client_id}</code>${c.disabled ? html` – <strong>désactivé</strong>` : ''}</p>
${
  c.kind === 'relying_party'
    ? html`<form method="post" action="${base}" novalidate>${csrfInput(o.csrf)}
${field({ name: 'name', label: 'Nom', value: c.name })}
${field({ name: 'redirect_uris', label: 'Adresses de retour', value: (c.redirect_uris as string[]).join(' ') })}
${field({ name: 'scopes', label: 'Scopes autorisés', value: String(c.scope).replace(/^openid ?/, '') })}
${field({ name: 'backchannel_logout_uri', label: 'Déconnexion back-channel', value: (c.backchannel_logout_uri as string | null) ?? '' })}
<button type="submit">Enregistrer</button></form>
<form method="post" action="${base}/secret">${csrfInput(o.csrf)}<button type="submit" class="secondary">Renouveler le secret</button></form>`
    : html`<h2>Activité récente</h2>${
        c.activity?.length
          ? html`<table><thead><tr><th scope="col">Jour</th><th scope="col">Vérifications</th><th scope="col">Cartes non reconnues</th><th scope="col">Liaisons</th><th scope="col">Dernier contact</th></tr></thead>
<tbody>${c.activity.map((d) => html`<tr><td>${d.day}</td><td>${d.checks}</td><td>${d.unrecognised}</td><td>${d.pairings}</td><td>${date(d.lastSeenAt)}</td></tr>`)}</tbody></table>`
          : html`<p>Aucune activité récente.</p>`
      }`
}
<form method="post" action="${base}/${c.disabled ? 'enable' : 'disable'}">${csrfInput(o.csrf)}
<button type="submit" class="${c.disabled ? 'secondary' : 'danger'}">${c.disabled ? 'Réactiver' : 'Désactiver'}</button></form>
<p><a href="/admin/${o.siren}">Retour à la collectivité</a></p>`;
}

export function auditView(organisation: Organisation, entries: AdminAuditEntry[]): SafeHtml {
  return html`<h1>Journal d’administration – ${organisation.name}</h1>
${
  entries.length
    ? html`<table><thead><tr><th scope="col">Date</th><th scope="col">Qui</th><th scope="col">Action</th><th scope="col">Objet</th></tr></thead>
<tbody>${entries.map((e) => html`<tr><td>${date(e.createdAt)}</td><td>${e.actorLabel ?? '—'}</td><td>${e.action}</td><td>${e.target ?? '—'}</td></tr>`)}</tbody></table>`
    : html`<p>Aucune action.</p>`
}
<p><a href="/admin/${organisation.siren}">Retour à la collectivité</a></p>`;
}
