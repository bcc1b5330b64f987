// OpenID Connect Back-Channel Logout 1.0 in mes-services: when a citizen revokes mes-services or
// deletes their account at mon-compte, mon-compte tells mes-services, which forgets them at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, importJWK, SignJWT, type JWTPayload } from 'jose';
import { startPlatform, type RunningPlatform } from '../helpers/platform.ts';
import {
  createBrowserAgent,
  type BrowserAgent,
  type Page,
  interactionUrl,
  onInteractionPage,
} from '../helpers/browser-agent.ts';
import { createFileKeyStore } from '../../keys/src/key-store.ts';
import { loadKeys } from '../../keys/src/load-keys.ts';
import { databaseKinds } from '../helpers/databases.ts';

const PASSWORD = 'la marée monte vite au Mont-Saint-Michel';
const EVENT = 'http://schemas.openid.net/event/backchannel-logout';

describe.each(databaseKinds())(
  'mes-services ends its sessions when mon-compte says the citizen is gone, on %s',
  (kind) => {
    let platform: RunningPlatform;

    beforeAll(async () => {
      platform = await startPlatform(kind);
    });
    afterAll(async () => {
      await platform?.close();
    });

    const directory = (path: string) => `${platform.directoryUrl}${path}`;

    /** Logs into mes-services through mon-compte, registering the account the first time. */
    async function logInToMesServices(email: string, register: boolean): Promise<BrowserAgent> {
      const browser = createBrowserAgent();
      const login = await browser.navigate(directory('/auth/login'));
      expect(login.url.startsWith(platform.provider.issuer)).toBe(true);
      const form = register ? await browser.navigate(interactionUrl(login, 'register')) : login;
      const action = register ? new URL(form.url).pathname : interactionUrl(form, 'login');
      let page: Page = await browser.submit(form, action, { email, password: PASSWORD });
      if (onInteractionPage(page))
        page = await browser.submit(page, interactionUrl(page, 'consent'), { decision: 'accept' });
      expect(page.url.startsWith(platform.directoryUrl), page.url).toBe(true);
      return browser;
    }
    const me = async (browser: BrowserAgent) =>
      JSON.parse(await (await browser.request(directory('/api/me'))).text()) as {
        authenticated: boolean;
        sub?: string;
      };
    const matchesStatus = async (browser: BrowserAgent) => (await browser.request(directory('/api/me/matches'))).status;
    /** The session rows that hold this citizen's pairwise sub. */
    const rowsOf = async (sub: string) =>
      (await platform.provider.database.db('directory_sessions').select('data')).filter((row) =>
        String(row.data).includes(sub),
      ).length;
    const openAccount = async (browser: BrowserAgent, path: string) => {
      const page = await browser.navigate(`${platform.provider.issuer}${path}`);
      expect(page.url, page.html).toBe(`${platform.provider.issuer}${path}`);
      return page;
    };
    const postLogoutToken = (body: string) =>
      fetch(directory('/auth/backchannel-logout'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });

    it('ends every mes-services session of a citizen who revokes mes-services in the account centre', async () => {
      const phone = await logInToMesServices('revoque@example.fr', true);
      const laptop = await logInToMesServices('revoque@example.fr', false);
      const other = await logInToMesServices('voisine@example.fr', true);
      const { sub } = await me(phone);
      expect((await me(laptop)).sub).toBe(sub);
      expect(await rowsOf(sub!)).toBe(2);
      expect(await matchesStatus(phone)).toBe(200);

      const apps = await openAccount(phone, '/account/apps');
      expect(apps.html).toContain('mes-services.bzh');
      const revoked = await phone.submit(apps, `/account/apps/${encodeURIComponent('mes-services')}/revoke`, {});
      expect(revoked.html).toContain('L’accès a été révoqué.');

      for (const browser of [phone, laptop]) {
        expect((await me(browser)).authenticated).toBe(false);
        expect(await matchesStatus(browser)).toBe(401);
      }
      expect(await rowsOf(sub!)).toBe(0);
      // Another citizen's session is left alone.
      expect((await me(other)).authenticated).toBe(true);
      const events = await platform.provider.database.db('audit_events').where({ type: 'consent.revoked' });
      expect(events.map((e) => JSON.parse(e.detail))).toContainEqual({ backchannel_logout: 'sent' });
    });

    it('ends the mes-services session of a citizen who deletes their account', async () => {
      const browser = await logInToMesServices('efface@example.fr', true);
      const { sub } = await me(browser);
      expect(await rowsOf(sub!)).toBe(1);

      const data = await openAccount(browser, '/account/data');
      const deleted = await browser.submit(data, '/account/delete', { confirm: 'yes' });
      expect(deleted.html).toContain('Compte supprimé');

      expect((await me(browser)).authenticated).toBe(false);
      expect(await matchesStatus(browser)).toBe(401);
      expect(await rowsOf(sub!)).toBe(0);
    });

    describe('checks the logout token as Back-Channel Logout 1.0 §2.6 says', () => {
      let citizen: BrowserAgent;
      let sub: string;
      let sign: (payload: JWTPayload, header?: Record<string, unknown>) => Promise<string>;

      beforeAll(async () => {
        citizen = await logInToMesServices('verifie@example.fr', true);
        sub = (await me(citizen)).sub!;
        // mon-compte's own signing key, to show that each check refuses on its own.
        const keys = await loadKeys(createFileKeyStore(platform.provider.keysDir));
        const current = keys.signing.keys.find((k) => k.alg === 'RS256' && k.state === 'current')!;
        const key = await importJWK(current.jwk, 'RS256');
        sign = (payload, header = {}) =>
          new SignJWT(payload)
            .setProtectedHeader({ alg: 'RS256', kid: current.kid, typ: 'logout+jwt', ...header })
            .sign(key);
      });

      const valid = (): JWTPayload => ({
        iss: platform.provider.issuer,
        aud: 'mes-services',
        iat: Math.floor(Date.now() / 1000),
        exp: Math.floor(Date.now() / 1000) + 120,
        jti: crypto.randomUUID(),
        sub,
        events: { [EVENT]: {} },
      });
      const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

      it('answers 400 invalid_request to a missing, forged, unsigned or misaddressed token, and ends nothing', async () => {
        const { privateKey } = await generateKeyPair('RS256');
        const current = (await loadKeys(createFileKeyStore(platform.provider.keysDir))).signing.keys.find(
          (k) => k.alg === 'RS256' && k.state === 'current',
        )!;
        const forged = await new SignJWT(valid())
          .setProtectedHeader({ alg: 'RS256', kid: current.kid, typ: 'logout+jwt' })
          .sign(privateKey);
        const { iat: _iat, ...noIat } = valid();
        const { events: _events, ...noEvents } = valid();
        const { sub: _sub, ...noSubject } = valid();
        const bodies: [string, string][] = [
          ['no token', ''],
          ['not a JWT', 'logout_token=pas-un-jeton'],
          ['unsigned (alg none)', `logout_token=${b64({ alg: 'none', typ: 'logout+jwt' })}.${b64(valid())}.`],
          ['signed by another key', `logout_token=${forged}`],
          ['another audience', `logout_token=${await sign({ ...valid(), aud: 'une-autre-appli' })}`],
          ['another issuer', `logout_token=${await sign({ ...valid(), iss: 'https://evil.example' })}`],
          ['no iat', `logout_token=${await sign(noIat)}`],
          [
            'issued an hour ago',
            `logout_token=${await sign({ ...valid(), iat: Math.floor(Date.now() / 1000) - 3600 })}`,
          ],
          ['expired', `logout_token=${await sign({ ...valid(), exp: Math.floor(Date.now() / 1000) - 600 })}`],
          ['no events', `logout_token=${await sign(noEvents)}`],
          ['another event', `logout_token=${await sign({ ...valid(), events: { 'urn:other': {} } })}`],
          ['a nonce (an ID token)', `logout_token=${await sign({ ...valid(), nonce: 'n' })}`],
          ['neither sub nor sid', `logout_token=${await sign(noSubject)}`],
          ['typ JWT', `logout_token=${await sign(valid(), { typ: 'JWT' })}`],
        ];
        for (const [what, body] of bodies) {
          const res = await postLogoutToken(body);
          expect(res.status, what).toBe(400);
          expect(await res.json(), what).toEqual({ error: 'invalid_request' });
        }
        expect((await me(citizen)).authenticated).toBe(true);
        expect(await rowsOf(sub)).toBe(1);
      });

      it('answers 200 to a valid token naming only the session (sid), and ends that session', async () => {
        const row = await platform.provider.database.db('directory_sessions').where({ sub }).first();
        expect(row.sid).toEqual(expect.any(String));
        const { sub: _sub, ...bySession } = { ...valid(), sid: row.sid as string };
        const res = await postLogoutToken(`logout_token=${await sign(bySession)}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect((await me(citizen)).authenticated).toBe(false);
        expect(await rowsOf(sub)).toBe(0);
      });
    });
  },
);
