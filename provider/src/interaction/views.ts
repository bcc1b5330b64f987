// The pages of the login and consent journey. Plain HTML forms: they work without JavaScript.
import { html, type SafeHtml } from '../../../platform/html.ts';
import { loginFormPath } from '../oidc/interactions.ts';
import { page } from '../views/layout.ts';
import { allFieldsRequired, csrfInput, errorSummary, field, hasErrors, select } from '../views/form-fields.ts';
import { ACTIVITIES, STUDY_LEVELS } from '../profile/attributes.ts';
import type { EditableField } from '../profile/profile-form.ts';
import type { Profile } from '../profile/profile.ts';
import type { Commune } from '../../../territory/territory.ts';

export type AppInfo = { name: string; organisation?: string };

function appLine(app: AppInfo): SafeHtml {
  return html`<p class="notice">pour accéder à <strong>${app.name}</strong>${
    app.organisation ? html` (${app.organisation})` : ''
  }</p>`;
}

function titleWithErrors(title: string, errors: Record<string, string | undefined>): string {
  return Object.values(errors).some(Boolean) ? `Erreur – ${title}` : title;
}

export function loginPage(o: {
  uid: string;
  app: AppInfo;
  csrf: string;
  email?: string;
  error?: string;
  throttled?: number;
}): string {
  const errors = { email: o.error };
  const minutes = o.throttled ? Math.ceil(o.throttled / 60) : 0;
  // With an error shown, the summary takes the focus; otherwise the first field to fill does.
  const calm = !o.throttled && !hasErrors(errors);
  return page({
    title: o.throttled ? 'Erreur – Trop de tentatives – Se connecter' : titleWithErrors('Se connecter', errors),
    body: html`<h1>Se connecter</h1>
${appLine(o.app)}
${
  o.throttled
    ? html`<div class="error-summary" role="alert" aria-labelledby="throttled-title" tabindex="-1" autofocus>
<h2 id="throttled-title">Trop de tentatives de connexion</h2>
<p>Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}, ou <a href="/interaction/${o.uid}/register">créez un compte</a>.</p></div>`
    : errorSummary(errors, { email: 'Connexion' })
}
${allFieldsRequired}
<form method="post" action="${loginFormPath(o.uid)}" novalidate>
${csrfInput(o.csrf)}
${field({ name: 'email', label: 'Adresse électronique', type: 'email', value: o.email, autocomplete: 'username', required: true, error: o.error, autofocus: calm && !o.email })}
${field({ name: 'password', label: 'Mot de passe', type: 'password', autocomplete: 'current-password', required: true, autofocus: calm && Boolean(o.email) })}
<div class="actions"><button type="submit">Se connecter</button></div>
</form>
<p><a href="/password/forgot">Mot de passe oublié ?</a></p>
<p>Pas encore de compte ? <a href="/interaction/${o.uid}/register">Créer mon compte mon-compte.bzh</a></p>
${abortForm(o.uid, o.csrf, o.app)}`,
  });
}

export function registerPage(o: {
  uid: string;
  app: AppInfo;
  csrf: string;
  email?: string;
  errors?: { email?: string; password?: string };
}): string {
  const errors = o.errors ?? {};
  return page({
    title: titleWithErrors('Créer mon compte', errors),
    body: html`<h1>Créer mon compte</h1>
${appLine(o.app)}
${errorSummary(errors, { email: 'Adresse électronique', password: 'Mot de passe' })}
${allFieldsRequired}
<form method="post" action="/interaction/${o.uid}/register" novalidate>
${csrfInput(o.csrf)}
${field({ name: 'email', label: 'Adresse électronique', type: 'email', value: o.email, autocomplete: 'email', required: true, error: errors.email, autofocus: !hasErrors(errors) })}
${field({
  name: 'password',
  label: 'Mot de passe',
  type: 'password',
  autocomplete: 'new-password',
  required: true,
  error: errors.password,
  hint: 'Au moins 12 caractères. Une phrase de plusieurs mots, facile à retenir, convient très bien.',
})}
<div class="actions"><button type="submit">Créer mon compte</button></div>
</form>
<p>Déjà un compte ? <a href="/interaction/${o.uid}">Se connecter</a></p>
${abortForm(o.uid, o.csrf, o.app)}`,
  });
}

export type ConsentView = {
  id: string;
  label: string;
  value?: string;
  essential: boolean;
  sensitive: boolean;
  editable: boolean;
};

export function consentPage(o: {
  uid: string;
  app: AppInfo;
  csrf: string;
  email: string;
  items: ConsentView[];
  /** What a role scope releases (not a profile attribute), shown as sentences. */
  roles?: string[];
  offline: boolean;
  /** By attribute id: a sensitive attribute the app requires and the citizen left unticked. */
  errors?: Record<string, string>;
}): string {
  const errors = o.errors ?? {};
  const missing = o.items.filter((i) => !i.value && i.editable);
  const value = (item: ConsentView) =>
    html`<span class="consent-value" id="c-${item.id}-value">${item.value ?? 'Non renseigné'}</span>`;
  const labels = Object.fromEntries(o.items.map((item) => [item.id, item.label]));
  const targets = Object.fromEntries(o.items.map((item) => [item.id, `c-${item.id}`]));
  const describedBy = (item: ConsentView) =>
    [`c-${item.id}-value`, item.essential && `c-${item.id}-essential`, errors[item.id] && `c-${item.id}-error`]
      .filter(Boolean)
      .join(' ');
  return page({
    title: titleWithErrors('Autoriser le partage', errors),
    body: html`<h1>${o.app.name} demande à accéder à vos informations</h1>
<p>${o.app.organisation ? html`Cette application de <strong>${o.app.organisation}</strong>` : 'Cette application'}
souhaite recevoir les informations ci-dessous. Décochez celles que vous ne voulez pas partager.</p>
<p class="hint">Connecté en tant que ${o.email}.</p>
${errorSummary(errors, labels, targets)}
${
  missing.length
    ? html`<p>Certaines informations ne sont pas encore renseignées.
<a href="/interaction/${o.uid}/profile">Compléter mon profil</a> avant de répondre.</p>`
    : ''
}
<form method="post" action="/interaction/${o.uid}/consent">
${csrfInput(o.csrf)}
<fieldset>
<legend>Informations demandées</legend>
<ul class="consent-list">
${o.items.map((item) =>
  // Essential and not sensitive: always shared, so a sentence rather than a box that cannot be
  // unticked (a disabled box is skipped by the keyboard). A sensitive one is always a box the
  // citizen ticks themselves.
  item.essential && !item.sensitive
    ? html`<li><p class="consent-required">${item.label}<span class="tag">obligatoire pour cette application</span></p>
<input type="hidden" name="attr" value="${item.id}">
${value(item)}</li>`
    : html`<li>${
        errors[item.id]
          ? html`<p class="field-error" id="c-${item.id}-error"><span class="visually-hidden">Erreur : </span>${errors[item.id]}</p>`
          : ''
      }<label class="checkbox" for="c-${item.id}">
<input type="checkbox" id="c-${item.id}" name="attr" value="${item.id}"${item.sensitive ? '' : html` checked`}${
        errors[item.id] ? html` aria-invalid="true"` : ''
      } aria-describedby="${describedBy(item)}">
<span>${item.label}${item.essential ? html`<span class="tag" id="c-${item.id}-essential">obligatoire pour cette application</span>` : ''}${
        item.sensitive ? html`<span class="tag">donnée sensible</span>` : ''
      }</span></label>
${value(item)}</li>`,
)}
${(o.roles ?? []).map((role) => html`<li><p class="consent-required">${role}</p></li>`)}
</ul>
</fieldset>
${o.offline ? html`<p>L’application pourra continuer à utiliser ces informations quand vous n’êtes pas connecté, jusqu’à ce que vous révoquiez son accès.</p>` : ''}
<p class="hint">Vous pourrez retirer cet accès à tout moment depuis votre compte.</p>
<div class="actions">
<button type="submit" name="decision" value="accept">Autoriser</button>
<button type="submit" name="decision" value="refuse" class="secondary">Refuser</button>
</div>
</form>`,
  });
}

export type ProfileFormOptions = {
  action: string;
  cancelHref: string;
  intro?: SafeHtml;
  csrf: string;
  fields: EditableField[];
  profile: Profile;
  errors?: Record<string, string>;
  communeCandidates?: Commune[];
  form?: URLSearchParams;
};

/** The profile form alone, for the interaction page and the account centre. */
export function profileForm(o: ProfileFormOptions): SafeHtml {
  const errors = o.errors ?? {};
  const value = (name: string, stored?: string | number) =>
    o.form?.get(name) ?? (stored === undefined ? '' : String(stored));
  const labels: Record<string, string> = {
    given_name: 'Prénom',
    family_name: 'Nom de famille',
    preferred_username: 'Nom d’usage ou pseudonyme',
    phone_number: 'Téléphone',
    address: 'Adresse postale',
    birthdate: 'Date de naissance',
    bzh_commune: 'Commune de résidence',
    bzh_household_size: 'Nombre de personnes du foyer',
    bzh_children_birthyears: 'Années de naissance des enfants',
    bzh_quotient_familial: 'Quotient familial CAF',
    bzh_activity: 'Situation',
    bzh_study_level: 'Niveau d’études',
    bzh_boursier: 'Boursier ou boursière',
    bzh_disability_rate: 'Taux d’incapacité reconnu',
  };
  const p = o.profile;
  const render = (name: EditableField): SafeHtml => {
    const common = { name, label: labels[name]!, error: errors[name] };
    switch (name) {
      case 'given_name':
        return field({ ...common, value: value(name, p.given_name), autocomplete: 'given-name' });
      case 'family_name':
        return field({ ...common, value: value(name, p.family_name), autocomplete: 'family-name' });
      case 'preferred_username':
        return field({ ...common, value: value(name, p.preferred_username), autocomplete: 'nickname' });
      case 'phone_number':
        return field({
          ...common,
          type: 'tel',
          value: value(name, p.phone_number),
          autocomplete: 'tel',
          hint: 'Par exemple 06 12 34 56 78.',
        });
      case 'birthdate':
        return field({
          ...common,
          type: 'date',
          value: value(name, p.birthdate),
          autocomplete: 'bday',
          hint: 'Par exemple 14/07/1990.',
        });
      case 'address': {
        // The summary links to the first field; every field of the group is marked invalid.
        const groupError = errors.address ? 'f-address-error' : undefined;
        return html`<fieldset><legend>${labels.address}</legend>
${errors.address ? html`<p class="field-error" id="f-address-error"><span class="visually-hidden">Erreur : </span>${errors.address}</p>` : ''}
${field({ name: 'address_street', label: 'Numéro et rue', value: value('address_street', p.address?.street_address), autocomplete: 'street-address', groupError })}
${field({ name: 'address_postal_code', label: 'Code postal', value: value('address_postal_code', p.address?.postal_code), autocomplete: 'postal-code', inputmode: 'numeric', hint: 'Cinq chiffres, par exemple 35000.', groupError })}
${field({ name: 'address_locality', label: 'Commune', value: value('address_locality', p.address?.locality), autocomplete: 'address-level2', groupError })}
</fieldset>`;
      }
      case 'bzh_commune':
        return o.communeCandidates?.length
          ? html`<fieldset aria-describedby="f-bzh_commune-error"><legend>${labels.bzh_commune}</legend>
<p class="field-error" id="f-bzh_commune-error"><span class="visually-hidden">Erreur : </span>${errors.bzh_commune}</p>
${o.communeCandidates.map(
  (c, i) =>
    html`<label class="checkbox" for="${i === 0 ? 'f-bzh_commune' : `commune-${c.code}`}"><input type="radio" id="${
      i === 0 ? 'f-bzh_commune' : `commune-${c.code}`
    }" name="bzh_commune" value="${c.code}"> <span>${c.name} (${c.postalCodes.join(', ')})</span></label>`,
)}
${field({
  name: 'bzh_commune_query',
  label: 'Aucune de ces communes ? Précisez votre recherche',
  value: value('bzh_commune_query'),
  autocomplete: 'address-level2',
  hint: 'Le nom de votre commune ou son code postal, par exemple Rennes ou 35000.',
})}
</fieldset>`
          : field({
              name: 'bzh_commune_query',
              label: labels.bzh_commune!,
              autocomplete: 'address-level2',
              error: errors.bzh_commune,
              value: value('bzh_commune_query', p.bzh_commune),
              hint: 'Le nom de votre commune ou son code postal, par exemple Rennes ou 35000.',
            });
      case 'bzh_household_size':
        return field({
          ...common,
          inputmode: 'numeric',
          value: value(name, p.bzh_household_size),
          hint: 'Vous compris.',
        });
      case 'bzh_children_birthyears':
        return field({
          ...common,
          value: value(name, p.bzh_children_birthyears?.join(', ')),
          hint: 'Séparées par des virgules, par exemple 2012, 2015.',
        });
      case 'bzh_quotient_familial':
        return field({
          ...common,
          inputmode: 'numeric',
          value: value(name, p.bzh_quotient_familial),
          hint: 'En euros par mois, tel qu’indiqué par la CAF.',
        });
      case 'bzh_disability_rate':
        return field({
          ...common,
          inputmode: 'numeric',
          value: value(name, p.bzh_disability_rate),
          hint: 'En pourcentage, de 0 à 100, tel qu’indiqué par la MDPH.',
        });
      case 'bzh_activity':
        return select({ ...common, options: ACTIVITIES, value: value(name, p.bzh_activity) });
      case 'bzh_study_level':
        return select({ ...common, options: STUDY_LEVELS, value: value(name, p.bzh_study_level) });
      case 'bzh_boursier':
        return select({
          ...common,
          options: { oui: 'Oui', non: 'Non' },
          value: value(name, p.bzh_boursier === undefined ? undefined : p.bzh_boursier ? 'oui' : 'non'),
        });
    }
  };
  const targets = {
    address: 'f-address_street',
    bzh_commune: o.communeCandidates?.length ? 'f-bzh_commune' : 'f-bzh_commune_query',
  };
  return html`${errorSummary(errors, labels, targets)}
${o.intro ?? ''}
<form method="post" action="${o.action}" novalidate>
${csrfInput(o.csrf)}
${o.fields.map(render)}
<div class="actions"><button type="submit">Enregistrer</button>
<a class="button secondary" href="${o.cancelHref}">Revenir sans enregistrer</a></div>
</form>`;
}

export function profilePage(o: ProfileFormOptions): string {
  return page({
    title: titleWithErrors('Compléter mon profil', o.errors ?? {}),
    body: html`<h1>Compléter mon profil</h1>
<p>Ces informations sont enregistrées dans votre compte : vous n’aurez plus à les saisir. Aucune n’est transmise sans votre accord.</p>
<p class="hint">Pour votre sécurité, une connexion en cours expire au bout de 30 minutes : si c’est le cas, recommencez depuis l’application. Prenez le temps qu’il vous faut dans <a href="/account/profile">votre compte</a>, où rien n’expire.</p>
${profileForm(o)}`,
  });
}

function abortForm(uid: string, csrf: string, app: AppInfo): SafeHtml {
  return html`<form method="post" action="/interaction/${uid}/abort">
${csrfInput(csrf)}
<button type="submit" class="link-button">Annuler et revenir à ${app.name}</button>
</form>`;
}
