// The console's forms: each field is named after its form ("new-client-name", so its id is
// "f-new-client-name"), which keeps ids unique on a page holding several forms, and a form
// sent back with errors keeps what was typed and shows each error at its field.
import { html, type SafeHtml } from '../../../platform/html.ts';
import { errorSummary, field, type FieldOptions } from '../views/form-fields.ts';

// Protocol terms stay in English, as the developers who fill these forms know them, marked as
// such for screen readers (RGAA 8.7).
const SCOPES_LABEL = html`<span lang="en">Scopes</span> autorisés (facultatif)`;
const BACKCHANNEL_LABEL = html`Adresse de déconnexion <span lang="en">back-channel</span> (facultatif)`;

/** The labels of each form's fields: beside the field and in the error summary. */
export const FORMS = {
  open: { siren: 'Ouvrir une collectivité (administration de la plateforme)' },
  'new-client': {
    name: 'Nom présenté aux habitants',
    redirect_uris: 'Adresses de retour (une par ligne)',
    scopes: SCOPES_LABEL,
    backchannel_logout_uri: BACKCHANNEL_LABEL,
  },
  client: {
    name: 'Nom',
    redirect_uris: 'Adresses de retour (une par ligne)',
    scopes: SCOPES_LABEL,
    backchannel_logout_uri: BACKCHANNEL_LABEL,
  },
  'new-terminal': {
    name: 'Nom de la borne',
    jwks: 'Clé publique de la borne (JWKS)',
    pair: 'Elle peut lier des cartes (accueil)',
  },
  'new-admin': { email: 'Ajouter un administrateur (adresse de son compte mon-compte.bzh)' },
} as const;

export type ConsoleForm = keyof typeof FORMS;
type FieldOf<F extends ConsoleForm> = keyof (typeof FORMS)[F] & string;

/** A form sent back: what was typed (secrets left out) and the errors, by field. */
export type FormState = { form: ConsoleForm; values: Record<string, string>; errors: Record<string, string> };

export const fieldName = (form: ConsoleForm, name: string) => `${form}-${name}`;

/** The values a form posted, by the field names of FORMS. */
export function posted<F extends ConsoleForm>(form: F, body: URLSearchParams): Record<FieldOf<F>, string> {
  return Object.fromEntries(
    Object.keys(FORMS[form]).map((name) => [name, body.get(fieldName(form, name)) ?? '']),
  ) as Record<FieldOf<F>, string>;
}

/** The summary at the top of a page whose form came back with errors; it takes the focus. */
export function formErrorSummary(state: FormState | undefined): SafeHtml {
  if (!state) return html``;
  const labels: Record<string, string | SafeHtml> = FORMS[state.form];
  const key = (name: string) => fieldName(state.form, name);
  return errorSummary(
    Object.fromEntries(Object.entries(state.errors).map(([name, message]) => [key(name), message])),
    Object.fromEntries(Object.entries(labels).map(([name, label]) => [key(name), label])),
  );
}

type Shown = { value?: string; error?: string };
/** What to show in a field: what was typed if its form came back, or else the current value. */
const shown = (state: FormState | undefined, form: ConsoleForm, name: string, current?: string): Shown =>
  state?.form === form ? { value: state.values[name], error: state.errors[name] } : { value: current };

export function consoleInput<F extends ConsoleForm>(
  state: FormState | undefined,
  form: F,
  name: FieldOf<F>,
  o: Omit<FieldOptions, 'name' | 'label' | 'value' | 'error'> & { current?: string } = {},
): SafeHtml {
  const { current, ...options } = o;
  const label = FORMS[form][name] as string | SafeHtml;
  return field({ ...options, name: fieldName(form, name), label, ...shown(state, form, name, current) });
}

/** A multi-line field, built like the shared `field` (label, hint, error, aria-describedby). */
export function consoleTextarea<F extends ConsoleForm>(
  state: FormState | undefined,
  form: F,
  name: FieldOf<F>,
  o: { hint?: string; rows: number; current?: string; spellcheck?: boolean },
): SafeHtml {
  const id = `f-${fieldName(form, name)}`;
  const { value, error } = shown(state, form, name, o.current);
  const described = [o.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  // The line break after <textarea> is eaten by the parser, so a value starting with one keeps it.
  return html`<div class="field">
<label for="${id}">${FORMS[form][name] as string}</label>
${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
${error ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">Erreur : </span>${error}</p>` : ''}
<textarea id="${id}" name="${fieldName(form, name)}" rows="${o.rows}"${o.spellcheck === false ? html` spellcheck="false"` : ''}${
    described ? html` aria-describedby="${described}"` : ''
  }${error ? html` aria-invalid="true"` : ''}>
${value ?? ''}</textarea>
</div>`;
}

export function consoleCheckbox<F extends ConsoleForm>(
  state: FormState | undefined,
  form: F,
  name: FieldOf<F>,
): SafeHtml {
  const id = `f-${fieldName(form, name)}`;
  const { value, error } = shown(state, form, name);
  return html`${error ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">Erreur : </span>${error}</p>` : ''}
<label class="checkbox" for="${id}"><input type="checkbox" id="${id}" name="${fieldName(form, name)}" value="yes"${
    value === 'yes' ? html` checked` : ''
  }${error ? html` aria-describedby="${id}-error" aria-invalid="true"` : ''}> <span>${FORMS[form][name] as string}</span></label>`;
}
