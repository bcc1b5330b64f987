// Load generation without a dependency: closed loops for throughput at saturation, and an
// open loop for latency at a fixed offered rate. The open loop times each request from the
// moment it was due, not from when it was sent, so a stalled server cannot hide its stalls
// by slowing the generator down (coordinated omission).
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * One unit of work (a request, a login, a hash); throws when the work failed. `worker` is the
 * loop running it at saturation (so a loop can own a browser), the job's number at a fixed rate.
 */
export type Job = (worker: number) => Promise<void>;

export type Throughput = { perSecond: number; completed: number; errors: number; seconds: number; firstError?: string };

/** `concurrency` loops run `job` back to back for `seconds`; counts what completes in time. */
export async function saturate(job: Job, { concurrency, seconds }: { concurrency: number; seconds: number }) {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let completed = 0;
  let errors = 0;
  let firstError: string | undefined;
  const loop = async (worker: number) => {
    while (performance.now() < deadline) {
      try {
        await job(worker);
        if (performance.now() <= deadline) completed++;
      } catch (err) {
        errors++;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, worker) => loop(worker)));
  // Work still in flight at the deadline is not counted, so the window is exactly `seconds`.
  return { perSecond: completed / seconds, completed, errors, seconds, firstError } satisfies Throughput;
}

export type FixedRate = { latenciesMs: number[]; errors: number; firstError?: string; offeredPerSecond: number };

/** Starts `job` every 1/rate seconds whether or not earlier ones are done, for `seconds`. */
export async function atFixedRate(job: Job, { rate, seconds }: { rate: number; seconds: number }) {
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  const total = Math.round(rate * seconds);
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    // Timed from when it was due, or from when it left if the timer fired early: timers count
    // whole milliseconds from the loop's cached clock and can fire up to a millisecond before
    // `due`, which gave the fastest requests negative latencies.
    const from = Math.min(due, performance.now());
    const run = job(i).then(
      () => void latenciesMs.push(performance.now() - from),
      (err: unknown) => {
        errors++;
        firstError ??= err instanceof Error ? err.message : String(err);
      },
    );
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
  }
  await Promise.all(inFlight);
  return { latenciesMs, errors, firstError, offeredPerSecond: rate } satisfies FixedRate;
}

export type HttpResult = { status: number; body: string };

/**
 * A keep-alive HTTP client for one server, lean enough not to be the bottleneck. `maxSockets`
 * caps its connections (N concurrent clients): requests beyond it wait in the agent's queue.
 * `idleMs` closes connections idle that long, before the server's keep-alive timeout (5 s in
 * Node) can close one just as a request is sent on it (ECONNRESET).
 */
export function httpClient(
  base: string,
  { maxSockets = Infinity, idleMs }: { maxSockets?: number; idleMs?: number } = {},
) {
  const agent = new http.Agent({ keepAlive: true, maxSockets, ...(idleMs ? { timeout: idleMs } : {}) });
  const origin = new URL(base);
  return {
    /** `signal` gives up on the request (also while it waits for a connection): it then rejects. */
    request(method: string, path: string, headers: Record<string, string> = {}, body?: string, signal?: AbortSignal) {
      return new Promise<HttpResult>((resolve, reject) => {
        const options = { host: origin.hostname, port: origin.port, method, path, agent, headers, signal };
        const req = http.request(options, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          res.on('error', reject);
        });
        req.on('error', (err: Error & { reusedSocket?: boolean }) => {
          // A reset on a kept-alive connection the server was closing meanwhile, or a new one?
          err.reusedSocket = req.reusedSocket;
          reject(err);
        });
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}

export type HttpClient = ReturnType<typeof httpClient>;
