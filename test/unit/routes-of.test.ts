import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathFilter, routesOf } from '../../platform/http/routes.ts';

// routesOf must answer exactly as router.routes() does, only faster for paths it cannot match.
function exampleRouter(): Router {
  const router = new Router();
  router.use('/account', async (ctx, next) => {
    ctx.set('x-guard', 'account');
    await next();
  });
  router.get('/', (ctx) => (ctx.body = 'home'));
  router.get('/account', (ctx) => (ctx.body = 'account'));
  router.post('/account/apps/:clientId/revoke', (ctx) => (ctx.body = `revoke ${ctx.params.clientId}`));
  router.get('/interaction/:uid{/*rest}', (ctx) => (ctx.body = `interaction ${ctx.params.uid}`));
  router.all('/api/cards/check', (ctx) => (ctx.body = `check ${ctx.method}`));
  return router;
}

async function serve(useFilter: boolean) {
  const app = new Koa();
  app.use(useFilter ? routesOf(exampleRouter()) : exampleRouter().routes());
  app.use((ctx) => {
    ctx.status = 404;
    ctx.body = `next ${ctx.path}`;
  });
  const server = http.createServer(app.callback()).listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('routesOf', () => {
  let plain: Awaited<ReturnType<typeof serve>>;
  let filtered: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    plain = await serve(false);
    filtered = await serve(true);
  });
  afterAll(() => {
    plain.server.close();
    filtered.server.close();
  });

  it('answers every request as the router itself does', async () => {
    const requests: [string, string][] = [
      ['GET', '/'],
      ['GET', '/account'],
      ['GET', '/account/'],
      ['GET', '/ACCOUNT'],
      ['GET', '/accounts'],
      ['POST', '/account/apps/app-1/revoke'],
      ['GET', '/account/apps/app-1/revoke'],
      ['GET', '/interaction/abc'],
      ['GET', '/interaction/abc/consent'],
      ['GET', '/interaction'],
      ['DELETE', '/api/cards/check'],
      ['GET', '/auth'],
      ['GET', '/auth/xyz/login'],
      ['GET', '/favicon.ico'],
      ['GET', '//account'],
    ];
    for (const [method, path] of requests) {
      const answer = async (base: string) => {
        const res = await fetch(base + path, { method });
        return { status: res.status, body: await res.text(), guard: res.headers.get('x-guard') };
      };
      expect(await answer(filtered.url), `${method} ${path}`).toEqual(await answer(plain.url));
    }
  });

  it('tests only the literal beginnings of routes, and gives up on patterns that could match anything', () => {
    expect(pathFilter(exampleRouter().stack as never)).toEqual({
      root: true,
      prefixes: ['/account', '/interaction', '/api/cards/check'],
    });
    const anything = new Router();
    anything.get('/:page', (ctx) => (ctx.body = 'page'));
    expect(pathFilter(anything.stack as never)).toBeUndefined();
    const regexp = new Router();
    regexp.get(/^\/legacy/, (ctx) => (ctx.body = 'legacy'));
    expect(pathFilter(regexp.stack as never)).toBeUndefined();
  });
});
