// Pages of the "Espace collectivités": the catalogue's rules are edited as data (JSON, checked
// against the catalogue schema) with a preview of the result for a sample profile. Same frame as
// the rest of mes-services (skip link, footer with the pages the law asks for); a mistake is
// tied to its field and summed up first, focused on load; a change made is confirmed.
import { html, SafeHtml } from '../../../platform/html.ts';
import { FOOTER_LINKS, FOOTER_TEXT } from '../../../directory-ui/src/lib/site.ts';
import type { Service } from '../catalogue/model.ts';
import type { MatchResult, Reason } from '../eligibility/index.ts';
import type { ServiceAdmin } from './services-admin.ts';
import { officialAuthority } from './official-authorities.ts';

/** An expected mistake in one field of a form, shown next to that field. */
export type FormError = { field: 'service' | 'profile'; message: string };

export function adminPage(title: string, body: string | SafeHtml): string {
  const content = typeof body === 'string' ? new SafeHtml(body) : body;
  return html`<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Espace collectivités – mes-services.bzh</title>
<link rel="stylesheet" href="/espace-collectivites/styles.css"></head>
<body><a class="skip-link" href="#contenu">Aller au contenu</a>
<header class="site-header"><p class="brand"><a href="/">mes-services<span>.bzh</span></a> – Espace collectivités</p></header>
<main id="contenu" tabindex="-1">${content}</main>
<footer class="site-footer"><p>${FOOTER_TEXT}</p>
<ul class="footer-links">${FOOTER_LINKS.map((link) => html`<li><a href="${link.href}">${link.label}</a></li>`)}</ul>
</footer>
</body></html>`.value;
}

const csrfInput = (token: string) => html`<input type="hidden" name="csrf" value="${token}">`;

export function loginNeededPage(loggedIn: boolean): string {
  return adminPage(
    'Connexion',
    html`<h1>Espace collectivités</h1>
${
  loggedIn
    ? html`<p>Votre compte n’administre aucune collectivité. Si c’est une erreur, demandez à un administrateur de votre collectivité de vous ajouter.</p>
<p><a href="/auth/login?scope=bzh_admin&amp;return=/espace-collectivites">Actualiser mes droits</a></p>`
    : html`<p>Connectez-vous avec votre compte mon-compte.bzh pour gérer les services de votre collectivité.</p>
<p><a class="button" href="/auth/login?scope=bzh_admin&amp;return=/espace-collectivites">Se connecter avec mon-compte.bzh</a></p>`
}`,
  );
}

/**
 * A change refused because mon-compte did not confirm the role (expired token, or removed):
 * a link to log in again that comes back here, and what was typed, to copy before leaving.
 */
export function rightsUnconfirmedPage(o: { returnTo: string; draft?: string | undefined }): string {
  const login = `/auth/login?scope=bzh_admin&return=${encodeURIComponent(o.returnTo)}`;
  return adminPage(
    'Reconnexion nécessaire',
    html`<h1>Reconnexion nécessaire</h1>
<p>Vos droits d’administration doivent être confirmés par mon-compte.bzh : votre connexion date de plus de quelques minutes, ou ces droits vous ont été retirés. Rien n’a été enregistré.</p>
<p><a class="button" href="${login}">Me reconnecter à l’Espace collectivités</a></p>
${
  o.draft
    ? html`<label for="f-draft">Votre saisie, à copier avant de vous reconnecter</label>
<textarea id="f-draft" rows="18" readonly spellcheck="false">${o.draft}</textarea>`
    : ''
}`,
  );
}

function template(who: ServiceAdmin): string {
  const siren = who.organisations === '*' ? '243500139' : (who.organisations[0] ?? '');
  // Filled in from the official list, whatever is typed here (official-authorities.ts).
  const authority = officialAuthority(siren) ?? { name: 'Ma collectivité', level: 'epci', code: siren, siren };
  return JSON.stringify(
    {
      id: 'nouveau-service',
      title: 'Nouveau service',
      description: 'Décrivez le service en quelques phrases simples.',
      authority,
      zone: { type: 'authority' },
      thematics: ['culture'],
      audiences: ['tous'],
      channels: [{ type: 'information', label: 'En savoir plus', url: 'https://www.example.fr/service' }],
      eligibility: { type: 'age', operator: '<=', value: 25 },
      notes: [],
      source: { name: 'Espace collectivités' },
      updatedAt: new Date().toISOString().slice(0, 10),
      published: false,
    },
    null,
    2,
  );
}

const FIELDS = {
  service: { id: 'f-service', label: 'Le service, au format du catalogue (JSON)' },
  profile: { id: 'f-profile', label: 'Profil d’essai (JSON)' },
} as const;

/** What to correct, first on the page and focused on load, each line leading to its field. */
function errorSummary(error: FormError | undefined): SafeHtml | '' {
  if (!error) return '';
  const field = FIELDS[error.field];
  return html`<div class="error-summary" role="alert" tabindex="-1" autofocus>
<h2>Il y a une erreur dans le formulaire</h2>
<ul><li><a href="#${field.id}">${field.label} : ${error.message}</a></li></ul></div>`;
}

/** A JSON text field; its hint outside the label, read once as its description, with its error. */
function jsonField(o: {
  name: FormError['field'];
  hint: string;
  rows: number;
  value: string;
  error: FormError | undefined;
}): SafeHtml {
  const { id, label } = FIELDS[o.name];
  const error = o.error?.field === o.name ? o.error.message : undefined;
  const describedBy = error ? `${id}-hint ${id}-error` : `${id}-hint`;
  return html`<label for="${id}">${label}</label>
<span class="hint" id="${id}-hint">${o.hint}</span>
${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : ''}
<textarea id="${id}" name="${o.name}" rows="${o.rows}" spellcheck="false" aria-describedby="${describedBy}"${
    error ? html` aria-invalid="true"` : ''
  }>${o.value}</textarea>`;
}

export function adminListPage(o: {
  services: Service[];
  csrf: string;
  who: ServiceAdmin;
  error?: FormError;
  draft?: string;
  audit?: AuditEntry[];
}): string {
  return adminPage(
    o.error ? 'Erreur – Mes services' : 'Mes services',
    html`<h1>Les services de ma collectivité</h1>
${errorSummary(o.error)}
${
  o.services.length
    ? html`<ul>${o.services.map(
        (s) =>
          html`<li><a href="/espace-collectivites/services/${encodeURIComponent(s.id)}">${s.title}</a> – ${s.published ? 'publié' : 'brouillon'}</li>`,
      )}</ul>`
    : html`<p>Aucun service pour l’instant.</p>`
}
<h2>Nouveau service</h2>
<form method="post" action="/espace-collectivites/services">${csrfInput(o.csrf)}
${jsonField({
  name: 'service',
  hint: 'Les règles d’éligibilité sont dans « eligibility ».',
  rows: 18,
  value: o.draft ?? template(o.who),
  error: o.error,
})}
<button type="submit">Créer le service</button></form>
${
  o.audit?.length
    ? html`<h2>Dernières modifications</h2><ul>${o.audit
        .slice(0, 20)
        .map(
          (e) => html`<li>${whenDone(e.createdAt)} – ${e.actor} – ${ACTIONS[e.action] ?? e.action} – ${e.target}</li>`,
        )}</ul>
<p><a href="/espace-collectivites/journal">Tout le journal des modifications</a></p>`
    : ''
}`,
  );
}

export type AuditEntry = { actor: string; action: string; target: string; createdAt: number };

/** What each recorded action did, as the journal says it. */
const ACTIONS: Record<string, string> = {
  'service.created': 'création',
  'service.updated': 'modification',
  'service.published': 'publication',
  'service.unpublished': 'retrait de la publication',
};

const whenDone = (at: number) =>
  new Date(at).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });

/** Every recorded change to the services this administrator may edit, newest first. */
export function adminJournalPage(entries: AuditEntry[]): string {
  return adminPage(
    'Journal des modifications',
    html`<h1>Journal des modifications</h1>
<p><a href="/espace-collectivites">Retour à mes services</a></p>
${
  entries.length
    ? html`<table class="stacked-table"><caption>Les ${entries.length === 1 ? 'modification' : `${entries.length} dernières modifications`} des services de vos collectivités, de la plus récente à la plus ancienne</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Par</th><th scope="col">Action</th><th scope="col">Service</th></tr></thead>
<tbody>${entries.map(
        (e) =>
          html`<tr><td data-label="Date">${whenDone(e.createdAt)}</td><td data-label="Par">${e.actor}</td><td data-label="Action">${ACTIONS[e.action] ?? e.action}</td><td data-label="Service"><a href="/espace-collectivites/services/${encodeURIComponent(e.target)}">${e.target}</a></td></tr>`,
      )}</tbody></table>`
    : html`<p>Aucune modification pour l’instant.</p>`
}`,
  );
}

function reasons(list: Reason[] | undefined): SafeHtml {
  if (!list?.length) return html``;
  return html`<ul>${list.map((r) => html`<li>${r.text}${reasons(r.children)}</li>`)}</ul>`;
}

const STATUS = { eligible: 'éligible', ineligible: 'non éligible', unknown: 'à vérifier' } as const;

/** What the page confirms after a change (`?ok=` of the redirect): for the title, and in full. */
export const CONFIRMATIONS = {
  cree: ['Service créé', 'Service créé. Il reste un brouillon, invisible des habitants, tant qu’il n’est pas publié.'],
  enregistre: ['Modifications enregistrées', 'Modifications enregistrées.'],
  publie: ['Service publié', 'Service publié : il apparaît maintenant dans mes-services.'],
  depublie: ['Service dépublié', 'Service dépublié : il n’apparaît plus dans mes-services.'],
} as const;
export type Confirmation = keyof typeof CONFIRMATIONS;

export function adminServicePage(o: {
  service: Service;
  csrf: string;
  error?: FormError;
  done?: Confirmation;
  draft?: string;
  profile?: string;
  preview?: MatchResult;
}): string {
  const base = `/espace-collectivites/services/${encodeURIComponent(o.service.id)}`;
  const draft = o.draft ?? JSON.stringify(o.service, null, 2);
  const done = o.done && !o.error ? CONFIRMATIONS[o.done] : undefined;
  const title = o.error
    ? `Erreur – ${o.service.title}`
    : done
      ? `${done[0]} – ${o.service.title}`
      : o.preview
        ? `Résultat : ${STATUS[o.preview.status]} – ${o.service.title}`
        : o.service.title;
  return adminPage(
    title,
    html`<h1>${o.service.title}</h1>
${done ? html`<p class="notice" role="status">${done[1]}</p>` : ''}
${errorSummary(o.error)}
<p>État : <strong>${o.service.published ? 'publié' : 'brouillon'}</strong>
${o.service.published ? html`– <a href="/services/${encodeURIComponent(o.service.id)}">voir la fiche dans mes-services</a>` : ''}</p>
<form method="post" action="${base}/${o.service.published ? 'unpublish' : 'publish'}">${csrfInput(o.csrf)}
<button type="submit"${o.service.published ? html` class="secondary"` : ''}>${o.service.published ? 'Dépublier' : 'Publier'}</button></form>
<form method="post" action="${base}">${csrfInput(o.csrf)}
${jsonField({
  name: 'service',
  hint: 'Les règles d’éligibilité sont dans « eligibility ».',
  rows: 22,
  value: draft,
  error: o.error,
})}
<button type="submit">Enregistrer</button>
<h2>Aperçu pour un profil</h2>
${jsonField({
  name: 'profile',
  hint: 'Par exemple {"birthdate":"2005-03-01","bzh_commune":"35238"}',
  rows: 4,
  value: o.profile ?? '{"birthdate":"2005-03-01","bzh_commune":"35238"}',
  error: o.error,
})}
<button type="submit" formaction="${base}/preview" class="secondary">Voir le résultat</button>
</form>
${
  o.preview
    ? html`<section aria-labelledby="preview-title" role="status"><h2 id="preview-title">Résultat : ${STATUS[o.preview.status]}</h2>
${o.preview.missing.length ? html`<p>Il manque : ${o.preview.missing.map((m) => `${m.claim} (${m.scope})`).join(', ')}</p>` : ''}
${reasons(o.preview.reasons)}</section>`
    : ''
}
<p><a href="/espace-collectivites">Retour à mes services</a></p>`,
  );
}
