// Pages and assets that belong to no flow: home and stylesheet (health: platform/observability.ts).
import fs from 'node:fs';
import crypto from 'node:crypto';
import Router from '@koa/router';
import { html } from '../../platform/html.ts';
import { page } from './views/layout.ts';
import { accessibilityStatement, legalNotice, siteMap, type InfoPage } from './info-pages.ts';

// The platform's shared look first, then mon-compte's own rules: one request for the whole sheet.
const styles = [
  fs.readFileSync(new URL('../../platform/styles/tokens.css', import.meta.url), 'utf8'),
  fs.readFileSync(new URL('./views/styles.css', import.meta.url), 'utf8'),
].join('\n');
const stylesEtag = `"${crypto.createHash('sha256').update(styles).digest('base64url').slice(0, 16)}"`;

export function createSiteRoutes(): Router {
  const router = new Router();

  router.get('/', (ctx) => {
    ctx.type = 'html';
    ctx.body = page({
      title: 'Accueil',
      body: html`<h1>mon-compte.bzh</h1>
        <p>
          Votre identité numérique pour les services publics de Bretagne : un seul compte, un profil rempli une fois, et
          rien n’est transmis à une application sans votre accord.
        </p>
        <p><a class="button" href="/account">Accéder à mon compte</a></p>
        <p>
          Pas encore de compte ? Il se crée au moment de vous connecter à l’application d’une collectivité, ou depuis
          <a href="/account">la page de connexion</a> (lien « Créer mon compte »).
        </p>`,
    });
  });

  const info = (path: string, content: InfoPage) =>
    router.get(path, (ctx) => {
      ctx.type = 'html';
      ctx.body = page(content);
    });
  info('/accessibilite', accessibilityStatement);
  info('/mentions-legales', legalNotice);
  info('/plan-du-site', siteMap);

  router.get('/assets/styles.css', (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.set('ETag', stylesEtag);
    if (ctx.get('if-none-match') === stylesEtag) {
      ctx.status = 304;
      return;
    }
    ctx.type = 'text/css';
    ctx.body = styles;
  });

  return router;
}
