// The integration tests' browser agent (test/helpers/browser-agent.ts: cookie jar, manual
// redirects, forms as a browser without JavaScript sends them) over one raw keep-alive TCP
// connection speaking just the HTTP/1.1 the provider answers with, as autocannon or wrk do. The
// provider runs on the same cores as this generator, so whatever the generator spends is taken
// from the server under test: in A/B runs on the benchmark machine this client took 1.3–1.8 ms of
// CPU per login (four requests), undici's Client 2.2–3.0 ms and node:http's about 0.8 ms more.
import net from 'node:net';
import { cookieHeaderOf, formNavigation, storeCookie, type BrowserAgent } from '../../test/helpers/browser-agent.ts';

type Response = { status: number; location?: string; text(): Promise<string> };
type Pending = { resolve(response: Response): void; reject(err: Error): void };

/** A connection left idle this long is replaced before use: servers close idle ones (Node: 5 s). */
const IDLE_MS = 4000;

export function createLeanBrowserAgent(issuer: string): Pick<BrowserAgent, 'navigate' | 'submit'> & {
  close(): Promise<void>;
} {
  const { origin, hostname, port, host } = new URL(issuer);
  const jar = new Map<string, string>();
  let socket: net.Socket | undefined;
  let lastUsed = 0;
  let buffer: Buffer = Buffer.alloc(0);
  let pending: Pending | undefined;

  const pathOf = (url: string) => {
    if (!url.startsWith(`${origin}/`)) throw new Error(`the load generator only talks to ${origin}, not to ${url}`);
    return url.slice(origin.length);
  };

  function connection(): net.Socket {
    if (socket && !socket.destroyed && Date.now() - lastUsed < IDLE_MS) return socket;
    socket?.destroy();
    const fresh = net.connect({ host: hostname, port: Number(port) || 80 });
    fresh.setNoDelay(true);
    buffer = Buffer.alloc(0);
    fresh.on('data', (chunk: Buffer) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      try {
        parse();
      } catch (err) {
        fresh.destroy(err as Error);
      }
    });
    const fail = (err?: Error) => {
      if (socket !== fresh) return; // an earlier connection, replaced
      socket = undefined;
      const waiting = pending;
      pending = undefined;
      waiting?.reject(err ?? new Error('connection closed before the response'));
    };
    fresh.on('error', fail);
    fresh.on('close', () => fail());
    socket = fresh;
    return fresh;
  }

  /** One whole response in the buffer: status, the headers a browser acts on, the body. */
  function parse(): void {
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0 || !pending) return;
    const lines = buffer.toString('latin1', 0, end).split('\r\n');
    const status = Number(lines[0]!.slice(9, 12));
    let length = 0;
    let location: string | undefined;
    let close = false;
    const cookies: string[] = [];
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') length = Number(value);
      else if (name === 'location') location = value;
      else if (name === 'set-cookie') cookies.push(value);
      else if (name === 'connection') close = value.toLowerCase() === 'close';
      else if (name === 'transfer-encoding') throw new Error('chunked responses are not expected from the provider');
    }
    const bodyStart = end + 4;
    if (buffer.length < bodyStart + length) return;
    const body = buffer.toString('utf8', bodyStart, bodyStart + length);
    buffer = buffer.subarray(bodyStart + length);
    for (const line of cookies) storeCookie(jar, line);
    const done = pending;
    pending = undefined;
    if (close) socket?.destroy();
    done.resolve({ status, location, text: async () => body });
  }

  function request(method: 'GET' | 'POST', url: string, body?: string): Promise<Response> {
    return new Promise((resolve, reject) => {
      const conn = connection();
      pending = { resolve, reject };
      lastUsed = Date.now();
      const cookie = cookieHeaderOf(jar);
      let head = `${method} ${pathOf(url)} HTTP/1.1\r\nHost: ${host}\r\nAccept: text/html\r\n`;
      if (cookie) head += `Cookie: ${cookie}\r\n`;
      if (body !== undefined) {
        head += `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`;
      }
      conn.write(`${head}\r\n${body ?? ''}`);
    });
  }

  const { navigate, submit } = formNavigation(request);

  return {
    navigate,
    submit,
    close: async () => {
      socket?.destroy();
      socket = undefined;
    },
  };
}
