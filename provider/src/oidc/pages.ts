// French pages oidc-provider renders itself: errors and RP-initiated logout.
import type { KoaContextWithOIDC } from 'oidc-provider';
import { html, SafeHtml } from '../../../platform/html.ts';
import { page } from '../views/layout.ts';

const ERROR_TEXTS: Record<string, string> = {
  invalid_request: 'La demande de connexion est incomplète ou mal formée.',
  invalid_client: 'L’application qui vous a envoyé ici n’est pas reconnue.',
  invalid_redirect_uri: 'L’adresse de retour de l’application n’est pas celle qui a été déclarée.',
  unauthorized_client: 'Cette application n’est pas autorisée à faire cette demande.',
  access_denied: 'L’accès a été refusé.',
  session_not_found: 'Votre session a expiré. Recommencez depuis l’application.',
  invalid_scope: 'L’application demande des informations qui ne sont pas disponibles.',
};

export async function renderError(
  ctx: KoaContextWithOIDC,
  out: { error: string; error_description?: string },
): Promise<void> {
  ctx.type = 'html';
  // The same codes come from the logout endpoint: "connexion" would be the wrong word there.
  const explanation =
    out.error === 'invalid_request' && ctx.oidc?.route === 'end_session'
      ? 'La demande de déconnexion est incomplète ou mal formée.'
      : (ERROR_TEXTS[out.error] ?? 'La demande n’a pas pu aboutir.');
  ctx.body = page({
    title: 'Une erreur est survenue',
    body: html`<h1>Une erreur est survenue</h1>
      <p>${explanation}</p>
      <p class="hint">
        Code technique : <code>${out.error}</code>${out.error_description ? html` – <span lang="en">${out.error_description}</span>` : ''}
      </p>
      <p><a href="/">Retour à l’accueil</a></p>`,
  });
}

export async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  const client = ctx.oidc.client;
  ctx.type = 'html';
  ctx.body = page({
    title: 'Se déconnecter',
    body: html`<h1>Se déconnecter</h1>
      <p>
        Voulez-vous vous déconnecter de mon-compte.bzh${client?.clientName ? html` et de ${client.clientName}` : ''} ?
      </p>
      ${new SafeHtml(form)}
      <button type="submit" form="op.logoutForm" value="yes" name="logout">Oui, me déconnecter</button>
      <button type="submit" form="op.logoutForm" class="secondary">Non, rester connecté</button>`,
  });
}

export async function postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void> {
  ctx.type = 'html';
  ctx.body = page({
    title: 'Vous êtes déconnecté',
    body: html`<h1>Vous êtes déconnecté</h1>
      <p>Vous pouvez fermer cette page.</p>`,
  });
}
