// The integration tests' browser agent (test/helpers/browser-agent.ts: cookie jar, manual
// redirects, forms as a browser without JavaScript sends them) on undici's lowest-level API,
// for the load generator. The provider runs on the same cores as the generator, so every
// microsecond the generator spends is taken from the server under test: in A/B runs on the
// benchmark machine, node:http's client took 2.0–2.3 ms of CPU per login (four requests), this
// one 1.1–1.6 ms. One keep-alive connection per browser, to the provider only.
import { Client, type Dispatcher } from 'undici';
import { cookieHeaderOf, formNavigation, storeCookie, type BrowserAgent } from '../../test/helpers/browser-agent.ts';

type Response = { status: number; location?: string; text(): Promise<string> };

export function createLeanBrowserAgent(issuer: string): Pick<BrowserAgent, 'navigate' | 'submit'> & {
  close(): Promise<void>;
} {
  const origin = new URL(issuer).origin;
  const client = new Client(origin);
  const jar = new Map<string, string>();

  /** An absolute URL of the provider, as the path undici asks for. */
  const pathOf = (url: string) => {
    if (!url.startsWith(`${origin}/`)) throw new Error(`the load generator only talks to ${origin}, not to ${url}`);
    return url.slice(origin.length);
  };

  function request(method: 'GET' | 'POST', url: string, body?: string): Promise<Response> {
    const headers: Record<string, string> = { cookie: cookieHeaderOf(jar), accept: 'text/html' };
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
          for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [])
            storeCookie(jar, line);
          const to = responseHeaders.location;
          location = Array.isArray(to) ? to[0] : to;
        },
        onResponseData(_controller, chunk) {
          chunks.push(chunk);
        },
        onResponseEnd() {
          const html = chunks.length ? Buffer.concat(chunks).toString('utf8') : '';
          resolve({ status, location, text: async () => html });
        },
        onResponseError(_controller, err) {
          reject(err);
        },
      };
      client.dispatch({ method, path: pathOf(url), headers, body }, handler);
    });
  }

  const { navigate, submit } = formNavigation(request);

  return { navigate, submit, close: () => client.close() };
}
