// Login and consent. Until accounts exist, the interaction page says so plainly.
import Router from '@koa/router';
import type Provider from 'oidc-provider';
import { html } from '../views/html.ts';
import { page } from '../views/layout.ts';

export function createInteractionRoutes(provider: Provider): Router {
  const router = new Router();

  router.get('/interaction/:uid', async (ctx) => {
    await provider.interactionDetails(ctx.req, ctx.res);
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'html';
    ctx.body = page({
      title: 'Connexion',
      body: html`<h1>Connexion</h1>
        <p class="notice">La connexion à mon-compte.bzh n’est pas encore ouverte. Elle arrive très bientôt.</p>`,
    });
  });

  return router;
}
