// After a login through mon-compte, or a refusal there, mes-services sends the browser back to
// the page it came from: one of its own pages, whatever the `return` parameter says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../helpers/platform.ts';
import { createBrowserAgent, interactionUrl, onInteractionPage } from '../helpers/browser-agent.ts';

const PASSWORD = 'le phare du Créac’h veille sur Ouessant';

/** `return` as an attacker writes it in a link: already URL-encoded. */
const ATTACKS = [
  '/%5Cevil.example/x', // the reported one: "/\evil.example/x" once decoded
  '//evil.example/x',
  '/%5C/evil.example',
  '%5C%5Cevil.example/x',
  '%5Cevil.example',
  'https://evil.example/x',
  'http:evil.example',
  'HTTPS:%2F%2Fevil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.cookie)',
  'data:text/html,<script>alert(1)</script>',
  '/%09/evil.example', // a tab, which browsers drop
  '/%0A/evil.example', // a newline, idem
  '/%0D%0A/evil.example',
  '%09//evil.example',
  '%20//evil.example',
  '/.//evil.example',
  '/a/..//evil.example',
  '/%2F/evil.example',
  '/%2F%2Fevil.example',
  '/%255Cevil.example', // encoded twice
  '/%00/evil.example',
  '///evil.example',
];

describe('mes-services sends the browser back to its own pages only, after a login or a refusal', () => {
  let platform: RunningPlatform;

  beforeAll(async () => {
    platform = await startPlatform();
  });
  afterAll(async () => {
    await platform?.close();
  });

  /** Where a browser goes with this Location, parsed the way browsers parse it (WHATWG URL). */
  const destination = (location: string) => new URL(location, platform.directoryUrl);

  /** Starts a login with this `return`, then comes back from mon-compte with a refusal. */
  async function refusalLocation(rawReturn: string): Promise<string> {
    const browser = createBrowserAgent();
    const login = await browser.request(`${platform.directoryUrl}/auth/login?return=${rawReturn}`);
    expect(login.status).toBe(302);
    expect(login.headers.location).toMatch(new RegExp(`^${platform.provider.issuer}/`));
    const back = await browser.request(`${platform.directoryUrl}/auth/callback?error=access_denied&state=x`);
    expect(back.status).toBe(302);
    return back.headers.location!;
  }

  it.each(ATTACKS)('answers a refusal with return=%s by a mes-services page', async (rawReturn) => {
    const location = await refusalLocation(rawReturn);
    expect(destination(location).origin).toBe(platform.directoryUrl);
    expect(location).toBe('/');
  });

  it('keeps a return to one of its own pages, query included', async () => {
    expect(await refusalLocation(encodeURIComponent('/recherche?q=piscine&niveau=epci'))).toBe(
      '/recherche?q=piscine&niveau=epci',
    );
    expect(await refusalLocation('/pour-moi')).toBe('/pour-moi');
    expect(await refusalLocation('/services/rennes-metropole-star')).toBe('/services/rennes-metropole-star');
  });

  it('ends a completed login on mes-services, not on the site named in return', async () => {
    const browser = createBrowserAgent();
    const login = await browser.navigate(`${platform.directoryUrl}/auth/login?return=/%5Cevil.example/x`);
    expect(login.url.startsWith(platform.provider.issuer)).toBe(true);
    const registration = await browser.navigate(interactionUrl(login, 'register'));
    const consent = await browser.submit(
      registration,
      new URL(registration.url).pathname,
      { email: 'retour@example.fr', password: PASSWORD },
      'http://evil.example',
    );
    const back = onInteractionPage(consent)
      ? await browser.submit(consent, interactionUrl(consent, 'consent'), { decision: 'accept' }, 'http://evil.example')
      : consent;
    expect(destination(back.url).origin).toBe(platform.directoryUrl);
    expect(new URL(back.url).pathname).toBe('/');
    const me = JSON.parse(await (await browser.request(`${platform.directoryUrl}/api/me`)).text());
    expect(me.authenticated).toBe(true);
  });
});
