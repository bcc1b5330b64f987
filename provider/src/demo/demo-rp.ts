// A demo relying party for local runs: what a collectivity's app does, in forty lines, with
// openid-client. It talks to mon-compte over HTTP like any other app. Never mounted in
// production.
import crypto from 'node:crypto';
import Router from '@koa/router';
import * as oidc from 'openid-client';
import { html } from '../../../platform/html.ts';
import { page } from '../views/layout.ts';

export const DEMO_CLIENT = {
  clientId: 'demo-mediatheques-rennes',
  name: 'Démo – Médiathèques de Rennes Métropole',
  organisationSiren: '243500139',
  scopes: ['openid', 'profile', 'email', 'birthdate', 'bzh_residence', 'bzh_foyer', 'bzh_situation'],
};

export function createDemoRoutes({ issuer, clientSecret }: { issuer: string; clientSecret: string }): Router {
  const router = new Router({ prefix: '/demo' });
  const redirectUri = `${issuer}/demo/callback`;
  let configuration: Promise<oidc.Configuration> | undefined;
  const config = () =>
    (configuration ??= oidc.discovery(new URL(issuer), DEMO_CLIENT.clientId, clientSecret, undefined, {
      execute: issuer.startsWith('http://') ? [oidc.allowInsecureRequests] : [],
    }));

  router.get('/', (ctx) => {
    ctx.type = 'html';
    ctx.body = page({
      title: 'Application de démonstration',
      body: html`<h1>Application de démonstration</h1>
<p>Cette page joue le rôle d’une application de collectivité qui utilise mon-compte.bzh.</p>
<p><a class="button" href="/demo/login">Se connecter avec mon-compte.bzh</a></p>`,
    });
  });

  router.get('/login', async (ctx) => {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    ctx.cookies.set('demo_flow', `${state}.${verifier}.${nonce}`, {
      httpOnly: true,
      sameSite: 'lax',
      signed: true,
      path: '/demo',
    });
    const url = oidc.buildAuthorizationUrl(await config(), {
      redirect_uri: redirectUri,
      scope: DEMO_CLIENT.scopes.join(' '),
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    ctx.redirect(url.href);
  });

  router.get('/callback', async (ctx) => {
    const [state, verifier, nonce] = (ctx.cookies.get('demo_flow', { signed: true }) ?? '').split('.');
    ctx.cookies.set('demo_flow', null, { path: '/demo' });
    const configured = await config();
    let body;
    try {
      const tokens = await oidc.authorizationCodeGrant(configured, new URL(ctx.href), {
        pkceCodeVerifier: verifier,
        expectedState: state,
        expectedNonce: nonce,
      });
      const claims = tokens.claims()!;
      const userinfo = await oidc.fetchUserInfo(configured, tokens.access_token, claims.sub);
      body = html`<h1>Connexion réussie</h1>
<p>Voici ce que l’application a reçu, et rien de plus :</p>
<h2>Jeton d’identité</h2><pre>${JSON.stringify(claims, null, 2)}</pre>
<h2>Informations (userinfo)</h2><pre>${JSON.stringify(userinfo, null, 2)}</pre>
<p><a href="/demo">Recommencer</a></p>`;
    } catch (err) {
      const code = err instanceof oidc.AuthorizationResponseError ? err.error : 'erreur';
      body = html`<h1>Connexion non aboutie</h1><p>Réponse : <code>${code}</code></p><p><a href="/demo">Recommencer</a></p>`;
    }
    ctx.type = 'html';
    ctx.body = page({ title: 'Résultat de la connexion', body });
  });

  return router;
}

export function demoClientSecret(root: string): string {
  return crypto.createHmac('sha256', root).update('demo-client-secret').digest('base64url');
}
