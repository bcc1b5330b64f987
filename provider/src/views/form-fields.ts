// Accessible form building blocks: labels tied to inputs, hints and errors announced through
// aria-describedby (outside the label, so they are not read twice), an error summary that
// links to each field and takes the focus when the page loads.
import { html, type SafeHtml } from '../../../platform/html.ts';

export type FieldOptions = {
  name: string;
  /** SafeHtml for a label holding a foreign term marked with its language (RGAA 8.7). */
  label: string | SafeHtml;
  type?: 'text' | 'email' | 'password' | 'date' | 'tel' | 'number';
  value?: string;
  error?: string;
  hint?: string;
  autocomplete?: string;
  required?: boolean;
  inputmode?: 'numeric' | 'tel' | 'email';
  autofocus?: boolean;
  /** The id of an error shown for a group of fields (an address): this one is invalid too. */
  groupError?: string;
};

export function field(o: FieldOptions): SafeHtml {
  const id = `f-${o.name}`;
  const described = [o.hint ? `${id}-hint` : '', o.error ? `${id}-error` : '', o.groupError ?? '']
    .filter(Boolean)
    .join(' ');
  return html`<div class="field">
<label for="${id}">${o.label}</label>
${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
${o.error ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">Erreur : </span>${o.error}</p>` : ''}
<input id="${id}" name="${o.name}" type="${o.type ?? 'text'}"${o.value ? html` value="${o.value}"` : ''}${
    o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''
  }${o.required ? html` required` : ''}${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}${
    described ? html` aria-describedby="${described}"` : ''
  }${o.error || o.groupError ? html` aria-invalid="true"` : ''}${o.autofocus ? html` autofocus` : ''}>
</div>`;
}

export type SelectOptions = {
  name: string;
  label: string;
  options: Record<string, string>;
  value?: string;
  error?: string;
  hint?: string;
  emptyLabel?: string;
};

export function select(o: SelectOptions): SafeHtml {
  const id = `f-${o.name}`;
  const described = [o.hint ? `${id}-hint` : '', o.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field">
<label for="${id}">${o.label}</label>
${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
${o.error ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">Erreur : </span>${o.error}</p>` : ''}
<select id="${id}" name="${o.name}"${described ? html` aria-describedby="${described}"` : ''}${
    o.error ? html` aria-invalid="true"` : ''
  }>
<option value="">${o.emptyLabel ?? 'Non renseigné'}</option>
${Object.entries(o.options).map(
  ([value, label]) => html`<option value="${value}"${value === o.value ? html` selected` : ''}>${label}</option>`,
)}
</select>
</div>`;
}

/** `targets`: the id of the field to link to when it is not `f-<name>` (a group, a search). */
export function errorSummary(
  errors: Record<string, string | undefined>,
  labels: Record<string, string | SafeHtml>,
  targets: Record<string, string> = {},
): SafeHtml {
  const entries = Object.entries(errors).filter(([, message]) => message);
  if (entries.length === 0) return html``;
  // autofocus: a screen reader announces the summary as the page loads, a keyboard starts there.
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
<h2 id="error-summary-title">Il y a ${entries.length === 1 ? 'un problème' : `${entries.length} problèmes`}</h2>
<ul>${entries.map(
    ([name, message]) =>
      html`<li><a href="#${targets[name] ?? `f-${name}`}">${labels[name] ?? name} : ${message}</a></li>`,
  )}</ul>
</div>`;
}

export function csrfInput(token: string): SafeHtml {
  return html`<input type="hidden" name="csrf" value="${token}">`;
}

/** Said before a form whose fields are all required (RGAA 11.10: required fields indicated in text). */
export const allFieldsRequired = html`<p class="hint">Tous les champs sont obligatoires.</p>`;

/** True when a page shows errors: its summary takes the focus, no field does. */
export const hasErrors = (errors: Record<string, string | undefined>) => Object.values(errors).some(Boolean);
