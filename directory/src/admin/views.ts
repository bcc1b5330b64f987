// Pages of the "Espace collectivités": the catalogue's rules are edited as data (JSON, checked
// against the catalogue schema) with a preview of the result for a sample profile.
import { html, SafeHtml } from '../../../platform/html.ts';
import type { Service } from '../catalogue/model.ts';
import type { MatchResult, Reason } from '../eligibility/index.ts';
import type { ServiceAdmin } from './services-admin.ts';

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

function template(who: ServiceAdmin): string {
  const siren = who.organisations === '*' ? '243500139' : (who.organisations[0] ?? '');
  return JSON.stringify(
    {
      id: 'nouveau-service',
      title: 'Nouveau service',
      description: 'Décrivez le service en quelques phrases simples.',
      authority: { name: 'Ma collectivité', level: 'epci', code: siren, siren },
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

export function adminListPage(o: {
  services: Service[];
  csrf: string;
  who: ServiceAdmin;
  error?: string;
  draft?: string;
  audit?: { actor: string; action: string; target: string; createdAt: number }[];
}): string {
  return adminPage(
    o.error ? 'Erreur – Mes services' : 'Mes services',
    html`<h1>Les services de ma collectivité</h1>
${o.error ? html`<div class="error-summary" role="alert"><p>${o.error}</p></div>` : ''}
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
<label for="f-service">Le service, au format du catalogue (JSON)<span class="hint">Les règles d’éligibilité sont dans « eligibility ».</span></label>
<textarea id="f-service" name="service" rows="18">${o.draft ?? template(o.who)}</textarea>
<button type="submit">Créer le service</button></form>
${
  o.audit?.length
    ? html`<h2>Dernières modifications</h2><ul>${o.audit
        .slice(0, 20)
        .map(
          (e) =>
            html`<li>${new Date(e.createdAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })} – ${e.actor} – ${e.action} – ${e.target}</li>`,
        )}</ul>`
    : ''
}`,
  );
}

function reasons(list: Reason[] | undefined): SafeHtml {
  if (!list?.length) return html``;
  return html`<ul>${list.map((r) => html`<li>${r.text}${reasons(r.children)}</li>`)}</ul>`;
}

const STATUS = { eligible: 'éligible', ineligible: 'non éligible', unknown: 'à vérifier' } as const;

export function adminServicePage(o: {
  service: Service;
  csrf: string;
  error?: string;
  draft?: string;
  profile?: string;
  preview?: MatchResult;
}): string {
  const base = `/espace-collectivites/services/${encodeURIComponent(o.service.id)}`;
  const draft = o.draft ?? JSON.stringify(o.service, null, 2);
  return adminPage(
    o.error ? `Erreur – ${o.service.title}` : o.service.title,
    html`<h1>${o.service.title}</h1>
<p>État : <strong>${o.service.published ? 'publié' : 'brouillon'}</strong>
${o.service.published ? html`– <a href="/api/services/${encodeURIComponent(o.service.id)}">voir dans mes-services</a>` : ''}</p>
${o.error ? html`<div class="error-summary" role="alert"><p>${o.error}</p></div>` : ''}
<form method="post" action="${base}/${o.service.published ? 'unpublish' : 'publish'}">${csrfInput(o.csrf)}
<button type="submit"${o.service.published ? html` class="secondary"` : ''}>${o.service.published ? 'Dépublier' : 'Publier'}</button></form>
<form method="post" action="${base}">${csrfInput(o.csrf)}
<label for="f-service">Le service (JSON)</label>
<textarea id="f-service" name="service" rows="22">${draft}</textarea>
<button type="submit">Enregistrer</button>
<h2>Aperçu pour un profil</h2>
<label for="f-profile">Profil d’essai (JSON)<span class="hint">Par exemple {"birthdate":"2005-03-01","bzh_commune":"35238"}</span></label>
<textarea id="f-profile" name="profile" rows="4">${o.profile ?? '{"birthdate":"2005-03-01","bzh_commune":"35238"}'}</textarea>
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
