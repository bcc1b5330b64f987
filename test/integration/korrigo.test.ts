import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { startProvider, type RunningProvider } from '../helpers/provider-server.ts';
import { createBrowserAgent, type BrowserAgent, interactionUrl } from '../helpers/browser-agent.ts';
import { consent, createRelyingParty, finishFlow, startFlow, type RelyingParty } from '../helpers/relying-party.ts';
import { createTerminal, type TestTerminal } from '../helpers/terminal.ts';
import { databaseKinds } from '../helpers/databases.ts';

const RENNES_METROPOLE = '243500139';
const BREST_METROPOLE = '242900314';
const QUIMPER_BO = '200068120';
const UID = '04:A2:B9:C1:D2:E3:80';
const UID_HEX = '04A2B9C1D2E380';
const PASSWORD = 'le bassin olympique ouvre à sept heures';

describe.each(databaseKinds())('KorriGo cards on %s', (kind) => {
  const logLines: string[] = [];
  let provider: RunningProvider;
  let rennes: TestTerminal;
  let rennesCheckOnly: TestTerminal;
  let brest: TestTerminal;
  let quimper: TestTerminal;
  let appRennes: RelyingParty;
  let appBrest: RelyingParty;
  let citizen: BrowserAgent;
  let subs: { rennes: string; brest: string };

  const check = (terminal: TestTerminal, uid = UID) => terminal.post('/api/cards/check', { uid, service: 'piscine' });
  const pair = (terminal: TestTerminal, code: string, uid = UID) => terminal.post('/api/cards/pair', { uid, code });

  async function pairingCode(): Promise<string> {
    const page = await citizen.navigate(`${provider.issuer}/account/card`);
    const shown = await citizen.submit(page, '/account/card/pairing-code', {});
    const code = /class="pairing-code"><span aria-hidden="true">([A-Z0-9]{4}) ([A-Z0-9]{4})</.exec(shown.html);
    expect(code, shown.html).not.toBeNull();
    return `${code![1]}${code![2]}`;
  }

  async function setConsent(siren: string, allow: boolean, attributes: string[] = []) {
    const page = await citizen.navigate(`${provider.issuer}/account/card`);
    await citizen.submit(page, '/account/card/consent', {
      organisation: siren,
      ...(allow ? { allow: 'yes' } : {}),
      attr: attributes,
    });
  }

  async function subAt(rp: RelyingParty): Promise<string> {
    const flow = await startFlow(rp, { scope: 'openid' });
    const page = await citizen.navigate(flow.url, {}, rp.redirectUri);
    const done = page.url.startsWith(rp.redirectUri) ? page : await consent(citizen, page, rp, []);
    return (await finishFlow(rp, flow, done.url)).claims()!.sub;
  }

  beforeAll(async () => {
    provider = await startProvider(kind, {}, { logLines });
    rennes = await createTerminal(provider, RENNES_METROPOLE, ['korrigo:check', 'korrigo:pair']);
    rennesCheckOnly = await createTerminal(provider, RENNES_METROPOLE, ['korrigo:check']);
    brest = await createTerminal(provider, BREST_METROPOLE, ['korrigo:check']);
    quimper = await createTerminal(provider, QUIMPER_BO, ['korrigo:check']);
    const addRp = async (name: string, org: string) => {
      const redirectUri = `http://localhost:9/${org}/cb`;
      const client = await provider.app.services.clients.addRelyingParty({
        name,
        organisationSiren: org,
        redirectUris: [redirectUri],
        scopes: [],
      });
      return createRelyingParty(provider.issuer, client, redirectUri);
    };
    appRennes = await addRp('Médiathèques de Rennes', RENNES_METROPOLE);
    appBrest = await addRp('Piscines de Brest', BREST_METROPOLE);

    // A citizen of Rennes, adult, registered through an app of Rennes Métropole.
    citizen = createBrowserAgent();
    const flow = await startFlow(appRennes, { scope: 'openid' });
    const login = await citizen.navigate(flow.url);
    const registration = await citizen.navigate(interactionUrl(login, 'register'));
    const consentPage = await citizen.submit(
      registration,
      new URL(registration.url).pathname,
      { email: 'carte@example.fr', password: PASSWORD },
      appRennes.redirectUri,
    );
    const done = consentPage.url.startsWith(appRennes.redirectUri)
      ? consentPage
      : await consent(citizen, consentPage, appRennes, []);
    expect(done.url.startsWith(appRennes.redirectUri), `${done.url} ${done.html.slice(0, 400)}`).toBe(true);
    await finishFlow(appRennes, flow, done.url);
    const profile = await citizen.navigate(`${provider.issuer}/account/profile`);
    await citizen.submit(profile, '/account/profile', { bzh_commune_query: '35238', birthdate: '1990-04-12' });
    subs = { rennes: await subAt(appRennes), brest: await subAt(appBrest) };
  });
  afterAll(async () => {
    await provider?.close();
  });

  it('pairs a card through the account centre and a terminal, and tells the citizen by email', async () => {
    const code = await pairingCode();
    const paired = await pair(rennes, code.toLowerCase().replace(/(.{4})/, '$1-'));
    expect(paired).toMatchObject({ status: 200, body: { status: 'paired' } });
    await provider.app.settled();
    expect(provider.mails.at(-1)?.subject).toBe('Votre carte KorriGo est liée à votre compte');
    const page = await citizen.navigate(`${provider.issuer}/account/card`);
    expect(page.html).toContain('Votre carte est <strong>active</strong>');
    expect(page.html).toContain('Carte liée');
  });

  it('refuses a reused or expired pairing code', async () => {
    const code = await pairingCode();
    expect((await pair(rennes, code, '04A2B9C1D2E399')).status).toBe(200);
    expect(await pair(rennes, code, '04A2B9C1D2E399')).toMatchObject({ status: 400, body: { error: 'invalid_code' } });
    const late = await pairingCode();
    await provider.database
      .db('card_pairing_codes')
      .whereNull('used_at')
      .update({ expires_at: Date.now() - 1 });
    expect(await pair(rennes, late)).toMatchObject({ status: 400, body: { error: 'invalid_code' } });
    // Back to the first card for the next cases.
    expect((await pair(rennes, await pairingCode())).status).toBe(200);
  });

  it('does not recognise a card whose holder has not consented for the organisation', async () => {
    expect(await check(rennes)).toMatchObject({
      status: 200,
      body: { decision: 'deny', reason: 'not_recognised', holder: null },
    });
  });

  it('counts a linked card whose holder did not allow the organisation as unrecognised, like an unknown one', async () => {
    // Otherwise a terminal would learn at the 21st check that the card has an account.
    const stranger = await createTerminal(provider, QUIMPER_BO, ['korrigo:check']);
    const token = await stranger.token();
    const answers = [];
    for (let i = 0; i < 21; i++)
      answers.push(await stranger.post('/api/cards/check', { uid: UID, service: 'piscine' }, token));
    expect(answers.slice(0, 20).every((a) => a.status === 200 && a.body.reason === 'not_recognised')).toBe(true);
    expect(answers.at(-1)!.status).toBe(429);
    const events = logLines.filter((l) => l.includes('korrigo.unrecognised_card') && l.includes(stranger.clientId));
    expect(events).toHaveLength(20);
  });

  it('recognises it for each consenting organisation, with that organisation’s own sub and only the chosen attributes', async () => {
    await setConsent(RENNES_METROPOLE, true, ['resident', 'age_group']);
    await setConsent(BREST_METROPOLE, true, []);
    const atRennes = await check(rennes);
    expect(atRennes.body).toEqual({
      decision: 'allow',
      reason: 'recognised',
      holder: { sub: subs.rennes, attributes: { resident: true, age_group: 'adult' } },
    });
    const atBrest = await check(brest);
    expect(atBrest.body).toEqual({
      decision: 'allow',
      reason: 'recognised',
      holder: { sub: subs.brest, attributes: {} },
    });
    expect(subs.brest).not.toBe(subs.rennes);
  });

  it('answers an unknown card, a terminal of another organisation and a lost card with the same shape', async () => {
    const shape = (body: Record<string, unknown>) => Object.keys(body).sort();
    const allowed = (await check(rennes)).body;
    const unknown = (await check(rennes, '0411223344556677889A')).body;
    const otherOrganisation = (await check(quimper)).body;
    expect(unknown).toEqual({ decision: 'deny', reason: 'not_recognised', holder: null });
    expect(otherOrganisation).toEqual({ decision: 'deny', reason: 'not_recognised', holder: null });
    expect(shape(unknown)).toEqual(shape(allowed));

    const page = await citizen.navigate(`${provider.issuer}/account/card`);
    await citizen.submit(page, '/account/card/lost', {});
    expect((await check(rennes)).body).toEqual({ decision: 'deny', reason: 'card_blocked', holder: null });
    expect((await check(brest)).body).toEqual({ decision: 'deny', reason: 'card_blocked', holder: null });
  });

  it('forgets an unlinked card', async () => {
    expect((await pair(rennes, await pairingCode())).status).toBe(200);
    expect((await check(rennes)).body).toMatchObject({ decision: 'allow' });
    const page = await citizen.navigate(`${provider.issuer}/account/card`);
    await citizen.submit(page, '/account/card/unlink', {});
    expect((await check(rennes)).body).toEqual({ decision: 'deny', reason: 'not_recognised', holder: null });
    expect((await pair(rennes, await pairingCode())).status).toBe(200);
  });

  it('serves a signed offline list, valid at most a day, matching cards by an organisation pseudonym', async () => {
    const res = await fetch(`${provider.issuer}/api/cards/offline-list`, {
      headers: { authorization: `Bearer ${await rennes.token('korrigo:check')}` },
    });
    expect(res.status).toBe(200);
    const jws = await res.text();
    const { payload, protectedHeader } = await jwtVerify(jws, createRemoteJWKSet(new URL(`${provider.issuer}/jwks`)), {
      issuer: provider.issuer,
      audience: rennes.clientId,
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(24 * 3600);
    const matchKey = payload.match_key as string;
    const pseudonym = crypto.createHmac('sha256', matchKey).update(UID_HEX).digest('base64url');
    expect(payload.allowed).toContainEqual({
      key: pseudonym,
      sub: subs.rennes,
      attributes: { resident: true, age_group: 'adult' },
    });
    expect(jws).not.toContain(UID_HEX);
    expect(decodeJwt(jws).organisation).toBe(RENNES_METROPOLE);
  });

  it('refuses an expired token and a token without the right scope with OAuth errors', async () => {
    const token = await rennesCheckOnly.token('korrigo:check');
    const wrongScope = await rennesCheckOnly.post('/api/cards/pair', { uid: UID, code: 'ACDEFGHJ' }, token);
    expect(wrongScope.status).toBe(403);
    expect(wrongScope.body).toMatchObject({ error: 'insufficient_scope' });
    expect(wrongScope.headers.get('www-authenticate')).toContain('error="insufficient_scope"');

    const fresh = await rennes.token('korrigo:check');
    await provider.database
      .db('oidc_payloads')
      .where({ model: 'ClientCredentials' })
      .update({ expires_at: Date.now() - 1000 });
    const expired = await rennes.post('/api/cards/check', { uid: UID, service: 'piscine' }, fresh);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ error: 'invalid_token' });
    expect(expired.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    const none = await fetch(`${provider.issuer}/api/cards/check`, { method: 'POST' });
    expect(none.status).toBe(401);
    // No credentials at all: a bare challenge (RFC 6750 3.1).
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const malformed = await fetch(`${provider.issuer}/api/cards/check`, {
      method: 'POST',
      headers: { authorization: 'Basic dGVybWluYWw6c2VjcmV0' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('www-authenticate')).toContain('error="invalid_request"');
  });

  it('accepts the token type in any case, as openid-client reports it ("bearer")', async () => {
    const token = await rennes.token('korrigo:check');
    const res = await fetch(`${provider.issuer}/api/cards/check`, {
      method: 'POST',
      headers: { authorization: `bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ uid: UID, service: 'piscine' }),
    });
    expect(res.status).toBe(200);
  });

  it('rate-limits a terminal that presents unknown card after unknown card', async () => {
    const token = await brest.token();
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const uid = crypto.randomBytes(7).toString('hex');
      statuses.push((await brest.post('/api/cards/check', { uid, service: 'piscine' }, token)).status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(logLines.some((l) => l.includes('korrigo.unrecognised_card'))).toBe(true);
  });

  it('rejects malformed requests with a 4xx', async () => {
    expect((await rennes.post('/api/cards/check', { uid: 'not-hex', service: 'piscine' })).body).toMatchObject({
      decision: 'deny',
      reason: 'invalid_card',
    });
    expect((await rennes.post('/api/cards/check', { uid: UID })).status).toBe(400);
    expect((await rennes.post('/api/cards/check', { uid: UID, service: 'piscine', extra: 1 })).status).toBe(400);
    const raw = await fetch(`${provider.issuer}/api/cards/check`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await rennes.token()}`, 'content-type': 'application/json' },
      body: '{"uid":',
    });
    expect(raw.status).toBe(400);
  });

  it('never stores or logs a card identifier in clear', async () => {
    const forms = [UID_HEX, UID, UID_HEX.toLowerCase(), '04A2B9C1D2E399', '0411223344556677889A'];
    const db = provider.database.db;
    const tables =
      provider.database.kind === 'sqlite'
        ? ((await db.raw("select name from sqlite_master where type = 'table'")) as { name: string }[]).map(
            (r) => r.name,
          )
        : (
            (
              await db.raw(
                'select table_name as name from information_schema.tables where table_schema = current_schema()',
              )
            ).rows as { name: string }[]
          ).map((r) => r.name);
    for (const table of tables) {
      const text = JSON.stringify(await db(table).select('*'));
      for (const form of forms) expect(text.includes(form), `${table} holds ${form}`).toBe(false);
    }
    expect(logLines.length).toBeGreaterThan(10);
    for (const form of forms)
      expect(
        logLines.some((l) => l.includes(form)),
        `a log line holds ${form}`,
      ).toBe(false);
  });
});
