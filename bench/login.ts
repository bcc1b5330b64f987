// `npm run bench:login`: full HTTP logins per second against raw argon2id verifications per
// second, and token-endpoint requests per second, each beside a bare baseline measured in the
// same run (raw argon2; bare oidc-provider, for logins with the same password check and for
// tokens; bare Koa). Every server is a child process; this
// process is only the load generator. Figures are medians of several rounds, raw and HTTP
// measurements alternating, and go to bench/RESULTS.md and bench/out/.
//
// Options: --rounds 5 --seconds 3 --slices 4 (raw, login and bare-login saturation: 4 rotating
//          slices of 3 s each) --short 4 (other measurements)
//          --browsers <2 × cores> --login-rate 10 --token-rate 100 --connections 8
//          --profile (the provider writes a V8 CPU profile under bench/out/profiles/ at exit)
//          --from bench/out/<run>.json (measures nothing: writes RESULTS.md again from a saved run)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ask,
  freePort,
  readyMessage,
  ROOT,
  startChild,
  waitForHttp,
  type Child,
  TICKS_PER_SECOND,
  type ThreadCpu,
} from './lib/children.ts';
import { atFixedRate, httpClient, saturate, type FixedRate, type HttpClient, type Throughput } from './lib/load.ts';
import { describeMachine, machineCpu, type Machine } from './lib/machine.ts';
import { latency, type Latency } from './lib/stats.ts';
import { prepareProviderData, randomSecret, type BenchData, type ProviderEnv } from './lib/setup.ts';
import { basicAuth, createVirtualBrowser, exchangeCode, type VirtualBrowser } from './lib/virtual-browser.ts';
import { summarise, writeResults, type Options, type Round } from './lib/report.ts';
import { createRelyingParty } from '../test/helpers/relying-party.ts';

const cores = os.availableParallelism();

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '5' },
      seconds: { type: 'string', default: '3' },
      slices: { type: 'string', default: '4' },
      short: { type: 'string', default: '4' },
      browsers: { type: 'string', default: String(2 * cores) },
      'login-rate': { type: 'string', default: '10' },
      'token-rate': { type: 'string', default: '100' },
      connections: { type: 'string', default: '8' },
      profile: { type: 'boolean', default: false },
      from: { type: 'string' },
    },
  });
  return {
    rounds: Number(values.rounds),
    seconds: Number(values.seconds),
    slices: Number(values.slices),
    short: Number(values.short),
    browsers: Number(values.browsers),
    loginRate: Number(values['login-rate']),
    tokenRate: Number(values['token-rate']),
    connections: Number(values.connections),
    hashConcurrency: cores,
    profile: values.profile,
    from: values.from,
  };
}

type Servers = { provider: Child; raw: Child; koa: Child; bareOidc: Child; bareLogin: Child };
type Clients = { provider: HttpClient; koa: HttpClient; bareOidc: HttpClient };
type Bench = {
  options: Options;
  servers: Servers;
  clients: Clients;
  data: BenchData;
  bareClient: { client_id: string; client_secret: string };
  /** One browser per saturation loop, so that no account is shared between concurrent logins. */
  loopBrowsers: VirtualBrowser[];
  /** The fixed-rate run takes whichever of these is idle. */
  poolBrowsers: VirtualBrowser[];
  /** The same browsers' twins, logging in to the bare oidc-provider login baseline. */
  bareLoginBrowsers: VirtualBrowser[];
};

// ---------------------------------------------------------------------------------------------
// Start-up

/** Every child started, so that a failure half-way still stops them all. */
const started: Child[] = [];

function start(script: string, args: string[] = [], env: Record<string, string> = {}, nodeArgs: string[] = []) {
  const child = startChild(script, args, env, nodeArgs);
  started.push(child);
  return child;
}

async function startServers(
  env: ProviderEnv,
  bareClient: { client_id: string; client_secret: string },
  bareLoginClient: { client_id: string; client_secret: string; redirectUri: string },
  profile: boolean,
) {
  const profiling = ['--cpu-prof', '--cpu-prof-dir', path.join(ROOT, 'bench', 'out', 'profiles')];
  const provider = start('provider/src/main.ts', [], env, profile ? profiling : []);
  const raw = start('bench/servers/argon2-raw.ts');
  const koaPort = await freePort();
  const koa = start('bench/servers/bare-koa.ts', [String(koaPort)]);
  const oidcPort = await freePort();
  const bareOidc = start('bench/servers/bare-oidc.ts', [
    String(oidcPort),
    bareClient.client_id,
    bareClient.client_secret,
  ]);
  const bareLoginPort = await freePort();
  const bareLogin = start('bench/servers/bare-oidc-login.ts', [
    String(bareLoginPort),
    bareLoginClient.client_id,
    bareLoginClient.client_secret,
    bareLoginClient.redirectUri,
  ]);
  await Promise.all([
    waitForHttp(provider, `${env.ISSUER}/healthz`),
    readyMessage(raw),
    readyMessage(koa),
    readyMessage(bareOidc),
    readyMessage(bareLogin),
  ]);
  const servers: Servers = { provider, raw, koa, bareOidc, bareLogin };
  const clients: Clients = {
    provider: httpClient(env.ISSUER),
    koa: httpClient(`http://localhost:${koaPort}`),
    bareOidc: httpClient(`http://localhost:${oidcPort}`),
  };
  return { servers, clients, bareLoginIssuer: `http://localhost:${bareLoginPort}` };
}

async function setUp(options: Options, tmp: string): Promise<Bench> {
  const port = await freePort();
  const env: ProviderEnv = {
    PORT: String(port),
    ISSUER: `http://localhost:${port}`,
    DATABASE_URL: `sqlite:${path.join(tmp, 'bench.sqlite')}`,
    KEYS_DIR: path.join(tmp, 'keys'),
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
  };
  const poolSize = Math.max(16, Math.ceil(options.loginRate * 1.5));
  log(`creating ${options.browsers + poolSize} accounts and two clients`);
  const data = await prepareProviderData(env, options.browsers + poolSize);
  const bareClient = { client_id: 'bench-bare', client_secret: randomSecret() };
  const bareLoginClient = {
    client_id: 'bench-bare-login',
    client_secret: randomSecret(),
    redirectUri: data.relyingParty.redirectUri,
  };
  const { servers, clients, bareLoginIssuer } = await startServers(env, bareClient, bareLoginClient, options.profile);

  const rp = await createRelyingParty(env.ISSUER, data.relyingParty, data.relyingParty.redirectUri);
  const browsers = data.emails.map((email) => createVirtualBrowser(rp, email));
  const bareRp = await createRelyingParty(bareLoginIssuer, bareLoginClient, bareLoginClient.redirectUri);
  const bareLoginBrowsers = data.emails.slice(0, options.browsers).map((email) => createVirtualBrowser(bareRp, email));
  log('first login and consent of every account');
  for (const browser of [...browsers, ...bareLoginBrowsers]) await browser.warmUp();
  return {
    options,
    servers,
    clients,
    data,
    bareClient,
    loopBrowsers: browsers.slice(0, options.browsers),
    poolBrowsers: browsers.slice(options.browsers),
    bareLoginBrowsers,
  };
}

// ---------------------------------------------------------------------------------------------
// Measurements: each returns plain figures; CPU time is read around the measured window.

/**
 * Runs a measurement and reads CPU time around it: the measured server's (whole and by
 * thread), this generator's, and the rest of the machine's, which is the noise of the window
 * (other people's work on the shared machine, and time the host stole from it).
 */
async function withCpu<T>(child: Child, run: () => Promise<T>) {
  const server = child.cpuSeconds();
  const threads = child.cpuByThread();
  const ours = () => started.reduce((sum, c) => sum + c.cpuSeconds(), 0);
  const oursBefore = ours();
  const machine = machineCpu(TICKS_PER_SECOND);
  const generator = process.cpuUsage();
  const wallStart = performance.now();
  const result = await run();
  const wallSeconds = (performance.now() - wallStart) / 1000;
  const generatorUsage = process.cpuUsage(generator);
  const generatorCpuSeconds = (generatorUsage.user + generatorUsage.system) / 1e6;
  const machineAfter = machineCpu(TICKS_PER_SECOND);
  const threadsAfter = child.cpuByThread();
  const othersSeconds = machineAfter.busy - machine.busy - (ours() - oursBefore) - generatorCpuSeconds;
  return {
    result,
    serverCpuSeconds: child.cpuSeconds() - server,
    threadCpuSeconds: {
      main: threadsAfter.main - threads.main,
      pool: threadsAfter.pool - threads.pool,
      v8: threadsAfter.v8 - threads.v8,
      other: threadsAfter.other - threads.other,
    },
    generatorCpuSeconds,
    wallSeconds,
    noise: {
      othersCores: Math.max(0, othersSeconds / wallSeconds),
      stealCores: (machineAfter.steal - machine.steal) / wallSeconds,
    },
  };
}

const perUnitMs = (cpuSeconds: number, count: number) => (count ? (cpuSeconds * 1000) / count : Number.NaN);

const threadMsPerUnit = (cpu: ThreadCpu, count: number): ThreadCpu => ({
  main: perUnitMs(cpu.main, count),
  pool: perUnitMs(cpu.pool, count),
  v8: perUnitMs(cpu.v8, count),
  other: perUnitMs(cpu.other, count),
});

/** What one saturation slice used and completed, before it is divided by the work done. */
type Slice = Throughput & {
  wallSeconds: number;
  serverCpuSeconds: number;
  threadCpuSeconds: ThreadCpu;
  generatorCpuSeconds: number;
  noise: { othersCores: number; stealCores: number };
};

async function rawSlice(bench: Bench, seconds: number): Promise<Slice> {
  const { hashConcurrency } = bench.options;
  const { result, ...cpu } = await withCpu(bench.servers.raw, () =>
    ask<Throughput>(bench.servers.raw, { kind: 'saturate', seconds, concurrency: hashConcurrency }),
  );
  return { ...result, ...cpu };
}

async function loginSlice(bench: Bench, seconds: number, bare = false): Promise<Slice> {
  const { browsers } = bench.options;
  const [server, loop] = bare
    ? [bench.servers.bareLogin, bench.bareLoginBrowsers]
    : [bench.servers.provider, bench.loopBrowsers];
  const { result, ...cpu } = await withCpu(server, () =>
    saturate(async (worker) => void (await loop[worker]!.logIn()), { concurrency: browsers, seconds }),
  );
  return { ...result, ...cpu };
}

/** The slices of one kind as one measurement: totals divided by the work they completed. */
function combine(slices: Slice[]) {
  const sum = (f: (s: Slice) => number) => slices.reduce((total, s) => total + f(s), 0);
  const completed = sum((s) => s.completed);
  const seconds = sum((s) => s.seconds);
  const wall = sum((s) => s.wallSeconds);
  const thread = (kind: keyof ThreadCpu) => sum((s) => s.threadCpuSeconds[kind]);
  return {
    perSecond: completed / seconds,
    completed,
    seconds,
    errors: sum((s) => s.errors),
    firstError: slices.find((s) => s.firstError)?.firstError,
    noise: {
      othersCores: sum((s) => s.noise.othersCores * s.wallSeconds) / wall,
      stealCores: sum((s) => s.noise.stealCores * s.wallSeconds) / wall,
    },
    cpuMsPerUnit: perUnitMs(
      sum((s) => s.serverCpuSeconds),
      completed,
    ),
    threadCpuMsPerUnit: threadMsPerUnit(
      { main: thread('main'), pool: thread('pool'), v8: thread('v8'), other: thread('other') },
      completed,
    ),
    generatorCpuMsPerUnit: perUnitMs(
      sum((s) => s.generatorCpuSeconds),
      completed,
    ),
  };
}

const SATURATIONS = ['raw', 'logins', 'bareLogins'] as const;

/**
 * Raw hashes, logins and bare logins at saturation in rotating slices (raw, logins, bare;
 * logins, bare, raw; …, from another start every round): the shared machine's speed drifts
 * within seconds, and all three then see the same drift.
 */
async function interleavedSaturation(bench: Bench, round: number) {
  const { seconds, slices = 1 } = bench.options;
  const done = { raw: [] as Slice[], logins: [] as Slice[], bareLogins: [] as Slice[] };
  for (let i = 0; i < slices; i++) {
    for (let k = 0; k < SATURATIONS.length; k++) {
      const kind = SATURATIONS[(round + i + k) % SATURATIONS.length]!;
      const slice =
        kind === 'raw' ? await rawSlice(bench, seconds) : await loginSlice(bench, seconds, kind === 'bareLogins');
      done[kind].push(slice);
      await settle();
    }
  }
  return { raw: combine(done.raw), logins: combine(done.logins), bareLogins: combine(done.bareLogins) };
}

async function rawAtRate(bench: Bench) {
  const { short, loginRate } = bench.options;
  const result = await ask<FixedRate>(bench.servers.raw, { kind: 'rate', seconds: short, rate: loginRate });
  return summariseRate(result);
}

/** Logins at a fixed rate, each code exchanged at /token right after (timed on its own). */
async function loginsAtRate(bench: Bench) {
  const { short, loginRate } = bench.options;
  const idle = [...bench.poolBrowsers];
  const exchanges: Promise<void>[] = [];
  const exchangeMs: number[] = [];
  let exchangeErrors = 0;
  const result = await atFixedRate(
    async () => {
      const browser = idle.pop();
      if (!browser) throw new Error('every pooled browser is busy: the provider is overloaded');
      let login;
      try {
        login = await browser.logIn();
      } finally {
        idle.push(browser);
      }
      const started = performance.now();
      exchanges.push(
        exchangeCode(bench.clients.provider, bench.data.relyingParty, login).then(
          () => void exchangeMs.push(performance.now() - started),
          () => void exchangeErrors++,
        ),
      );
    },
    { rate: loginRate, seconds: short },
  );
  await Promise.all(exchanges);
  return { logins: summariseRate(result), codeExchange: { ...latency(exchangeMs), errors: exchangeErrors } };
}

function summariseRate(result: FixedRate) {
  return { ...latency(result.latenciesMs), errors: result.errors, firstError: result.firstError };
}

/** POST /token grant_type=client_credentials: repeatable, unlike codes and rotating refresh tokens. */
function clientCredentials(client: HttpClient, credentials: { client_id: string; client_secret: string }) {
  const headers = {
    authorization: basicAuth(credentials.client_id, credentials.client_secret),
    'content-type': 'application/x-www-form-urlencoded',
  };
  return async () => {
    const res = await client.request('POST', '/token', headers, 'grant_type=client_credentials');
    if (res.status !== 200 || !res.body.includes('"access_token"')) {
      throw new Error(`token: HTTP ${res.status} ${res.body.slice(0, 200)}`);
    }
  };
}

function tinyJson(client: HttpClient) {
  return async () => {
    const res = await client.request('GET', '/');
    if (res.status !== 200) throw new Error(`koa: HTTP ${res.status}`);
  };
}

async function httpSaturation(child: Child, job: () => Promise<void>, bench: Bench) {
  const { short, connections } = bench.options;
  const { result, serverCpuSeconds, noise } = await withCpu(child, () =>
    saturate(job, { concurrency: connections, seconds: short }),
  );
  return { ...result, noise, cpuMsPerUnit: perUnitMs(serverCpuSeconds, result.completed) };
}

async function httpAtRate(job: () => Promise<void>, bench: Bench) {
  return summariseRate(await atFixedRate(job, { rate: bench.options.tokenRate, seconds: bench.options.short }));
}

// ---------------------------------------------------------------------------------------------
// Rounds

/** A pause between measurements, so that one's stragglers and garbage do not bill the next. */
const settle = () => sleep(500);

async function measureRound(bench: Bench, index: number): Promise<Round> {
  const { servers, clients } = bench;
  // Alternate which of raw and HTTP goes first, so a drift of the machine favours neither.
  const rawFirst = index % 2 === 0;
  const pair = async <A, B>(raw: () => Promise<A>, http: () => Promise<B>): Promise<[A, B]> => {
    if (rawFirst) {
      const a = await raw();
      await settle();
      const b = await http();
      await settle();
      return [a, b];
    }
    const b = await http();
    await settle();
    const a = await raw();
    await settle();
    return [a, b];
  };

  const { raw, logins, bareLogins } = await interleavedSaturation(bench, index);
  const [rawLatency, loginLatency] = await pair(
    () => rawAtRate(bench),
    () => loginsAtRate(bench),
  );
  const token = clientCredentials(clients.provider, bench.data.machineClient);
  const bareToken = clientCredentials(clients.bareOidc, bench.bareClient);
  const koa = tinyJson(clients.koa);
  const tokenSat = await httpSaturation(servers.provider, token, bench);
  await settle();
  const bareOidcSat = await httpSaturation(servers.bareOidc, bareToken, bench);
  await settle();
  const koaSat = await httpSaturation(servers.koa, koa, bench);
  await settle();
  const tokenLat = await httpAtRate(token, bench);
  await settle();
  const bareOidcLat = await httpAtRate(bareToken, bench);
  await settle();
  const koaLat = await httpAtRate(koa, bench);
  await settle();

  return {
    round: index + 1,
    rawFirst,
    raw,
    logins,
    ratio: logins.perSecond / raw.perSecond,
    cpuRatio: raw.cpuMsPerUnit / logins.cpuMsPerUnit,
    bareLogins,
    bareRatio: bareLogins.perSecond / raw.perSecond,
    rawLatency,
    loginLatency: loginLatency.logins,
    codeExchangeLatency: loginLatency.codeExchange,
    token: tokenSat,
    bareOidc: bareOidcSat,
    koa: koaSat,
    tokenLatency: tokenLat,
    bareOidcLatency: bareOidcLat,
    koaLatency: koaLat,
  };
}

/** One short unrecorded pass, so that JIT warm-up and first-use caches bill no round. */
async function warmUp(bench: Bench) {
  const quick = { ...bench, options: { ...bench.options, seconds: 1, slices: 2, short: 1 } };
  await interleavedSaturation(quick, 0);
  await httpSaturation(
    bench.servers.provider,
    clientCredentials(bench.clients.provider, bench.data.machineClient),
    quick,
  );
  await httpSaturation(bench.servers.bareOidc, clientCredentials(bench.clients.bareOidc, bench.bareClient), quick);
  await httpSaturation(bench.servers.koa, tinyJson(bench.clients.koa), quick);
  await settle();
}

function describeRound(r: Round): string {
  const f = (n: number) => n.toFixed(1);
  const l = (x: Latency) => `${f(x.p50)}/${f(x.p99)} ms`;
  return [
    `round ${r.round}: logins ${f(r.logins.perSecond)}/s vs raw ${f(r.raw.perSecond)}/s (ratio ${r.ratio.toFixed(2)})`,
    `bare oidc logins ${f(r.bareLogins!.perSecond)}/s (ratio ${r.bareRatio!.toFixed(2)})`,
    `token ${f(r.token.perSecond)}/s, bare oidc ${f(r.bareOidc.perSecond)}/s, koa ${f(r.koa.perSecond)}/s`,
    `p50/p99 login ${l(r.loginLatency)}, raw ${l(r.rawLatency)}, token ${l(r.tokenLatency)}`,
    `others' load ${r.raw.noise.othersCores.toFixed(2)}/${r.logins.noise.othersCores.toFixed(2)} cores (raw/login)`,
    r.logins.errors || r.loginLatency.errors ? `login errors ${r.logins.errors}+${r.loginLatency.errors}` : '',
  ]
    .filter(Boolean)
    .join(' | ');
}

function log(message: string) {
  process.stdout.write(`[bench:login] ${message}\n`);
}

/** Re-renders the RESULTS.md section from a saved run, e.g. after the report's wording changed. */
function reportAgain(file: string) {
  const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { machine: Machine; options: Options; rounds: Round[] };
  const summary = summarise(saved.rounds);
  writeResults(path.join(ROOT, 'bench', 'RESULTS.md'), { ...saved, summary, outFile: path.resolve(file) });
  log(`bench/RESULTS.md written again from ${file}`);
}

async function main() {
  const options = readOptions();
  if (options.from) return reportAgain(options.from);
  const machine = describeMachine();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-bench-'));
  let bench: Bench | undefined;
  try {
    bench = await setUp(options, tmp);
    log('warm-up pass');
    await warmUp(bench);
    const rounds: Round[] = [];
    for (let i = 0; i < options.rounds; i++) {
      rounds.push(await measureRound(bench, i));
      log(describeRound(rounds.at(-1)!));
    }
    const summary = summarise(rounds);
    const outDir = path.join(ROOT, 'bench', 'out');
    fs.mkdirSync(outDir, { recursive: true });
    const outFile = path.join(outDir, `login-${machine.date.replaceAll(':', '-')}.json`);
    fs.writeFileSync(outFile, `${JSON.stringify({ machine, options, summary, rounds }, null, 2)}\n`);
    if (options.profile) {
      // A profiled provider is slower: its figures must not stand in RESULTS.md.
      log(`raw rounds in ${path.relative(ROOT, outFile)}; profile in bench/out/profiles/ once the provider exits`);
    } else {
      writeResults(path.join(ROOT, 'bench', 'RESULTS.md'), { machine, options, summary, rounds, outFile });
      log(`raw rounds in ${path.relative(ROOT, outFile)}; medians in bench/RESULTS.md`);
    }
    log(
      `median logins/s ${summary.logins.median.toFixed(1)}, raw hashes/s ${summary.raw.median.toFixed(1)}, ` +
        `ratio ${summary.ratio.median.toFixed(2)} (target ≥ 0.8: ${summary.ratio.median >= 0.8 ? 'met' : 'NOT met'})`,
    );
  } finally {
    if (bench) {
      Object.values(bench.clients).forEach((client) => client.close());
      const browsers = [...bench.loopBrowsers, ...bench.poolBrowsers, ...bench.bareLoginBrowsers];
      await Promise.all(browsers.map((browser) => browser.close()));
    }
    await Promise.all(started.map((child) => child.stop()));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
