// oidc-provider answers some steps with a page of its own that posts a form by script: the
// authorization response when an app asks for response_mode=form_post (ASP.NET's default), a
// logout without a signed-in account, a login that switches accounts. That page is in English,
// has no lang, no viewport, and shows an English button only to browsers without JavaScript.
// This middleware rewrites it into a page of the site: in French, the same form and the same
// inline script (oidc-provider already added its hash to the CSP), and a button always shown,
// for a browser without JavaScript or a script that did not run.
import type { Context, Next } from 'koa';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { html, SafeHtml, unescapeHtml } from '../../../platform/html.ts';
import { page } from '../views/layout.ts';

/** The parts of oidc-provider's page (lib/response_modes/form_post.js) that carry meaning. */
type FormPost = { action: string; inputs: [name: string, value: string][]; script: string };

export async function frenchFormPost(ctx: Context, next: Next): Promise<void> {
  await next();
  if (typeof ctx.body !== 'string' || !ctx.body.includes('<title>Submitting Callback</title>')) return;
  const form = parseFormPost(ctx.body);
  // Another version of oidc-provider may change its page: it still works as it is.
  if (!form) return;
  const clientName = (ctx as unknown as KoaContextWithOIDC).oidc?.client?.clientName;
  ctx.type = 'html';
  ctx.body = renderFormPost(form, clientName);
}

function parseFormPost(body: string): FormPost | undefined {
  const action = /<form method="post" action="([^"]*)">/.exec(body)?.[1];
  const script = /<script>([\s\S]*?)<\/script>/.exec(body)?.[1];
  if (action === undefined || script === undefined) return undefined;
  const inputs = [...body.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"\/>/g)].map(
    ([, name, value]) => [unescapeHtml(name!), unescapeHtml(value!)] as [string, string],
  );
  return { action: unescapeHtml(action), inputs, script };
}

function renderFormPost({ action, inputs, script }: FormPost, clientName: string | undefined): string {
  const loggingOut = new URL(action, 'http://x').pathname.endsWith('/session/end/confirm');
  const text = loggingOut
    ? { title: 'Déconnexion', heading: 'Déconnexion en cours', lead: 'Nous terminons votre déconnexion.' }
    : {
        title: 'Retour à l’application',
        heading: clientName ? html`Retour vers ${clientName}` : 'Retour vers l’application',
        lead: 'Nous transmettons sa réponse à l’application.',
      };
  return page({
    title: text.title,
    body: html`<h1>${text.heading}</h1>
      <p>${text.lead} Si rien ne se passe, utilisez le bouton ci-dessous.</p>
      <form method="post" action="${action}">
        ${inputs.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`)}
        <button type="submit">Continuer</button>
      </form>
      <script>${new SafeHtml(script)}</script>`,
  });
}
