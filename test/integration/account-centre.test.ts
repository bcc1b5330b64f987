import fs from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { startProvider, type RunningProvider } from '../helpers/provider-server.ts';
import { createBrowserAgent, type BrowserAgent, interactionUrl, onLoginPage } from '../helpers/browser-agent.ts';
import {
  consent,
  createRelyingParty,
  finishFlow,
  logIn,
  oidc,
  startFlow,
  type RelyingParty,
} from '../helpers/relying-party.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { freePort } from '../helpers/processes.ts';

const PASSWORD = 'les goélands tournent au-dessus du port';

/** An app's back-channel logout endpoint, keeping every logout token it receives. */
async function startLogoutReceiver() {
  const tokens: string[] = [];
  const port = await freePort();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      tokens.push(new URLSearchParams(body).get('logout_token') ?? '');
      res.statusCode = 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    uri: `http://127.0.0.1:${port}/backchannel-logout`,
    tokens,
    close: () => new Promise((r) => server.close(r)),
  };
}

describe.each(databaseKinds())('the citizen account centre on %s', (kind) => {
  let provider: RunningProvider;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let logout: Awaited<ReturnType<typeof startLogoutReceiver>>;
  let rp: RelyingParty;
  let clientSecret: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    logout = await startLogoutReceiver();
    provider = await startProvider(kind, { SMTP_URL: smtp.url });
    const redirectUri = 'http://localhost:9/app/callback';
    const client = await provider.app.services.clients.addRelyingParty({
      name: 'Piscines de Brest',
      organisationSiren: '242900314',
      redirectUris: [redirectUri],
      scopes: ['profile', 'email', 'offline_access'],
      backchannelLogoutUri: logout.uri,
    });
    clientSecret = client.client_secret!;
    rp = await createRelyingParty(provider.issuer, client, redirectUri);
  });
  afterAll(async () => {
    await provider?.close();
    await smtp?.close();
    await logout?.close();
  });

  async function citizenWithApp(email: string) {
    const browser = createBrowserAgent();
    const flow = await startFlow(rp, { scope: 'openid email profile offline_access', prompt: 'consent' });
    const login = await browser.navigate(flow.url);
    const registration = await browser.navigate(interactionUrl(login, 'register'));
    const consentPage = await browser.submit(
      registration,
      new URL(registration.url).pathname,
      { email, password: PASSWORD },
      rp.redirectUri,
    );
    const callback = await consent(browser, consentPage, rp, ['email', 'given_name']);
    const tokens = await finishFlow(rp, flow, callback.url);
    return { browser, tokens };
  }

  async function openAccount(browser: BrowserAgent, path = '/account') {
    const page = await browser.navigate(`${provider.issuer}${path}`);
    expect(page.url, page.html).toBe(`${provider.issuer}${path}`);
    return page;
  }

  const introspect = async (token: string) => {
    const res = await fetch(`${provider.issuer}/token/introspection`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${rp.clientId}:${clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ token }),
    });
    return (await res.json()) as { active: boolean };
  };

  it('revokes an app: its tokens die and it receives a valid back-channel logout token', async () => {
    const { browser, tokens } = await citizenWithApp('revocation@example.fr');
    expect((await introspect(tokens.access_token)).active).toBe(true);

    const apps = await openAccount(browser, '/account/apps');
    expect(apps.html).toContain('Piscines de Brest');
    expect(apps.html).toContain('Brest Métropole');
    expect(apps.html).toMatch(/Reçoit : .*Adresse électronique/);
    const action = /action="(\/account\/apps\/[^"]+\/revoke)"/.exec(apps.html)![1]!;
    const after = await browser.submit(apps, action, {});
    expect(after.html).toContain('L’accès a été révoqué.');
    expect(after.html).not.toContain('Piscines de Brest');

    expect((await introspect(tokens.access_token)).active).toBe(false);
    await expect(oidc.refreshTokenGrant(rp.config, tokens.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });

    const logoutToken = logout.tokens.at(-1)!;
    const { payload } = await jwtVerify(logoutToken, createRemoteJWKSet(new URL(`${provider.issuer}/jwks`)), {
      issuer: provider.issuer,
      audience: rp.clientId,
    });
    expect(payload.sub).toBe(tokens.claims()!.sub);
    // The app required session ids at registration: the token names the session it ends.
    expect(tokens.claims()!.sid).toEqual(expect.any(String));
    expect(payload.sid).toBe(tokens.claims()!.sid);
    expect(payload.events).toEqual({ 'http://schemas.openid.net/event/backchannel-logout': {} });
    expect(payload).not.toHaveProperty('nonce');

    const records = await provider.database.db('consent_records').where({ client_id: rp.clientId }).orderBy('id');
    expect(records.at(-1)).toMatchObject({ decision: 'revoked' });
  });

  it('exports every consent with its date, the profile and the activity', async () => {
    const { browser } = await citizenWithApp('export@example.fr');
    await openAccount(browser);
    const res = await browser.request(`${provider.issuer}/account/export`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const data = JSON.parse(await res.text());
    expect(data.account.email).toBe('export@example.fr');
    // The last login is the latest one of the activity log.
    const logins = data.activity.filter((e: { type: string }) => e.type === 'login');
    expect(logins.length).toBeGreaterThanOrEqual(1);
    expect(data.account.last_login_at).toBe(
      logins
        .map((e: { at: string }) => e.at)
        .sort()
        .at(-1),
    );
    expect(data.consents).toEqual([
      expect.objectContaining({
        client_id: rp.clientId,
        decision: 'granted',
        claims: expect.arrayContaining(['email']),
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
    expect(data.connected_apps).toEqual([expect.objectContaining({ name: 'Piscines de Brest' })]);
    expect(data.activity.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['login', 'consent.granted', 'data.released']),
    );
  });

  it('verification links arrive by SMTP, work once, and expire', async () => {
    const { browser } = await citizenWithApp('verif@example.fr');
    await provider.app.settled();
    const link = smtp.lastLinkTo('verif@example.fr')!;
    expect(link).toMatch(/\/account\/email\/verify\?token=/);
    const first = await browser.navigate(link);
    expect(first.status).toBe(200);
    expect(first.html).toContain('Adresse confirmée');
    expect(
      (await provider.database.db('accounts').where({ email: 'verif@example.fr' }).first()).email_verified,
    ).toBeTruthy();
    const again = await browser.navigate(link);
    expect(again.status).toBe(400);

    // A change of address: the link goes to the new address, which replaces the old one.
    await openAccount(browser, '/account/security');
    const security = await browser.navigate(`${provider.issuer}/account/security`);
    const asked = await browser.submit(security, '/account/email', { email: 'nouvelle@example.fr' });
    expect(asked.html).toContain('Un message a été envoyé à la nouvelle adresse');
    await provider.app.settled();
    const changeLink = smtp.lastLinkTo('nouvelle@example.fr')!;
    // The clock moves past the link's lifetime.
    await provider.database.db('email_tokens').update({ expires_at: Date.now() - 1 });
    expect((await browser.navigate(changeLink)).status).toBe(400);
    expect(await provider.database.db('accounts').where({ email: 'nouvelle@example.fr' }).first()).toBeUndefined();
  });

  it('tells the current address of a change, and a password reset cancels the change', async () => {
    // Someone with a session asks to move the account to their own address…
    const { browser } = await citizenWithApp('proprietaire@example.fr');
    await openAccount(browser, '/account/security');
    const security = await browser.navigate(`${provider.issuer}/account/security`);
    await browser.submit(security, '/account/email', { email: 'intrus@example.fr' });
    await provider.app.settled();
    const changeLink = smtp.lastLinkTo('intrus@example.fr')!;
    // …the owner is told at the current address, and resets the password…
    expect(
      smtp.received.some(
        (m) => m.to.includes('proprietaire@example.fr') && m.subject === 'Changement d’adresse demandé',
      ),
    ).toBe(true);
    const anonymous = createBrowserAgent();
    const forgot = await anonymous.navigate(`${provider.issuer}/password/forgot`);
    await anonymous.submit(forgot, '/password/forgot', { email: 'proprietaire@example.fr' });
    await provider.app.settled();
    const resetLink = smtp.lastLinkTo('proprietaire@example.fr')!;
    const form = await anonymous.navigate(resetLink);
    await anonymous.submit(form, '/password/reset', {
      token: new URL(resetLink).searchParams.get('token')!,
      password: 'un mot de passe que personne ne connaît',
    });
    // …and the change link no longer works.
    expect((await createBrowserAgent().navigate(changeLink)).status).toBe(400);
    expect(await provider.database.db('accounts').where({ email: 'intrus@example.fr' }).first()).toBeUndefined();
  });

  it('answers a change to an address that has an account as to a free one, and tells that address’s owner', async () => {
    await citizenWithApp('deja-pris@example.fr');
    const { browser } = await citizenWithApp('curieux@example.fr');
    const security = await openAccount(browser, '/account/security');
    const taken = await browser.submit(security, '/account/email', { email: 'deja-pris@example.fr' });
    const free = await browser.submit(security, '/account/email', { email: 'personne-encore@example.fr' });
    // The same redirect and the same page: the form does not tell which addresses have an account.
    expect(taken.status).toBe(free.status);
    expect(taken.url).toBe(free.url);
    expect(normaliseTokens(taken.html)).toBe(normaliseTokens(free.html));
    await provider.app.settled();
    const toOwner = smtp.received.filter((m) => m.to.includes('deja-pris@example.fr'));
    expect(toOwner.map((m) => m.subject)).toContain('Cette adresse a déjà un compte');
    expect(smtp.lastLinkTo('deja-pris@example.fr')).toBeUndefined();
    expect(smtp.lastLinkTo('personne-encore@example.fr')).toBeDefined();
    const accounts = provider.database.db('accounts');
    expect(await accounts.clone().where({ email: 'curieux@example.fr' }).first()).toBeDefined();
    const owners = await accounts.clone().where({ email: 'deja-pris@example.fr' });
    expect(owners).toHaveLength(1);
  });

  it('password reset: same answer for any address, one use, 30 minutes, ends the sessions', async () => {
    const { browser } = await citizenWithApp('oubli@example.fr');
    const anonymous = createBrowserAgent();
    const forgot = await anonymous.navigate(`${provider.issuer}/password/forgot`);
    const known = await anonymous.submit(forgot, '/password/forgot', { email: 'oubli@example.fr' });
    const unknown = await anonymous.submit(forgot, '/password/forgot', { email: 'personne@example.fr' });
    const strip = (html: string) => html.replace(/name="csrf" value="[^"]+"/g, '');
    expect(strip(unknown.html)).toBe(strip(known.html));
    expect(known.status).toBe(unknown.status);
    await provider.app.settled();
    expect(smtp.received.some((m) => m.to.includes('personne@example.fr'))).toBe(false);

    const link = smtp.lastLinkTo('oubli@example.fr')!;
    const tokenRow = await provider.database
      .db('email_tokens')
      .where({ purpose: 'reset_password' })
      .orderBy('expires_at', 'desc')
      .first();
    expect(Number(tokenRow.expires_at) - Date.now()).toBeLessThanOrEqual(30 * 60 * 1000);
    expect(JSON.stringify(tokenRow)).not.toContain(new URL(link).searchParams.get('token'));

    const form = await anonymous.navigate(link);
    expect(form.status).toBe(200);
    const done = await anonymous.submit(form, '/password/reset', {
      token: new URL(link).searchParams.get('token')!,
      password: 'un tout nouveau mot de passe breton',
    });
    expect(done.html).toContain('Votre nouveau mot de passe est enregistré');
    expect((await anonymous.navigate(link)).status).toBe(400);

    // Every session ended: the old browser must log in again.
    const account = await browser.navigate(`${provider.issuer}/account`);
    expect(onLoginPage(account)).toBe(true);
    const flow = await startFlow(rp, { scope: 'openid email' });
    const old = await logIn(createBrowserAgent(), flow, rp, 'oubli@example.fr', PASSWORD);
    expect(old.status).toBe(401);
  });

  it('names every problem of a password change at once, and changes nothing', async () => {
    const { browser } = await citizenWithApp('deux-erreurs@example.fr');
    const security = await openAccount(browser, '/account/security');
    const refused = await browser.submit(security, '/account/password', { current: '', next: 'court' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Il y a 2 problèmes');
    expect(refused.html).toMatch(/<a href="#f-current">[^<]+ : Indiquez votre mot de passe actuel\.<\/a>/);
    expect(refused.html).toMatch(/<a href="#f-next">[^<]+ : [^<]*12 caractères/);
    const wrong = await browser.submit(security, '/account/password', { current: 'pas le bon', next: 'court' });
    expect(wrong.html).toContain('Ce n’est pas votre mot de passe actuel.');
    expect(wrong.html).toContain('Il y a 2 problèmes');
    const flow = await startFlow(rp, { scope: 'openid email' });
    expect((await logIn(createBrowserAgent(), flow, rp, 'deux-erreurs@example.fr', PASSWORD)).status).not.toBe(401);
  });

  it('asks for a fresh login before a sensitive action when the last one is old', async () => {
    const { browser } = await citizenWithApp('recent@example.fr');
    const security = await openAccount(browser, '/account/security');
    // The session's login is now an hour old.
    const accountId = (await provider.database.db('accounts').where({ email: 'recent@example.fr' }).first()).id;
    for (const row of await provider.database.db('oidc_payloads').where({ model: 'Session', account_id: accountId })) {
      const payload = JSON.parse(row.payload);
      payload.loginTs -= 3600;
      await provider.database
        .db('oidc_payloads')
        .where({ model: 'Session', id: row.id })
        .update({ payload: JSON.stringify(payload) });
    }
    const attempt = await browser.submit(security, '/account/password', {
      current: PASSWORD,
      next: 'une autre phrase secrète très longue',
    });
    expect(onLoginPage(attempt)).toBe(true);
    expect(attempt.html).toContain('Se connecter');
    const unchanged = await logIn(
      createBrowserAgent(),
      await startFlow(rp, { scope: 'openid email' }),
      rp,
      'recent@example.fr',
      PASSWORD,
    );
    expect(unchanged.status).not.toBe(401);
  });

  it('deletes the account: login fails and no personal value is left in any table', async () => {
    const { browser, tokens } = await citizenWithApp('suppression@example.fr');
    const accountId = (await provider.database.db('accounts').where({ email: 'suppression@example.fr' }).first())
      .id as string;
    const profile = await openAccount(browser, '/account/profile');
    await browser.submit(profile, '/account/profile', {
      given_name: 'Gwenaëlle',
      family_name: 'Kerloc’h',
      bzh_commune_query: '29019',
      birthdate: '1987-03-02',
    });
    const data = await openAccount(browser, '/account/data');
    const deleted = await browser.submit(data, '/account/delete', { confirm: 'yes' });
    expect(deleted.html).toContain('Compte supprimé');

    const flow = await startFlow(rp, { scope: 'openid email' });
    expect((await logIn(createBrowserAgent(), flow, rp, 'suppression@example.fr', PASSWORD)).status).toBe(401);
    expect((await introspect(tokens.access_token)).active).toBe(false);

    const personal = ['suppression@example.fr', accountId, 'Gwenaëlle', 'Kerloc’h', '1987-03-02', tokens.claims()!.sub];
    for (const table of await tableNames(provider)) {
      const rows = await provider.database.db(table).select('*');
      const text = JSON.stringify(rows);
      for (const value of personal) expect(text.includes(value), `${table} still holds ${value}`).toBe(false);
    }
    if (provider.database.kind === 'sqlite') {
      // Nor in the file's free space, once the write-ahead log is folded into it.
      await provider.database.db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
      const file = fs.readFileSync(new URL(provider.database.url.replace(/^sqlite:/, 'file://')));
      for (const value of ['suppression@example.fr', 'Gwenaëlle', 'Kerloc’h']) {
        expect(file.includes(Buffer.from(value)), `the database file still holds ${value}`).toBe(false);
      }
    }
  });
});

async function tableNames(provider: RunningProvider): Promise<string[]> {
  const db = provider.database.db;
  if (provider.database.kind === 'sqlite') {
    const rows = await db.raw("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'");
    return (rows as { name: string }[]).map((r) => r.name);
  }
  const result = await db.raw('select table_name from information_schema.tables where table_schema = current_schema()');
  return (result.rows as { table_name: string }[]).map((r) => r.table_name);
}

/** What differs between two renderings of one page: the CSRF token. */
function normaliseTokens(html: string): string {
  return html.replace(/name="csrf" value="[^"]+"/g, 'name="csrf" value=""');
}
