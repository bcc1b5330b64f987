// The frame of every server-rendered page of mon-compte: French, readable without
// JavaScript, no third-party asset.
import { html, type SafeHtml } from '../../../platform/html.ts';

export type PageOptions = {
  title: string;
  body: SafeHtml;
  /**
   * A section's navigation (the account centre's menu): between the header and the main
   * content, so that the skip link really skips it (RGAA 12.7).
   */
  nav?: SafeHtml;
};

export function page({ title, body, nav }: PageOptions): string {
  return html`<!doctype html>
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} – mon-compte.bzh</title>
        <link rel="stylesheet" href="/assets/styles.css" />
      </head>
      <body>
        <a class="skip-link" href="#contenu">Aller au contenu</a>
        <header class="site-header" role="banner">
          <p class="brand">
            <a href="/">mon-compte<span>.bzh</span></a>
          </p>
        </header>
        ${nav ?? ''}
        <main id="contenu" tabindex="-1">${body}</main>
        <footer class="site-footer" role="contentinfo">
          <p>mon-compte.bzh – l’identité numérique des Bretonnes et des Bretons.</p>
          <ul class="footer-links">
            <li><a href="/accessibilite">Accessibilité : non conforme</a></li>
            <li><a href="/mentions-legales">Mentions légales</a></li>
            <li><a href="/plan-du-site">Plan du site</a></li>
          </ul>
        </footer>
      </body>
    </html>`.value;
}
