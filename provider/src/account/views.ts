// Pages of the account centre. Server-rendered, usable without JavaScript and on a 360 px
// phone; every form carries the CSRF token.
import { html, type SafeHtml } from '../../../platform/html.ts';
import { page } from '../views/layout.ts';
import { csrfInput, errorSummary, field } from '../views/form-fields.ts';
import { ATTRIBUTES, attributeOfClaim } from '../profile/attributes.ts';
import type { ConnectedApp } from './account-service.ts';
import type { AuditEvent } from '../../../db/repos/audit-repo.ts';

const date = (ms?: number) =>
  ms ? new Date(ms).toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }) : '—';

function nav(current: string): SafeHtml {
  const links: [string, string][] = [
    ['/account', 'Accueil du compte'],
    ['/account/profile', 'Mon profil'],
    ['/account/apps', 'Applications connectées'],
    ['/account/activity', 'Activité'],
    ['/account/card', 'Ma carte KorriGo'],
    ['/account/security', 'Adresse et mot de passe'],
    ['/account/data', 'Mes données'],
  ];
  return html`<nav aria-label="Mon compte" class="account-nav"><ul>${links.map(
    ([href, label]) =>
      html`<li><a href="${href}"${href === current ? html` aria-current="page"` : ''}>${label}</a></li>`,
  )}</ul></nav>`;
}

export function accountPage(o: { title: string; current: string; body: SafeHtml; flash?: string }): string {
  return page({
    title: o.title,
    nav: nav(o.current),
    body: html`${o.flash ? html`<p class="notice" role="status">${o.flash}</p>` : ''}
${o.body}`,
  });
}

export function homePage(o: {
  email: string;
  emailVerified: boolean;
  apps: number;
  csrf: string;
  flash?: string;
}): string {
  return accountPage({
    title: 'Mon compte',
    current: '/account',
    flash: o.flash,
    body: html`<h1>Mon compte</h1>
<p>Connecté en tant que <strong>${o.email}</strong>.</p>
${
  o.emailVerified
    ? ''
    : html`<div class="notice"><p>Votre adresse n’est pas encore confirmée.</p>
<form method="post" action="/account/email/resend">${csrfInput(o.csrf)}<button type="submit" class="secondary">Renvoyer le lien de confirmation</button></form></div>`
}
<ul>
<li><a href="/account/profile">Mon profil</a> : les informations que vous pouvez partager.</li>
<li><a href="/account/apps">Applications connectées</a> : ${o.apps} application${o.apps > 1 ? 's' : ''}.</li>
<li><a href="/account/activity">Activité</a> : connexions et partages récents.</li>
<li><a href="/account/card">Ma carte KorriGo</a> : la lier, la bloquer, choisir qui la reconnaît.</li>
<li><a href="/account/security">Adresse et mot de passe</a>.</li>
<li><a href="/account/data">Mes données</a> : télécharger ou supprimer mon compte.</li>
</ul>
<p><a class="button secondary" href="/account/logout">Se déconnecter</a></p>`,
  });
}

export function appsPage(o: { apps: ConnectedApp[]; csrf: string; flash?: string }): string {
  const label = (claim: string) => attributeOfClaim(claim)?.label ?? claim;
  const attributes = (claims: string[]) => [...new Set(claims.map(label))];
  return accountPage({
    title: 'Applications connectées',
    current: '/account/apps',
    flash: o.flash,
    body: html`<h1>Applications connectées</h1>
${
  o.apps.length === 0
    ? html`<p>Aucune application ne reçoit vos informations.</p>`
    : o.apps.map(
        (app) => html`<section class="card" aria-labelledby="app-${app.clientId}">
<h2 id="app-${app.clientId}">${app.name}</h2>
${app.organisation ? html`<p>${app.organisation}</p>` : ''}
<p>Reçoit : ${attributes(app.claims).join(', ') || 'votre identifiant seulement'}.</p>
<p class="hint">Depuis le ${date(app.since)} · dernière utilisation : ${date(app.lastUse)}</p>
<form method="post" action="/account/apps/${encodeURIComponent(app.clientId)}/revoke">
${csrfInput(o.csrf)}
<button type="submit" class="secondary">Révoquer l’accès de ${app.name}</button>
</form>
</section>`,
      )
}`,
  });
}

const EVENT_LABELS: Record<string, string> = {
  login: 'Connexion',
  'data.released': 'Informations transmises',
  'consent.granted': 'Accord donné',
  'consent.refused': 'Accord refusé',
  'consent.revoked': 'Accès révoqué',
  'profile.updated': 'Profil modifié',
  'password.changed': 'Mot de passe changé',
  'password.reset': 'Mot de passe réinitialisé',
  'email.verified': 'Adresse confirmée',
  'email.change_requested': 'Changement d’adresse demandé',
  'data.exported': 'Données téléchargées',
  'data.exported_by_operator': 'Données exportées par l’équipe de mon-compte.bzh',
};

export function activityPage(o: { events: AuditEvent[]; names: Map<string, string> }): string {
  return accountPage({
    title: 'Activité',
    current: '/account/activity',
    body: html`<h1>Activité</h1>
<p>Les connexions et les partages d’informations de votre compte, du plus récent au plus ancien.</p>
${
  o.events.length === 0
    ? html`<p>Aucune activité pour l’instant.</p>`
    : html`<table class="stacked-table"><caption class="visually-hidden">Activité du compte</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Événement</th><th scope="col">Application</th></tr></thead>
<tbody>${o.events.map(
        (e) =>
          html`<tr><td data-label="Date">${date(e.createdAt)}</td><td data-label="Événement">${EVENT_LABELS[e.type] ?? e.type}</td><td data-label="Application">${
            e.clientId ? (o.names.get(e.clientId) ?? e.clientId) : '—'
          }</td></tr>`,
      )}</tbody></table>`
}`,
  });
}

export function securityPage(o: {
  email: string;
  csrf: string;
  errors?: Record<string, string | undefined>;
  flash?: string;
  newEmail?: string;
}): string {
  const errors = o.errors ?? {};
  return accountPage({
    title: Object.values(errors).some(Boolean) ? 'Erreur – Adresse et mot de passe' : 'Adresse et mot de passe',
    current: '/account/security',
    flash: o.flash,
    body: html`<h1>Adresse et mot de passe</h1>
${errorSummary(errors, { email: 'Nouvelle adresse', current: 'Mot de passe actuel', next: 'Nouveau mot de passe' })}
<h2>Adresse électronique</h2>
<p>Adresse actuelle : <strong>${o.email}</strong>. La nouvelle adresse remplace l’actuelle quand vous cliquez sur le lien reçu.</p>
<form method="post" action="/account/email" novalidate>
${csrfInput(o.csrf)}
${field({ name: 'email', label: 'Nouvelle adresse électronique', type: 'email', autocomplete: 'email', value: o.newEmail, error: errors.email })}
<button type="submit">Changer d’adresse</button>
</form>
<h2>Mot de passe</h2>
<form method="post" action="/account/password" novalidate>
${csrfInput(o.csrf)}
${field({ name: 'current', label: 'Mot de passe actuel', type: 'password', autocomplete: 'current-password', error: errors.current })}
${field({ name: 'next', label: 'Nouveau mot de passe', type: 'password', autocomplete: 'new-password', error: errors.next, hint: 'Au moins 12 caractères. Une phrase de plusieurs mots convient très bien.' })}
<label class="checkbox" for="f-end-sessions"><input type="checkbox" id="f-end-sessions" name="end_other_sessions" value="yes" checked>
<span>Déconnecter mes autres appareils</span></label>
<button type="submit">Changer de mot de passe</button>
</form>`,
  });
}

export function dataPage(o: { csrf: string; error?: string }): string {
  const confirmError = o.error ? 'f-confirm-error' : undefined;
  return accountPage({
    title: o.error ? 'Erreur – Mes données' : 'Mes données',
    current: '/account/data',
    body: html`<h1>Mes données</h1>
<h2>Télécharger mes données</h2>
<p>Un fichier JSON avec votre profil, vos accords, les applications connectées et votre activité.</p>
<p><a class="button" href="/account/export" download>Télécharger mes données</a></p>
<h2>Supprimer mon compte</h2>
<p>Toutes vos informations seront effacées et les applications connectées seront prévenues. Cette action est définitive.</p>
${errorSummary({ confirm: o.error }, { confirm: 'Confirmation' })}
<form method="post" action="/account/delete">
${csrfInput(o.csrf)}
${o.error ? html`<p class="field-error" id="f-confirm-error"><span class="visually-hidden">Erreur : </span>${o.error}</p>` : ''}
<label class="checkbox" for="f-confirm"><input type="checkbox" id="f-confirm" name="confirm" value="yes" required${
      confirmError ? html` aria-invalid="true" aria-describedby="${confirmError}"` : ''
    }>
<span>Je comprends que mon compte et mes données seront supprimés définitivement.</span></label>
<button type="submit" class="danger">Supprimer mon compte</button>
</form>`,
  });
}

export function simplePage(title: string, message: string, link?: [string, string]): string {
  return page({
    title,
    body: html`<h1>${title}</h1><p>${message}</p>${link ? html`<p><a href="${link[0]}">${link[1]}</a></p>` : ''}`,
  });
}

export function forgotPage(o: { csrf: string; sent?: boolean; error?: string; email?: string }): string {
  return page({
    title: o.sent
      ? 'Lien envoyé – Mot de passe oublié'
      : o.error
        ? 'Erreur – Mot de passe oublié'
        : 'Mot de passe oublié',
    body: html`<h1>Mot de passe oublié</h1>
${errorSummary({ email: o.error }, { email: 'Adresse électronique' })}
${
  o.sent
    ? html`<p class="notice" role="status">Si un compte existe avec cette adresse, un message vient d’y être envoyé. Le lien est valable 30 minutes.</p>`
    : html`<p>Indiquez l’adresse de votre compte : nous y enverrons un lien pour choisir un nouveau mot de passe.</p>
<form method="post" action="/password/forgot" novalidate>
${csrfInput(o.csrf)}
${field({ name: 'email', label: 'Adresse électronique', type: 'email', autocomplete: 'email', value: o.email, error: o.error, required: true })}
<button type="submit">Recevoir le lien</button>
</form>`
}`,
  });
}

export function resetPage(o: { csrf: string; token: string; error?: string }): string {
  return page({
    title: o.error ? 'Erreur – Nouveau mot de passe' : 'Nouveau mot de passe',
    body: html`<h1>Choisir un nouveau mot de passe</h1>
${errorSummary({ password: o.error }, { password: 'Nouveau mot de passe' })}
<form method="post" action="/password/reset" novalidate>
${csrfInput(o.csrf)}
<input type="hidden" name="token" value="${o.token}">
${field({ name: 'password', label: 'Nouveau mot de passe', type: 'password', autocomplete: 'new-password', error: o.error, hint: 'Au moins 12 caractères. Toutes vos sessions seront fermées.' })}
<button type="submit">Enregistrer</button>
</form>`,
  });
}

export function profileOverview(values: Map<string, string>, receivers: Map<string, string[]>): SafeHtml {
  return html`<dl class="profile-list">${ATTRIBUTES.map(
    (a) =>
      html`<dt>${a.label}</dt><dd>${values.get(a.id) ?? 'Non renseigné'}${
        receivers.get(a.id)?.length
          ? html`<span class="hint">Transmis à : ${receivers.get(a.id)!.join(', ')}</span>`
          : html`<span class="hint">Transmis à aucune application</span>`
      }</dd>`,
  )}</dl>`;
}
