// How the card API answers what it cannot serve: RFC 9457 problems whose title is the status's
// own phrase, a French detail that never quotes the request, 405 with Allow for another method,
// 415 for a compressed body, 429 with Retry-After.
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from '../helpers/provider-server.ts';
import { createTerminal, type Answer, type TestTerminal } from '../helpers/terminal.ts';
import { databaseKinds } from '../helpers/databases.ts';

const RENNES_METROPOLE = '243500139';
const CARD_LIKE = '04A2B9C1D2E3AB';

describe.each(databaseKinds())('KorriGo API errors on %s', (kind) => {
  let provider: RunningProvider;
  let terminal: TestTerminal;
  let token: string;

  beforeAll(async () => {
    provider = await startProvider(kind);
    terminal = await createTerminal(provider, RENNES_METROPOLE, ['korrigo:check', 'korrigo:pair']);
    token = await terminal.token();
  });
  afterAll(async () => {
    await provider?.close();
  });

  const postRaw = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    terminal.send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: body as BodyInit,
      token,
    });

  function expectProblem(answer: Answer, status: number, title: string) {
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ type: 'about:blank', title, status });
    expect(answer.body.detail).toEqual(expect.any(String));
  }

  it('answers an invalid body with the same title every time, and a French detail that quotes nothing sent', async () => {
    const bodies = [
      { [CARD_LIKE]: 1 },
      { uid: CARD_LIKE, service: 'piscine', [`x${CARD_LIKE}`]: 'y' },
      { uid: CARD_LIKE },
      { uid: CARD_LIKE.repeat(10), service: 'Piscine municipale' },
      [CARD_LIKE],
    ];
    for (const body of bodies) {
      const answer = await postRaw('/api/cards/check', JSON.stringify(body));
      expectProblem(answer, 400, 'Bad Request');
      expect(answer.body.code).toBe('invalid_request');
      expect(answer.body.detail).toMatch(/^Requête invalide : /);
      const text = JSON.stringify(answer.body);
      for (const sent of [CARD_LIKE, 'Piscine municipale', 'Unrecognized', 'Invalid']) expect(text).not.toContain(sent);
    }
    const missing = await postRaw('/api/cards/check', JSON.stringify({ uid: CARD_LIKE }));
    expect(missing.body.detail).toBe('Requête invalide : champ manquant ou invalide : service.');
    const invalidJson = await postRaw('/api/cards/pair', '{"uid":');
    expectProblem(invalidJson, 400, 'Bad Request');
    expect(invalidJson.body.code).toBe('invalid_json');
  });

  it('answers another method on a card API path with 405 and the methods it has', async () => {
    const cases = [
      ['GET', '/api/cards/check', 'POST'],
      ['PUT', '/api/cards/check', 'POST'],
      ['OPTIONS', '/api/cards/check', 'POST'],
      ['DELETE', '/api/cards/pair', 'POST'],
      ['POST', '/api/cards/offline-list', 'GET, HEAD'],
    ] as const;
    for (const [method, path, allow] of cases) {
      const answer = await terminal.send(path, { method, token });
      expectProblem(answer, 405, 'Method Not Allowed');
      expect(answer.headers.get('allow'), `${method} ${path}`).toBe(allow);
    }
    // The methods a path has still answer.
    expect((await terminal.post('/api/cards/check', { uid: 'x', service: 'piscine' }, token)).status).toBe(200);
    expect((await terminal.send('/api/cards/offline-list', { token })).status).toBe(200);
  });

  it('refuses a body with a content coding with 415, plain or really compressed', async () => {
    const json = JSON.stringify({ uid: CARD_LIKE, service: 'piscine' });
    for (const [body, encoding] of [
      [json, 'gzip'],
      [zlib.gzipSync(json), 'gzip'],
      [zlib.deflateSync(json), 'deflate'],
      [json, 'identity'],
    ] as const) {
      const answer = await postRaw('/api/cards/check', body, { 'content-encoding': encoding });
      expectProblem(answer, 415, 'Unsupported Media Type');
      expect(answer.body.code).toBe('unsupported_content_encoding');
      expect(answer.headers.get('accept-encoding')).toBe('identity');
    }
  });

  it('answers the unknown-card limit with a problem and Retry-After', async () => {
    let answer: Answer | undefined;
    for (let i = 0; i < 21; i++) {
      const uid = crypto.randomBytes(7).toString('hex');
      answer = await postRaw('/api/cards/check', JSON.stringify({ uid, service: 'piscine' }));
    }
    expectProblem(answer!, 429, 'Too Many Requests');
    expect(answer!.body.code).toBe('rate_limited');
    expect(Number(answer!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
