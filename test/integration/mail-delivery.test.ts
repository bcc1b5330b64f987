import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from '../helpers/provider-server.ts';
import { createBrowserAgent } from '../helpers/browser-agent.ts';
import { freePort } from '../helpers/processes.ts';
import { LINK_MAIL_LIMIT } from '../../provider/src/accounts/window-caps.ts';

const PASSWORD = 'la marée monte vite au Mont-Saint-Michel';
const strip = (html: string) => html.replace(/name="csrf" value="[^"]+"/g, '');

async function askForReset(issuer: string, email: string) {
  const browser = createBrowserAgent();
  const form = await browser.navigate(`${issuer}/password/forgot`);
  return browser.submit(form, '/password/forgot', { email });
}

/** A mail server that accepts connections and never says a word: every delivery hangs. */
async function startSilentSmtp() {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    connections: () => connections,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('link mails: never on the request path, capped per address', () => {
  let provider: RunningProvider;
  let silent: RunningProvider;
  let smtp: Awaited<ReturnType<typeof startSilentSmtp>>;

  beforeAll(async () => {
    provider = await startProvider('sqlite');
    smtp = await startSilentSmtp();
    silent = await startProvider('sqlite', { SMTP_URL: smtp.url });
    for (const p of [provider, silent]) {
      for (const email of ['marie@example.fr', 'yann@example.fr']) {
        const created = await p.app.services.accounts.register({ email, password: PASSWORD, emailVerified: true });
        expect(created.ok).toBe(true);
      }
    }
  });
  afterAll(async () => {
    await smtp?.close();
    await silent?.close();
    await provider?.close();
  });

  it('answers a reset request at once while the mail server hangs, the same for any address', async () => {
    // nodemailer waits 30 s for a greeting: a page that waited for the mail would time out here.
    const known = await askForReset(silent.issuer, 'marie@example.fr');
    const unknown = await askForReset(silent.issuer, 'personne@example.fr');
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(strip(known.html)).toBe(strip(unknown.html));
    expect(known.html).toContain('Si un compte existe');
    // The mail to the known address is on its way, in the background; none to the unknown one.
    for (let i = 0; i < 100 && smtp.connections() === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(smtp.connections()).toBe(1);
  });

  it(`sends at most ${LINK_MAIL_LIMIT.perWindow} link mails an hour to one address, whoever asks`, async () => {
    const pages = [];
    for (let i = 0; i < LINK_MAIL_LIMIT.perWindow + 2; i++)
      pages.push(await askForReset(provider.issuer, 'yann@example.fr'));
    await provider.app.settled();
    const toYann = provider.mails.filter((m) => m.to === 'yann@example.fr');
    expect(toYann).toHaveLength(LINK_MAIL_LIMIT.perWindow);
    // The page past the cap is the same page: it tells nothing more than the others.
    expect(new Set(pages.map((p) => `${p.status} ${strip(p.html)}`)).size).toBe(1);
    // Another address is not affected.
    await askForReset(provider.issuer, 'marie@example.fr');
    await provider.app.settled();
    expect(provider.mails.filter((m) => m.to === 'marie@example.fr')).toHaveLength(1);
  });
});
