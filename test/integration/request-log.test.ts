import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from '../helpers/provider-server.ts';

// One access-log line per request, tied to the request id the answer carries, with the path
// and never the query string (codes, states and tokens travel there).
describe('request log', () => {
  const logLines: string[] = [];
  let provider: RunningProvider;
  const requestLines = () =>
    logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request');

  beforeAll(async () => {
    provider = await startProvider('sqlite', {}, { logLines });
  });
  afterAll(async () => {
    await provider?.close();
  });

  it('logs each request once with its id, method, path and status, and no query string', async () => {
    const res = await fetch(`${provider.issuer}/auth?client_id=inconnu&code=secret-code-123&state=s`);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[\w-]{8,64}$/);
    const given = await fetch(`${provider.issuer}/page-qui-n-existe-pas?token=secret-token-456`, {
      headers: { 'x-request-id': 'trace-from-the-proxy-1' },
    });
    expect(given.headers.get('x-request-id')).toBe('trace-from-the-proxy-1');

    const lines = requestLines();
    expect(lines.filter((l) => l.reqId === id)).toEqual([
      expect.objectContaining({ method: 'GET', path: '/auth', status: res.status, ms: expect.any(Number) }),
    ]);
    expect(lines.filter((l) => l.reqId === 'trace-from-the-proxy-1')).toEqual([
      expect.objectContaining({ method: 'GET', path: '/page-qui-n-existe-pas', status: 404 }),
    ]);
    expect(logLines.join('\n')).not.toMatch(/secret-code-123|secret-token-456/);
  });
});
