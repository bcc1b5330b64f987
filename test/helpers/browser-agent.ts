// A minimal browser for server-rendered flows: a cookie jar, manual redirects, and form
// submission the way a browser without JavaScript does it.
import http from 'node:http';

export type Page = { url: string; status: number; html: string };

type Response = { status: number; headers: http.IncomingHttpHeaders; text(): Promise<string> };

export function createBrowserAgent({ localAddress }: { localAddress?: string } = {}) {
  const jar = new Map<string, string>();

  const storeCookies = (setCookie: string[] | undefined) => {
    for (const line of setCookie ?? []) storeCookie(jar, line);
  };
  const cookieHeader = () => cookieHeaderOf(jar);

  // node:http rather than fetch: it can bind the client side to another loopback address
  // (the whole 127/8 is local), which makes a real second client address for throttling tests.
  function request(
    url: string,
    init: { method?: string; body?: string; contentType?: string } = {},
  ): Promise<Response> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        url,
        {
          method: init.method ?? 'GET',
          ...(localAddress ? { localAddress, family: 4 } : {}),
          headers: {
            cookie: cookieHeader(),
            accept: 'text/html',
            ...(init.body !== undefined
              ? {
                  'content-type': init.contentType ?? 'application/x-www-form-urlencoded',
                  'content-length': Buffer.byteLength(init.body),
                }
              : {}),
          },
        },
        (res) => {
          storeCookies(res.headers['set-cookie']);
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: async () => Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(init.body);
    });
  }

  const { navigate, submit } = formNavigation((method, url, body) =>
    request(url, { method, body }).then((res) => ({
      status: res.status,
      location: res.headers.location,
      text: res.text,
    })),
  );

  return { navigate, submit, request, cookies: jar };
}

export type BrowserAgent = ReturnType<typeof createBrowserAgent>;

/** One HTTP exchange as form navigation needs it; the cookies are the sender's business. */
export type Send = (
  method: 'GET' | 'POST',
  url: string,
  body?: string,
) => Promise<{ status: number; location?: string; text(): Promise<string> }>;

/** A browser's navigation over any HTTP client: redirects followed by hand, forms submitted. */
export function formNavigation(send: Send) {
  /** Follows redirects until a page is served, or until a URL starting with `stopAt`. */
  async function navigate(url: string, init: { method?: string; body?: string } = {}, stopAt?: string): Promise<Page> {
    let res = await send(init.method === 'POST' ? 'POST' : 'GET', url, init.body);
    let current = url;
    for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
      if (hops > 10) throw new Error('too many redirects');
      current = new URL(res.location!, current).href;
      if (stopAt && current.startsWith(stopAt)) return { url: current, status: res.status, html: '' };
      res = await send('GET', current);
    }
    return { url: current, status: res.status, html: await res.text() };
  }

  async function submit(page: Page, action: string, fields: Record<string, string | string[]>, stopAt?: string) {
    return navigate(new URL(action, page.url).href, { method: 'POST', body: formBody(page, fields) }, stopAt);
  }

  return { navigate, submit };
}

/** A Set-Cookie line into the jar: set, replaced, or removed when it expires the cookie. */
export function storeCookie(jar: Map<string, string>, line: string): void {
  const [pair] = line.split(';');
  const eq = pair!.indexOf('=');
  const name = pair!.slice(0, eq).trim();
  const value = pair!.slice(eq + 1).trim();
  const expired = /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line);
  if (expired || value === '') jar.delete(name);
  else jar.set(name, value);
}

export const cookieHeaderOf = (jar: Map<string, string>): string => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** A form's body as a browser sends it: the page's CSRF token, then the fields. */
export function formBody(page: Page, fields: Record<string, string | string[]>): string {
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.html)?.[1];
  const body = new URLSearchParams();
  if (csrf) body.set('csrf', csrf);
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  return body.toString();
}

/** The actions of the forms on a page. */
export function formActions(html: string): string[] {
  return [...html.matchAll(/<form[^>]*action="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
}

/** The action of a page's login form (it posts under the resume address, /auth/:uid/login). */
export const loginAction = (page: Page): string | undefined =>
  formActions(page.html).find((action) => /^\/auth\/[\w-]+\/login$/.test(action));

/**
 * The address of a step of the interaction a page belongs to (`/interaction/:uid/<step>`), or
 * for `login` the action of its login form. The login form comes at the authorization URL itself
 * and other pages at /interaction/:uid, so the interaction is read from the page's forms, or
 * from its URL.
 */
export function interactionUrl(page: Page, step = ''): string {
  const login = step === 'login' ? loginAction(page) : undefined;
  if (login) return new URL(login, page.url).href;
  const uid =
    /\/interaction\/([\w-]+)/.exec(new URL(page.url).pathname)?.[1] ??
    formActions(page.html)
      .map((action) => /^\/(?:interaction|auth)\/([\w-]+)/.exec(action)?.[1])
      .find(Boolean);
  if (!uid) throw new Error(`not a page of an interaction: ${page.url}`);
  return new URL(`/interaction/${uid}${step ? `/${step}` : ''}`, page.url).href;
}

/** Whether a page is a step of an interaction (login, consent…): it has a form of one. */
export const onInteractionPage = (page: Page): boolean =>
  loginAction(page) !== undefined || formActions(page.html).some((action) => /^\/interaction\/[\w-]+\//.test(action));

/** Whether a page is the login form of an interaction. */
export const onLoginPage = (page: Page): boolean => loginAction(page) !== undefined;
