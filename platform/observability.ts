// Health, readiness and Prometheus metrics, shared by both servers. Metrics are served on a
// separate port (METRICS_PORT / DIRECTORY_METRICS_PORT) that the reverse proxy does not expose.
import http from 'node:http';
import Router from '@koa/router';
import type { Context, Next } from 'koa';
import client from 'prom-client';

export function createMetrics(service: string) {
  const registry = new client.Registry();
  registry.setDefaultLabels({ service });
  // The event-loop delay monitor wakes the thread at each sample: every 10 ms by default, that
  // is 100 wake-ups a second, each one taking a core from the argon2 hashes of logins. Every
  // 100 ms still gives ~150 samples per 15-s scrape, enough for the lag's median and p90.
  client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });

  return {
    registry,
    /** Labels by route pattern (never the raw path: it may hold codes or ids). */
    async middleware(ctx: Context, next: Next) {
      const stop = duration.startTimer();
      const method = ctx.method; // as received (see requestLog)
      try {
        await next();
      } finally {
        // A route that goes on to another in the same request names itself (ctx.state.metricsRoute):
        // a login form post continues to oidc-provider's resume.
        const oidcRoute = (ctx as { oidc?: { route?: string } }).oidc?.route;
        const route =
          (ctx.state as { metricsRoute?: string }).metricsRoute ??
          oidcRoute ??
          (ctx as { _matchedRoute?: string })._matchedRoute ??
          'unmatched';
        stop({ method, route: String(route), status: String(ctx.status) });
      }
    },
    /** Serves /metrics on its own port; returns a function that closes it. */
    listen(port: number): () => void {
      const server = http
        .createServer(async (req, res) => {
          if (req.url !== '/metrics') {
            res.statusCode = 404;
            res.end();
            return;
          }
          res.setHeader('Content-Type', registry.contentType);
          res.end(await registry.metrics());
        })
        .listen(port);
      return () => server.close();
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** /healthz: the process answers. /readyz: it can serve, its database answers too. */
export function createHealthRoutes(ready: () => Promise<unknown>): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    try {
      await ready();
      ctx.body = { status: 'ready' };
    } catch {
      ctx.status = 503;
      ctx.body = { status: 'unavailable' };
    }
  });
  return router;
}
