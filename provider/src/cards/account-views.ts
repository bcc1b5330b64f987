// "Ma carte KorriGo" in the account centre: status, history, pairing, loss, unlinking, and
// which organisations' terminals may recognise the card, with what.
import { html } from '../../../platform/html.ts';
import { csrfInput } from '../views/form-fields.ts';
import { accountPage } from '../account/views.ts';
import type { Card, CardEvent } from '../../../db/repos/cards-repo.ts';
import type { Organisation } from '../../../db/repos/organisations-repo.ts';
import { CARD_ATTRIBUTES } from './attributes.ts';

const date = (ms: number) =>
  new Date(ms).toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

const EVENT_LABELS: Record<string, string> = {
  linked: 'Carte liée',
  lost: 'Carte déclarée perdue',
  unlinked: 'Carte déliée',
  recognised: 'Carte reconnue',
};

const STATUS_LABELS = { active: 'active', lost: 'bloquée (déclarée perdue)', unlinked: 'déliée' } as const;

export function cardPage(o: {
  csrf: string;
  card?: Card;
  history: (CardEvent & { organisation?: string })[];
  organisations: { organisation: Organisation; attributes: string[] | null }[];
  code?: string;
  flash?: string;
}): string {
  return accountPage({
    title: 'Ma carte KorriGo',
    current: '/account/card',
    flash: o.flash,
    body: html`<h1>Ma carte KorriGo</h1>
${
  o.code
    ? html`<div class="notice" role="status"><p>Présentez votre carte à la borne et saisissez ce code :</p>
<p class="pairing-code"><span aria-hidden="true">${o.code.slice(0, 4)} ${o.code.slice(4)}</span><span class="visually-hidden">Code : ${[...o.code].join(' ')}</span></p>
<p>Il est valable 10 minutes et ne sert qu’une fois.</p></div>`
    : ''
}
${
  o.card
    ? html`<p>Votre carte est <strong>${STATUS_LABELS[o.card.status]}</strong> depuis le ${date(o.card.createdAt)}.</p>
${
  o.card.status === 'active'
    ? html`<form method="post" action="/account/card/lost">${csrfInput(o.csrf)}
<button type="submit" class="danger">Carte perdue ou volée : la bloquer</button></form>`
    : ''
}
<form method="post" action="/account/card/unlink">${csrfInput(o.csrf)}<button type="submit" class="secondary">Délier cette carte</button></form>`
    : html`<p>Aucune carte n’est liée à votre compte.</p>`
}
<form method="post" action="/account/card/pairing-code">${csrfInput(o.csrf)}
<button type="submit">${o.card ? 'Lier une nouvelle carte KorriGo' : 'Lier ma carte KorriGo'}</button></form>

<h2>Qui peut reconnaître ma carte</h2>
<p>Les bornes d’une collectivité (médiathèques, piscines, déchetteries) ne reconnaissent votre carte que si vous l’autorisez ici.
Elles reçoivent un identifiant propre à cette collectivité, jamais le numéro de la carte, et seulement les informations cochées.</p>
${o.organisations.map(
  ({ organisation, attributes }) => html`<form method="post" action="/account/card/consent" class="card">
${csrfInput(o.csrf)}<input type="hidden" name="organisation" value="${organisation.siren}">
<fieldset><legend>${organisation.name}</legend>
<label class="checkbox" for="allow-${organisation.siren}"><input type="checkbox" id="allow-${organisation.siren}" name="allow" value="yes"${
    attributes ? html` checked` : ''
  }> <span>Autoriser ses bornes à reconnaître ma carte</span></label>
${Object.entries(CARD_ATTRIBUTES).map(
  ([id, label]) =>
    html`<label class="checkbox" for="${id}-${organisation.siren}"><input type="checkbox" id="${id}-${organisation.siren}" name="attr" value="${id}"${
      attributes?.includes(id) ? html` checked` : ''
    }> <span>Transmettre : ${label}</span></label>`,
)}
</fieldset>
<button type="submit" class="secondary">Enregistrer pour ${organisation.name}</button>
</form>`,
)}
<h2>Historique</h2>
${
  o.history.length
    ? html`<ul>${o.history.map((e) => html`<li>${date(e.createdAt)} : ${EVENT_LABELS[e.type] ?? e.type}${e.organisation ? html` (${e.organisation})` : ''}</li>`)}</ul>`
    : html`<p>Aucun événement.</p>`
}`,
  });
}
