import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from '../helpers/provider-server.ts';
import { createBrowserAgent, interactionUrl } from '../helpers/browser-agent.ts';
import { databaseKinds } from '../helpers/databases.ts';
import {
  consent,
  addApp,
  createRelyingParty,
  finishFlow,
  logIn,
  offeredAttributes,
  startFlow,
  oidc,
  type RelyingParty,
} from '../helpers/relying-party.ts';

const PASSWORD = 'la mer est calme à Saint-Malo ce soir';
const RENNES_METROPOLE = '243500139';
const BREST_METROPOLE = '242900314';

describe.each(databaseKinds())(
  'a citizen logs in to a relying party and shares attributes with consent, on %s',
  (kind) => {
    let provider: RunningProvider;
    let library: RelyingParty;
    let pool: RelyingParty;
    let brest: RelyingParty;

    const addRp = (name: string, organisationSiren: string, scopes: string[], path: string) =>
      addApp(provider, { name, organisationSiren, scopes, redirectUri: `http://localhost:9/${path}/callback` });

    beforeAll(async () => {
      provider = await startProvider(kind);
      library = await addRp(
        'Médiathèques',
        RENNES_METROPOLE,
        ['profile', 'email', 'birthdate', 'bzh_residence', 'offline_access'],
        'library',
      );
      pool = await addRp('Piscines', RENNES_METROPOLE, ['profile', 'email'], 'pool');
      brest = await addRp('Médiathèque de Brest', BREST_METROPOLE, ['profile', 'email'], 'brest');
    });
    afterAll(async () => {
      await provider?.close();
    });

    async function register(email: string) {
      const browser = createBrowserAgent();
      const flow = await startFlow(library, { scope: 'openid email' });
      const login = await browser.navigate(flow.url);
      const registration = await browser.navigate(interactionUrl(login, 'register'));
      expect(registration.html).toContain('Créer mon compte');
      const afterRegistration = await browser.submit(
        registration,
        new URL(registration.url).pathname,
        { email, password: PASSWORD },
        library.redirectUri,
      );
      expect(afterRegistration.html).toContain('demande à accéder à vos informations');
      return { browser, consentPage: afterRegistration, flow };
    }

    it('registers, fills the commune, releases only the ticked claims, then skips consent next time', async () => {
      const { browser } = await register('anne.le-goff@example.fr');
      const flow = await startFlow(library, { scope: 'openid profile email birthdate bzh_residence' });
      const consentPage = await browser.navigate(flow.url, {}, library.redirectUri);
      expect(consentPage.html).toContain('Médiathèques');
      expect(consentPage.html).toContain('Rennes Métropole');

      // Fill the profile from the consent screen: commune by postal code, then name and birth date.
      const profileForm = await browser.navigate(interactionUrl(consentPage, 'profile'));
      const back = await browser.submit(profileForm, new URL(profileForm.url).pathname, {
        given_name: 'Anne',
        family_name: 'Le Goff',
        birthdate: '2004-05-01',
        bzh_commune_query: '35000',
      });
      expect(back.url).toMatch(/\/interaction\/[^/]+$/);
      expect(back.html).toContain('Rennes (35238)');

      const offered = offeredAttributes(back.html);
      expect(offered).toEqual(
        expect.arrayContaining(['given_name', 'family_name', 'email', 'birthdate', 'bzh_commune', 'bzh_epci']),
      );
      const accepted = offered.filter((id) => id !== 'family_name');
      const callback = await consent(browser, back, library, accepted);
      expect(callback.url.startsWith(library.redirectUri)).toBe(true);

      const tokens = await finishFlow(library, flow, callback.url);
      const idClaims = tokens.claims()!;
      const userinfo = await oidc.fetchUserInfo(library.config, tokens.access_token, idClaims.sub);
      expect(userinfo).toMatchObject({
        given_name: 'Anne',
        email: 'anne.le-goff@example.fr',
        email_verified: false,
        birthdate: '2004-05-01',
        bzh_commune: '35238',
        bzh_commune_name: 'Rennes',
        bzh_epci: RENNES_METROPOLE,
        bzh_departement: '35',
        bzh_region: '53',
      });
      expect(userinfo).not.toHaveProperty('family_name');
      expect(idClaims).not.toHaveProperty('family_name');
      // Claims asked by scope go to userinfo; the ID token names the citizen by pairwise sub only.
      const account = await provider.database.db('accounts').where({ email: 'anne.le-goff@example.fr' }).first();
      expect(idClaims.sub).not.toBe(account.id);
      expect(idClaims.sub).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const again = await startFlow(library, { scope: 'openid profile email birthdate bzh_residence' });
      const skipped = await browser.navigate(again.url, {}, library.redirectUri);
      expect(skipped.url.startsWith(library.redirectUri)).toBe(true);
      const second = await finishFlow(library, again, skipped.url);
      const userinfo2 = await oidc.fetchUserInfo(library.config, second.access_token, second.claims()!.sub);
      expect(userinfo2).not.toHaveProperty('family_name');
      expect(userinfo2.sub).toBe(idClaims.sub);
    });

    it('remembers what was shared after a logout and on another device, and asks again once revoked', async () => {
      const email = 'gwen.le-bihan@example.fr';
      const { browser, consentPage, flow } = await register(email);
      await finishFlow(library, flow, (await consent(browser, consentPage, library, ['email'])).url);
      const account = await provider.database.db('accounts').where({ email }).first();
      await provider.app.services.profiles.update(account.id, { given_name: 'Gwen', family_name: 'Le Bihan' }, []);

      const wider = { scope: 'openid profile email' };
      const asked = await startFlow(library, wider);
      const screen = await browser.navigate(asked.url, {}, library.redirectUri);
      expect(offeredAttributes(screen.html)).toEqual(expect.arrayContaining(['given_name', 'family_name']));
      const tokens = await finishFlow(library, asked, (await consent(browser, screen, library, ['given_name'])).url);
      const sub = tokens.claims()!.sub;

      // The app logs the citizen out (RP-initiated logout, confirmed on mon-compte's page).
      const confirm = await browser.navigate(
        `${provider.issuer}/session/end?${new URLSearchParams({ id_token_hint: tokens.id_token!, client_id: library.clientId })}`,
      );
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.html)![1]!;
      const loggedOut = await browser.submit(confirm, '/session/end/confirm', { xsrf, logout: 'yes' });
      expect(loggedOut.html).toContain('Vous êtes déconnecté');
      // The session's tokens die with it; the citizen's answer does not.
      await expect(oidc.fetchUserInfo(library.config, tokens.access_token, sub)).rejects.toThrow();
      const apps = await provider.app.services.account.connectedApps(account.id);
      expect(apps.map((a) => [a.name, a.claims])).toEqual([
        ['Médiathèques', ['email', 'email_verified', 'given_name']],
      ]);

      // Another device: login, no consent screen, exactly what was agreed, the same sub.
      const phone = createBrowserAgent();
      const again = await startFlow(library, wider);
      const callback = await logIn(phone, again, library, email, PASSWORD);
      expect(callback.url.startsWith(library.redirectUri)).toBe(true);
      const second = await finishFlow(library, again, callback.url);
      const userinfo = await oidc.fetchUserInfo(library.config, second.access_token, sub);
      expect(userinfo).toMatchObject({ sub, email, given_name: 'Gwen' });
      expect(userinfo).not.toHaveProperty('family_name');

      // Asking for more shows only what is new.
      const more = await startFlow(library, { scope: 'openid profile email birthdate' });
      expect(offeredAttributes((await phone.navigate(more.url, {}, library.redirectUri)).html)).toEqual(['birthdate']);

      // prompt=consent shows everything asked again, granted or not; the new answer replaces the
      // old one, on every device at once (a tablet stays logged in meanwhile).
      const tablet = createBrowserAgent();
      const onTablet = await startFlow(library, wider);
      const tabletTokens = await finishFlow(
        library,
        onTablet,
        (await logIn(tablet, onTablet, library, email, PASSWORD)).url,
      );
      const review = await startFlow(library, { ...wider, prompt: 'consent' });
      const reviewPage = await phone.navigate(review.url, {}, library.redirectUri);
      expect(offeredAttributes(reviewPage.html)).toEqual(
        expect.arrayContaining(['email', 'given_name', 'family_name']),
      );
      const reviewed = await finishFlow(library, review, (await consent(phone, reviewPage, library, ['email'])).url);
      const narrowed = await oidc.fetchUserInfo(library.config, reviewed.access_token, sub);
      expect(narrowed).toMatchObject({ email });
      expect(narrowed).not.toHaveProperty('given_name');
      const onTabletNow = await oidc.fetchUserInfo(library.config, tabletTokens.access_token, sub);
      expect(onTabletNow).toMatchObject({ email });
      expect(onTabletNow).not.toHaveProperty('given_name');
      const kept = await provider.app.services.account.connectedApps(account.id);
      expect(kept.map((a) => a.claims)).toEqual([['email', 'email_verified']]);

      // Revoked from the account centre: the next login asks again, on every device.
      const centre = await phone.navigate(`${provider.issuer}/account/apps`);
      const revoke = /action="(\/account\/apps\/[^"]+\/revoke)"/.exec(centre.html)![1]!;
      expect((await phone.submit(centre, revoke, {})).html).toContain('L’accès a été révoqué.');
      const afterRevoke = await startFlow(library, wider);
      const asksAgain = await logIn(createBrowserAgent(), afterRevoke, library, email, PASSWORD);
      expect(asksAgain.url).toMatch(/\/interaction\/[^/]+$/);
      expect(offeredAttributes(asksAgain.html)).toEqual(expect.arrayContaining(['email', 'given_name', 'family_name']));
    });

    it('answers prompt=none without a page: a code, login_required or consent_required at the app', async () => {
      const errorOf = (page: { url: string }) => {
        expect(page.url.startsWith(library.redirectUri)).toBe(true);
        return new URL(page.url).searchParams.get('error');
      };
      const silent = await startFlow(library, { scope: 'openid email', prompt: 'none' });
      expect(errorOf(await createBrowserAgent().navigate(silent.url, {}, library.redirectUri))).toBe('login_required');

      const { browser, consentPage, flow } = await register('silencieux@example.fr');
      await finishFlow(library, flow, (await consent(browser, consentPage, library, ['email'])).url);
      const again = await startFlow(library, { scope: 'openid email', prompt: 'none' });
      const answered = await browser.navigate(again.url, {}, library.redirectUri);
      expect(errorOf(answered)).toBeNull();
      expect((await finishFlow(library, again, answered.url)).claims()!.sub).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const more = await startFlow(library, { scope: 'openid email birthdate', prompt: 'none' });
      expect(errorOf(await browser.navigate(more.url, {}, library.redirectUri))).toBe('consent_required');
      // max_age=0 asks for the password again, whatever the session.
      const fresh = await startFlow(library, { scope: 'openid email', max_age: '0' });
      expect((await browser.navigate(fresh.url, {}, library.redirectUri)).html).toContain('Mot de passe');
    });

    it('suggests the email the app passes as login_hint, on the login and registration pages', async () => {
      const hinted = await startFlow(library, { scope: 'openid email', login_hint: 'maiwenn@example.fr' });
      const browser = createBrowserAgent();
      const login = await browser.navigate(hinted.url);
      expect(login.html).toMatch(/name="email"[^>]*value="maiwenn@example.fr"/);
      expect((await browser.navigate(interactionUrl(login, 'register'))).html).toMatch(
        /name="email"[^>]*value="maiwenn@example.fr"/,
      );

      const hostile = await startFlow(library, { scope: 'openid email', login_hint: '"><script>alert(1)</script>' });
      const page = await createBrowserAgent().navigate(hostile.url);
      expect(page.html).not.toContain('<script>alert(1)</script>');
      expect(page.html).toContain('value="&quot;&gt;&lt;script&gt;');
    });

    it('logs out at the app’s request and returns to its registered post-logout URI with its state', async () => {
      const redirectUri = 'http://localhost:9/agenda/callback';
      const client = await provider.app.services.clients.addRelyingParty({
        name: 'Agenda culturel',
        organisationSiren: RENNES_METROPOLE,
        redirectUris: [redirectUri],
        postLogoutRedirectUris: ['http://localhost:9/agenda/au-revoir'],
        scopes: ['email'],
      });
      const agenda = await createRelyingParty(provider.issuer, client, redirectUri);
      const { browser, consentPage, flow } = await register('au-revoir@example.fr');
      await finishFlow(library, flow, (await consent(browser, consentPage, library, ['email'])).url);
      const login = await startFlow(agenda, { scope: 'openid email' });
      const page = await browser.navigate(login.url, {}, redirectUri);
      const tokens = await finishFlow(agenda, login, (await consent(browser, page, agenda, ['email'])).url);

      const endSession = (postLogout: string) =>
        oidc.buildEndSessionUrl(agenda.config, {
          id_token_hint: tokens.id_token!,
          post_logout_redirect_uri: postLogout,
          state: 'etat-42',
        }).href;
      // An address the app did not register is refused on a page, never followed.
      const refused = await browser.navigate(endSession('https://ailleurs.example/'));
      expect(refused.status).toBe(400);
      expect(refused.url.startsWith(provider.issuer)).toBe(true);
      expect(refused.html).toContain('La demande de déconnexion est incomplète');

      const confirm = await browser.navigate(endSession('http://localhost:9/agenda/au-revoir'));
      expect(confirm.html).toContain('Agenda culturel');
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.html)![1]!;
      const back = await browser.submit(
        confirm,
        '/session/end/confirm',
        { xsrf, logout: 'yes' },
        'http://localhost:9/',
      );
      expect(back.url).toBe('http://localhost:9/agenda/au-revoir?state=etat-42');
      // Logged out: the next authorization request shows the login page.
      const next = await startFlow(agenda, { scope: 'openid email' });
      expect((await browser.navigate(next.url)).html).toContain('Se connecter');
    });

    it('returns access_denied to the app when the citizen refuses', async () => {
      const { browser, consentPage, flow } = await register('refus@example.fr');
      const callback = await browser.submit(
        consentPage,
        interactionUrl(consentPage, 'consent'),
        { decision: 'refuse' },
        library.redirectUri,
      );
      const params = new URL(callback.url).searchParams;
      expect(params.get('error')).toBe('access_denied');
      expect(params.get('state')).toBe(flow.state);
      await expect(finishFlow(library, flow, callback.url)).rejects.toMatchObject({ error: 'access_denied' });
    });

    it('gives one sub per organisation: same for two apps of one collectivity, different across', async () => {
      const { browser, consentPage, flow } = await register('yann@example.fr');
      const first = await consent(browser, consentPage, library, ['email']);
      const librarySub = (await finishFlow(library, flow, first.url)).claims()!.sub;

      const subOf = async (rp: RelyingParty) => {
        const f = await startFlow(rp, { scope: 'openid email' });
        const page = await browser.navigate(f.url, {}, rp.redirectUri);
        const done = page.url.startsWith(rp.redirectUri) ? page : await consent(browser, page, rp, ['email']);
        return (await finishFlow(rp, f, done.url)).claims()!.sub;
      };
      expect(await subOf(pool)).toBe(librarySub);
      expect(await subOf(brest)).not.toBe(librarySub);
    });

    it('honours essential claims from the claims parameter: they cannot be unticked', async () => {
      const { browser, consentPage: firstConsent, flow: firstFlow } = await register('essentiel@example.fr');
      await finishFlow(library, firstFlow, (await consent(browser, firstConsent, library, ['email'])).url);

      const flow = await startFlow(library, {
        scope: 'openid',
        claims: JSON.stringify({ id_token: { birthdate: { essential: true } }, userinfo: { given_name: null } }),
      });
      const page = await browser.navigate(flow.url, {}, library.redirectUri);
      // Shown as required, with no box to untick: a sentence and the value, sent with the form.
      expect(page.html).toMatch(/<p class="consent-required">Date de naissance<span class="tag">obligatoire/);
      expect(page.html).not.toMatch(/type="checkbox"[^>]*value="birthdate"/);
      expect(page.html).toMatch(/<input type="hidden" name="attr" value="birthdate">/);
      // The citizen unticks everything: the essential claim is still granted, the other is not.
      const callback = await consent(browser, page, library, []);
      const tokens = await finishFlow(library, flow, callback.url);
      const userinfo = await oidc.fetchUserInfo(library.config, tokens.access_token, tokens.claims()!.sub);
      expect(userinfo).not.toHaveProperty('given_name');
      expect(tokens.claims()).not.toHaveProperty('birthdate'); // empty attributes are omitted
    });

    it('issues a refresh token only with offline_access, and rotates it on use', async () => {
      const { browser, consentPage, flow } = await register('hors-ligne@example.fr');
      const tokens = await finishFlow(library, flow, (await consent(browser, consentPage, library, ['email'])).url);
      expect(tokens.refresh_token).toBeUndefined();

      const offline = await startFlow(library, { scope: 'openid email offline_access', prompt: 'consent' });
      const page = await browser.navigate(offline.url, {}, library.redirectUri);
      const withRefresh = await finishFlow(library, offline, (await consent(browser, page, library, ['email'])).url);
      expect(withRefresh.refresh_token).toBeTruthy();
      const refreshed = await oidc.refreshTokenGrant(library.config, withRefresh.refresh_token!);
      expect(refreshed.refresh_token).toBeTruthy();
      expect(refreshed.refresh_token).not.toBe(withRefresh.refresh_token);
      await expect(oidc.refreshTokenGrant(library.config, withRefresh.refresh_token!)).rejects.toMatchObject({
        error: 'invalid_grant',
      });
    });
  },
);
