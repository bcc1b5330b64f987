// The integration tests' browser agent (test/helpers/browser-agent.ts: cookie jar, manual
// redirects, forms as a browser without JavaScript sends them) on undici's lowest-level API,
// for the load generator. The provider runs on the same cores as the generator, so every
// microsecond the generator spends is taken from the server under test: on the benchmark
// machine node:http's client cost 1.6–2.3 ms of CPU per login (four requests), this one
// 0.9–1.4 ms. One keep-alive connection per browser, to the provider only.
import { Client, type Dispatcher } from 'undici';
import type { BrowserAgent, Page } from '../../test/helpers/browser-agent.ts';

type Response = { status: number; location?: string; html: string };

export function createLeanBrowserAgent(issuer: string): Pick<BrowserAgent, 'navigate' | 'submit'> & {
  close(): Promise<void>;
} {
  const origin = new URL(issuer).origin;
  const client = new Client(origin);
  const jar = new Map<string, string>();

  const storeCookie = (line: string) => {
    const semicolon = line.indexOf(';');
    const pair = semicolon === -1 ? line : line.slice(0, semicolon);
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line);
    if (expired || value === '') jar.delete(name);
    else jar.set(name, value);
  };
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

  /** An absolute URL of the provider, as the path undici asks for. */
  const pathOf = (url: string) => {
    if (!url.startsWith(`${origin}/`)) throw new Error(`the load generator only talks to ${origin}, not to ${url}`);
    return url.slice(origin.length);
  };

  function request(method: 'GET' | 'POST', url: string, body?: string): Promise<Response> {
    const headers: Record<string, string> = { cookie: cookieHeader(), accept: 'text/html' };
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    return new Promise((resolve, reject) => {
      let status = 0;
      let location: string | undefined;
      const chunks: Buffer[] = [];
      // Handler callbacks rather than `client.request`: no stream object per response.
      const handler: Dispatcher.DispatchHandler = {
        onRequestStart() {},
        onResponseStart(_controller, statusCode, responseHeaders) {
          status = statusCode;
          const setCookie = responseHeaders['set-cookie'];
          for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) storeCookie(line);
          const to = responseHeaders.location;
          location = Array.isArray(to) ? to[0] : to;
        },
        onResponseData(_controller, chunk) {
          chunks.push(chunk);
        },
        onResponseEnd() {
          resolve({ status, location, html: chunks.length ? Buffer.concat(chunks).toString('utf8') : '' });
        },
        onResponseError(_controller, err) {
          reject(err);
        },
      };
      client.dispatch({ method, path: pathOf(url), headers, body }, handler);
    });
  }

  /** Follows redirects until a page is served, or until a URL starting with `stopAt`. */
  async function navigate(url: string, init: { method?: string; body?: string } = {}, stopAt?: string): Promise<Page> {
    let res = await request(init.method === 'POST' ? 'POST' : 'GET', url, init.body);
    let current = url;
    for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
      if (hops > 10) throw new Error('too many redirects');
      current = new URL(res.location!, current).href;
      if (stopAt && current.startsWith(stopAt)) return { url: current, status: res.status, html: '' };
      res = await request('GET', current);
    }
    return { url: current, status: res.status, html: res.html };
  }

  async function submit(page: Page, action: string, fields: Record<string, string | string[]>, stopAt?: string) {
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.html)?.[1];
    const body = new URLSearchParams();
    if (csrf) body.set('csrf', csrf);
    for (const [name, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    }
    return navigate(new URL(action, page.url).href, { method: 'POST', body: body.toString() }, stopAt);
  }

  return { navigate, submit, close: () => client.close() };
}
