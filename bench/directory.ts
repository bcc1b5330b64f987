// `npm run bench:directory`: the JSON API of mes-services under 50 concurrent clients, with
// the bare Koa baseline measured in the same run by the same method. GET /api/services with a
// mix of searches and POST /api/matches with a mix of anonymous profiles, over the 60-service
// demo catalogue plus the aides-jeunes aids imported with the admin CLI. Each round measures
// throughput at saturation (closed loops) and latency at a fixed offered rate (open loop);
// figures are medians of the rounds and go to bench/RESULTS.md and bench/out/.
//
// Options: --rounds 5 --seconds 4 (saturation) --short 4 (fixed rate) --connections 50
//          --services-rate <n> --matches-rate <n> (default: half the saturation measured
//          just before the rounds) --per-query 200 (sequential requests per query, after the rounds)
//          --profile (mes-services writes a V8 CPU profile under bench/out/profiles/ at exit)
//          --from bench/out/directory-….json (measures nothing: writes RESULTS.md again)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, readyMessage, ROOT, startChild, waitForHttp, type Child, TICKS_PER_SECOND } from './lib/children.ts';
import { atFixedRate, httpClient, saturate, type HttpClient } from './lib/load.ts';
import { describeMachine, machineCpu, type Machine } from './lib/machine.ts';
import { replaceSection } from './lib/results-file.ts';
import { latency, spread, type Latency, type Spread } from './lib/stats.ts';
import { createDb } from '../db/create-db.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createDirectoryServicesRepo } from '../db/repos/directory-services-repo.ts';
import { seedDemoCatalogue } from '../directory/src/catalogue/catalogue-store.ts';
import { findCommune } from '../territory/territory.ts';

const AIDES_JEUNES = path.resolve(ROOT, '..', 'shared', 'data', 'aides-jeunes-bretagne.json');
const HEADING = '## mes-services API (issue 5)';
const TARGET_P99_MS = 20;
/** Below this much CPU used by everything else (cores), a window counts as quiet. */
const QUIET_CORES = 1;

/** What citizens type in the search box and the filters of the list page. */
const SEARCHES = [
  '/api/services',
  '/api/services?q=mediatheque',
  '/api/services?q=creche',
  '/api/services?q=transport%20jeunes',
  '/api/services?thematique=culture&commune=35238',
  '/api/services?niveau=epci',
  '/api/services?q=aide&page=2',
  '/api/services?q=bourse&commune=29019',
  '/api/services?thematique=jeunesse',
  '/api/services?q=permis%20de%20conduire',
  '/api/services?commune=56260&page=2',
  '/api/services?q=logement%20etudiant&commune=35238',
];

const STUDENT = { birthdate: '2004-05-01', bzh_commune: '35238', bzh_activity: 'etudiant' };
/** Anonymous profiles ("try without an account"), some with a filter of the list page. */
const PROFILES: { path: string; claims: Record<string, unknown> }[] = [
  { path: '/api/matches', claims: STUDENT },
  {
    path: '/api/matches',
    claims: {
      birthdate: '1988-03-12',
      bzh_commune: '29019',
      bzh_household_size: 4,
      bzh_children_birthyears: [2016, 2021],
      bzh_quotient_familial: 650,
      bzh_activity: 'salarie',
    },
  },
  {
    path: '/api/matches',
    claims: {
      birthdate: '2008-09-15',
      bzh_commune: '22278',
      bzh_activity: 'lyceen',
      bzh_study_level: 'terminale',
      bzh_boursier: true,
    },
  },
  {
    path: '/api/matches',
    claims: { birthdate: '1952-11-30', bzh_commune: '56260', bzh_activity: 'retraite', bzh_disability_rate: 60 },
  },
  { path: '/api/matches?thematique=jeunesse', claims: STUDENT },
  { path: '/api/matches?q=transport', claims: STUDENT },
];

type Options = {
  rounds: number;
  seconds: number;
  short: number;
  connections: number;
  servicesRate?: number;
  matchesRate?: number;
  perQuery: number;
  profile: boolean;
  from?: string;
};

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '5' },
      seconds: { type: 'string', default: '4' },
      short: { type: 'string', default: '4' },
      connections: { type: 'string', default: '50' },
      'services-rate': { type: 'string' },
      'matches-rate': { type: 'string' },
      'per-query': { type: 'string', default: '200' },
      profile: { type: 'boolean', default: false },
      from: { type: 'string' },
    },
  });
  const optional = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  return {
    rounds: Number(values.rounds),
    seconds: Number(values.seconds),
    short: Number(values.short),
    connections: Number(values.connections),
    servicesRate: optional(values['services-rate']),
    matchesRate: optional(values['matches-rate']),
    perQuery: Number(values['per-query']),
    profile: values.profile,
    from: values.from,
  };
}

// ---------------------------------------------------------------------------------------------
// Start-up: the catalogue, then mon-compte and mes-services as `npm start` runs them.

type Catalogue = { demo: number; imported: number; rejected: number; published: number; importNote?: string };

/**
 * The demo catalogue is what mes-services loads on its first start into an empty table; it is
 * seeded here the same way, so that the aides-jeunes import (admin CLI) comes on top of it.
 */
async function prepareCatalogue(env: Record<string, string>): Promise<Omit<Catalogue, 'published'>> {
  const db = await createDb(env.DATABASE_URL!);
  let demo: number;
  try {
    await migrateToLatest(db);
    demo = await seedDemoCatalogue(createDirectoryServicesRepo(db));
  } finally {
    await db.destroy();
  }
  if (!fs.existsSync(AIDES_JEUNES)) {
    return { demo, imported: 0, rejected: 0, importNote: `${AIDES_JEUNES} is missing: demo catalogue only` };
  }
  const cli = spawnSync(
    process.execPath,
    [path.join(ROOT, 'provider/src/admin/cli.ts'), 'services', 'import', '--format', 'aides-jeunes', AIDES_JEUNES],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 60_000 },
  );
  // Exit status 1 means that some services were rejected; the others are stored.
  if (cli.status !== 0 && cli.status !== 1) throw new Error(`kms services import failed: ${cli.stderr}`);
  const result = JSON.parse(cli.stdout) as { stored: number; rejected: unknown[] };
  return { demo, imported: result.stored, rejected: result.rejected.length };
}

type Servers = { provider: Child; directory: Child; koa: Child };
type Clients = { directory: HttpClient; koa: HttpClient };
type Bench = { options: Options; servers: Servers; clients: Clients; rates: Rates; catalogue: Catalogue };
type Rates = { services: number; matches: number; calibration?: { services: number; matches: number } };

const started: Child[] = [];

function start(script: string, args: string[] = [], env: Record<string, string> = {}, nodeArgs: string[] = []) {
  const child = startChild(script, args, env, nodeArgs);
  started.push(child);
  return child;
}

async function setUp(options: Options, tmp: string) {
  const [port, directoryPort, koaPort] = [await freePort(), await freePort(), await freePort()];
  const env = {
    PORT: String(port),
    DIRECTORY_PORT: String(directoryPort),
    ISSUER: `http://localhost:${port}`,
    DIRECTORY_URL: `http://localhost:${directoryPort}`,
    DATABASE_URL: `sqlite:${path.join(tmp, 'bench.sqlite')}`,
    KEYS_DIR: path.join(tmp, 'keys'),
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
  };
  log('demo catalogue and aides-jeunes import');
  const prepared = await prepareCatalogue(env);
  if (prepared.importNote) log(prepared.importNote);

  const provider = start('provider/src/main.ts', [], env);
  const koa = start('bench/servers/bare-koa.ts', [String(koaPort)]);
  await Promise.all([waitForHttp(provider, `${env.ISSUER}/healthz`), readyMessage(koa)]);
  const profiling = ['--cpu-prof', '--cpu-prof-dir', path.join(ROOT, 'bench', 'out', 'profiles')];
  const directory = start('directory/src/main.ts', [], env, options.profile ? profiling : []);
  await waitForHttp(directory, `${env.DIRECTORY_URL}/healthz`);

  // N concurrent clients: N keep-alive connections at most, for saturation and fixed rate alike.
  const clients: Clients = {
    directory: httpClient(env.DIRECTORY_URL, { maxSockets: options.connections, idleMs: 4000 }),
    koa: httpClient(`http://localhost:${koaPort}`, { maxSockets: options.connections, idleMs: 4000 }),
  };
  const all = await clients.directory.request('GET', '/api/services');
  const published = (JSON.parse(all.body) as { total: number }).total;
  log(`${published} published services (${prepared.demo} demo, ${prepared.imported} imported)`);
  return { servers: { provider, directory, koa }, clients, catalogue: { ...prepared, published } };
}

// ---------------------------------------------------------------------------------------------
// Requests: each job checks its answer; a mix is cycled through in order.

type Kind = 'services' | 'matches' | 'koa';

function searchRequest(client: HttpClient, url: string) {
  return async () => {
    const res = await client.request('GET', url);
    if (res.status !== 200 || !res.body.startsWith('{"total":')) {
      throw new Error(`GET ${url}: HTTP ${res.status} ${res.body.slice(0, 200)}`);
    }
    return res.body.length;
  };
}

function matchRequest(client: HttpClient, profile: (typeof PROFILES)[number]) {
  const body = JSON.stringify(profile.claims);
  const headers = { 'content-type': 'application/json' };
  return async () => {
    const res = await client.request('POST', profile.path, headers, body);
    if (res.status !== 200 || !res.body.startsWith('{"matches":')) {
      throw new Error(`POST ${profile.path}: HTTP ${res.status} ${res.body.slice(0, 200)}`);
    }
    return res.body.length;
  };
}

function koaRequest(client: HttpClient) {
  return async () => {
    const res = await client.request('GET', '/');
    if (res.status !== 200) throw new Error(`koa: HTTP ${res.status}`);
    return res.body.length;
  };
}

/** The requests of one kind, cycled through in order by every loop together. */
function mix(bench: Pick<Bench, 'clients'>, kind: Kind) {
  const requests =
    kind === 'services'
      ? SEARCHES.map((url) => searchRequest(bench.clients.directory, url))
      : kind === 'matches'
        ? PROFILES.map((profile) => matchRequest(bench.clients.directory, profile))
        : [koaRequest(bench.clients.koa)];
  let next = 0;
  return () => requests[next++ % requests.length]!();
}

const serverOf = (bench: Pick<Bench, 'servers'>, kind: Kind) =>
  kind === 'koa' ? bench.servers.koa : bench.servers.directory;

// ---------------------------------------------------------------------------------------------
// Measurements

type Noise = { othersCores: number; stealCores: number };
type ThreadMs = { main: number; v8: number; other: number };

/** CPU time around a window: the server's (by thread), this generator's, everyone else's. */
async function withCpu<T>(child: Child, run: () => Promise<T>) {
  const ours = () => started.reduce((sum, c) => sum + c.cpuSeconds(), 0);
  const server = child.cpuSeconds();
  const threads = child.cpuByThread();
  const oursBefore = ours();
  const machine = machineCpu(TICKS_PER_SECOND);
  const generator = process.cpuUsage();
  const wallStart = performance.now();
  const result = await run();
  const wallSeconds = (performance.now() - wallStart) / 1000;
  const used = process.cpuUsage(generator);
  const generatorSeconds = (used.user + used.system) / 1e6;
  const machineAfter = machineCpu(TICKS_PER_SECOND);
  const threadsAfter = child.cpuByThread();
  const others = machineAfter.busy - machine.busy - (ours() - oursBefore) - generatorSeconds;
  return {
    result,
    serverSeconds: child.cpuSeconds() - server,
    threadSeconds: {
      main: threadsAfter.main - threads.main,
      v8: threadsAfter.v8 - threads.v8,
      other: threadsAfter.other + threadsAfter.pool - threads.other - threads.pool,
    },
    generatorSeconds,
    noise: {
      othersCores: Math.max(0, others / wallSeconds),
      stealCores: (machineAfter.steal - machine.steal) / wallSeconds,
    } satisfies Noise,
  };
}

const msPer = (seconds: number, count: number) => (count ? (seconds * 1000) / count : Number.NaN);

type Saturation = {
  perSecond: number;
  completed: number;
  errors: number;
  firstError?: string;
  /** Closed loops: each client sends its next request as soon as the previous one is answered. */
  latency: Latency;
  cpuMsPerRequest: number;
  threadCpuMsPerRequest: ThreadMs;
  generatorCpuMsPerRequest: number;
  noise: Noise;
};

async function saturation(bench: Bench, kind: Kind, seconds = bench.options.seconds): Promise<Saturation> {
  const request = mix(bench, kind);
  const times: number[] = [];
  const job = async () => {
    const sent = performance.now();
    await request();
    times.push(performance.now() - sent);
  };
  const { result, serverSeconds, threadSeconds, generatorSeconds, noise } = await withCpu(serverOf(bench, kind), () =>
    saturate(job, { concurrency: bench.options.connections, seconds }),
  );
  const n = result.completed;
  return {
    perSecond: result.perSecond,
    completed: n,
    errors: result.errors,
    firstError: result.firstError,
    latency: latency(times),
    cpuMsPerRequest: msPer(serverSeconds, n),
    threadCpuMsPerRequest: {
      main: msPer(threadSeconds.main, n),
      v8: msPer(threadSeconds.v8, n),
      other: msPer(threadSeconds.other, n),
    },
    generatorCpuMsPerRequest: msPer(generatorSeconds, n),
    noise,
  };
}

type AtRate = Latency & { rate: number; errors: number; firstError?: string; othersCores: number };

async function atRate(bench: Bench, kind: Kind, rate: number): Promise<AtRate> {
  const request = mix(bench, kind);
  const { result, noise } = await withCpu(serverOf(bench, kind), () =>
    atFixedRate(async () => void (await request()), { rate, seconds: bench.options.short }),
  );
  return {
    ...latency(result.latenciesMs),
    rate,
    errors: result.errors,
    firstError: result.firstError,
    othersCores: noise.othersCores,
  };
}

type Round = {
  round: number;
  order: Kind[];
  services: Saturation;
  matches: Saturation;
  koa: Saturation;
  servicesLatency: AtRate;
  matchesLatency: AtRate;
  koaAtServicesRate: AtRate;
  koaAtMatchesRate: AtRate;
};

/** A pause between measurements, so that one's stragglers and garbage do not bill the next. */
const settle = () => sleep(500);

async function measureRound(bench: Bench, index: number): Promise<Round> {
  // The order rotates every round, so a drift of the machine favours no endpoint.
  const kinds: Kind[] = ['services', 'matches', 'koa'];
  const order = [...kinds.slice(index % 3), ...kinds.slice(0, index % 3)];
  const sat = {} as Record<Kind, Saturation>;
  for (const kind of order) {
    sat[kind] = await saturation(bench, kind);
    await settle();
  }
  const fixed = {} as Record<Kind | 'koaMatches', AtRate>;
  const windows: [Kind | 'koaMatches', Kind, number][] = [
    ['services', 'services', bench.rates.services],
    ['koa', 'koa', bench.rates.services],
    ['matches', 'matches', bench.rates.matches],
    ['koaMatches', 'koa', bench.rates.matches],
  ];
  for (const [name, kind, rate] of index % 2 ? windows.reverse() : windows) {
    fixed[name] = await atRate(bench, kind, rate);
    await settle();
  }
  return {
    round: index + 1,
    order,
    services: sat.services,
    matches: sat.matches,
    koa: sat.koa,
    servicesLatency: fixed.services,
    matchesLatency: fixed.matches,
    koaAtServicesRate: fixed.koa,
    koaAtMatchesRate: fixed.koaMatches,
  };
}

type PerQuery = {
  request: string;
  total: number;
  bytes: number;
  latency: Latency;
  /** All threads of the server process, from schedstat (nanoseconds, not clock ticks). */
  cpuMsPerRequest: number;
  mainCpuMsPerRequest: number;
};

/** CPU time in seconds from /proc/<pid>/task/<tid>/schedstat, which counts nanoseconds. */
function schedCpu(pid: number): { all: number; main: number } {
  let all = 0;
  let main = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const ns = Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e9;
      all += ns;
      if (tid === String(pid)) main = ns;
    } catch {
      // the thread ended meanwhile
    }
  }
  return { all, main };
}

/**
 * Where the time goes, query by query: one connection, `perQuery` requests back to back, after
 * the rounds (one pass, not a median of rounds). The server's CPU per request is the cost of
 * the query itself, whatever the machine is doing.
 */
async function perQuery(bench: Bench): Promise<PerQuery[]> {
  const { directory, koa } = bench.clients;
  const cases: { request: string; run: () => Promise<number>; child: Child; body?: () => Promise<string> }[] = [
    ...SEARCHES.map((url) => ({
      request: `GET ${decodeURIComponent(url)}`,
      run: searchRequest(directory, url),
      child: bench.servers.directory,
      body: async () => (await directory.request('GET', url)).body,
    })),
    ...PROFILES.map((profile) => ({
      request: `POST ${profile.path} (${describeProfile(profile.claims)})`,
      run: matchRequest(directory, profile),
      child: bench.servers.directory,
      body: async () =>
        (
          await directory.request(
            'POST',
            profile.path,
            { 'content-type': 'application/json' },
            JSON.stringify(profile.claims),
          )
        ).body,
    })),
    { request: 'bare Koa, tiny JSON', run: koaRequest(koa), child: bench.servers.koa },
  ];
  const rows: PerQuery[] = [];
  for (const c of cases) {
    for (let i = 0; i < 20; i++) await c.run();
    const times: number[] = [];
    let bytes = 0;
    const pid = c.child.process.pid!;
    const before = schedCpu(pid);
    for (let i = 0; i < bench.options.perQuery; i++) {
      const sent = performance.now();
      bytes = await c.run();
      times.push(performance.now() - sent);
    }
    const after = schedCpu(pid);
    const body = c.body ? (JSON.parse(await c.body()) as { total?: number; matches?: unknown[] }) : undefined;
    rows.push({
      request: c.request,
      total: body ? (body.total ?? body.matches?.length ?? 0) : 1,
      bytes,
      latency: latency(times),
      cpuMsPerRequest: msPer(after.all - before.all, times.length),
      mainCpuMsPerRequest: msPer(after.main - before.main, times.length),
    });
  }
  return rows;
}

function describeProfile(claims: Record<string, unknown>): string {
  const commune = findCommune(String(claims.bzh_commune))?.name;
  const extras = Object.keys(claims).filter((k) => !['birthdate', 'bzh_commune', 'bzh_activity'].includes(k));
  const rest = extras.length ? `+ ${extras.map((k) => k.replace(/^bzh_/, '')).join(', ')}` : '';
  return [String(claims.birthdate).slice(0, 4), commune, claims.bzh_activity, rest].filter(Boolean).join(' ');
}

/** Half of the saturation throughput, rounded, so that the fixed rate leaves the server headroom. */
function halfOf(perSecond: number): number {
  const half = perSecond / 2;
  const step = half >= 1000 ? 100 : half >= 200 ? 50 : 10;
  return Math.max(step, Math.round(half / step) * step);
}

/** One short unrecorded pass (JIT warm-up, first-use caches), then a calibration of the rates. */
async function warmUp(bench: Omit<Bench, 'rates'>): Promise<Rates> {
  const warm = { ...bench, rates: { services: 0, matches: 0 } };
  for (const kind of ['services', 'matches', 'koa'] as const) {
    await saturation(warm, kind, 2);
    await settle();
  }
  const services = await saturation(warm, 'services', 3);
  await settle();
  const matches = await saturation(warm, 'matches', 3);
  await settle();
  return {
    services: bench.options.servicesRate ?? halfOf(services.perSecond),
    matches: bench.options.matchesRate ?? halfOf(matches.perSecond),
    calibration: { services: services.perSecond, matches: matches.perSecond },
  };
}

// ---------------------------------------------------------------------------------------------
// Report

const FIGURES = {
  services: (r: Round) => r.services.perSecond,
  matches: (r: Round) => r.matches.perSecond,
  koa: (r: Round) => r.koa.perSecond,
  servicesSatP50: (r: Round) => r.services.latency.p50,
  servicesSatP99: (r: Round) => r.services.latency.p99,
  matchesSatP50: (r: Round) => r.matches.latency.p50,
  matchesSatP99: (r: Round) => r.matches.latency.p99,
  koaSatP50: (r: Round) => r.koa.latency.p50,
  koaSatP99: (r: Round) => r.koa.latency.p99,
  servicesCpu: (r: Round) => r.services.cpuMsPerRequest,
  servicesMainCpu: (r: Round) => r.services.threadCpuMsPerRequest.main,
  servicesV8Cpu: (r: Round) => r.services.threadCpuMsPerRequest.v8,
  matchesCpu: (r: Round) => r.matches.cpuMsPerRequest,
  matchesMainCpu: (r: Round) => r.matches.threadCpuMsPerRequest.main,
  matchesV8Cpu: (r: Round) => r.matches.threadCpuMsPerRequest.v8,
  koaCpu: (r: Round) => r.koa.cpuMsPerRequest,
  servicesGenCpu: (r: Round) => r.services.generatorCpuMsPerRequest,
  matchesGenCpu: (r: Round) => r.matches.generatorCpuMsPerRequest,
  koaGenCpu: (r: Round) => r.koa.generatorCpuMsPerRequest,
  servicesP50: (r: Round) => r.servicesLatency.p50,
  servicesP99: (r: Round) => r.servicesLatency.p99,
  servicesMax: (r: Round) => r.servicesLatency.max,
  matchesP50: (r: Round) => r.matchesLatency.p50,
  matchesP99: (r: Round) => r.matchesLatency.p99,
  matchesMax: (r: Round) => r.matchesLatency.max,
  koaSP50: (r: Round) => r.koaAtServicesRate.p50,
  koaSP99: (r: Round) => r.koaAtServicesRate.p99,
  koaMP50: (r: Round) => r.koaAtMatchesRate.p50,
  koaMP99: (r: Round) => r.koaAtMatchesRate.p99,
  satOthers: (r: Round) => Math.max(r.services.noise.othersCores, r.matches.noise.othersCores, r.koa.noise.othersCores),
  rateOthers: (r: Round) =>
    Math.max(
      r.servicesLatency.othersCores,
      r.matchesLatency.othersCores,
      r.koaAtServicesRate.othersCores,
      r.koaAtMatchesRate.othersCores,
    ),
  steal: (r: Round) => Math.max(r.services.noise.stealCores, r.matches.noise.stealCores, r.koa.noise.stealCores),
  errors: (r: Round) =>
    r.services.errors +
    r.matches.errors +
    r.koa.errors +
    r.servicesLatency.errors +
    r.matchesLatency.errors +
    r.koaAtServicesRate.errors +
    r.koaAtMatchesRate.errors,
};

type Summary = Record<keyof typeof FIGURES, Spread>;

const summarise = (rounds: Round[]) =>
  Object.fromEntries(Object.entries(FIGURES).map(([name, figure]) => [name, spread(rounds.map(figure))])) as Summary;

type Run = {
  machine: Machine;
  options: Options;
  catalogue: Catalogue;
  rates: Rates;
  rounds: Round[];
  perQuery: PerQuery[];
};

const num = (n: number) => (Number.isNaN(n) ? '–' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const cell = (s: Spread) => `${num(s.median)} (${num(s.min)}–${num(s.max)})`;

function renderSection(run: Run, outFile: string): string {
  const { machine, options: o, catalogue: c, rates } = run;
  const s = summarise(run.rounds);
  const met = s.servicesP99.median < TARGET_P99_MS;
  const metAtSaturation = s.servicesSatP99.median < TARGET_P99_MS;
  const firstError = run.rounds
    .flatMap((r) => [r.services, r.matches, r.koa, r.servicesLatency, r.matchesLatency].map((x) => x.firstError))
    .find(Boolean);
  const noisy = s.satOthers.max > 0.2 || s.rateOthers.max > 0.2;
  // The p99 of a window follows what the rest of the machine did meanwhile: split the rounds by it.
  const quiet = run.rounds.filter((r) => r.servicesLatency.othersCores < QUIET_CORES);
  const busy = run.rounds.filter((r) => r.servicesLatency.othersCores >= QUIET_CORES);
  const p99s = (rounds: Round[]) => rounds.map((r) => `${num(r.servicesLatency.p99)} ms`).join(', ');
  const split =
    quiet.length && busy.length
      ? `By window: where everything else used under ${QUIET_CORES} core of the ${machine.cores}, p99 = ${p99s(quiet)} ` +
        `(${quiet.length} of ${run.rounds.length} rounds); where it used more, p99 = ${p99s(busy)}.`
      : '';
  const roundRows = run.rounds
    .map((r) => {
      const w = (x: AtRate) => `${num(x.p50)} / ${num(x.p99)} (${x.othersCores.toFixed(2)})`;
      return `| ${r.round} | ${w(r.servicesLatency)} | ${w(r.koaAtServicesRate)} | ${w(r.matchesLatency)} | ${w(r.koaAtMatchesRate)} |`;
    })
    .join('\n');
  const catalogueLine =
    `${c.published} published services: the ${c.demo} of the demo catalogue and ${c.imported} aides-jeunes aids ` +
    `imported with \`kms services import --format aides-jeunes\`` +
    (c.rejected ? ` (${c.rejected} rejected by the importer)` : '') +
    (c.importNote ? ` – ${c.importNote}` : '');
  const perQueryRows = run.perQuery
    .map(
      (q) =>
        `| \`${q.request}\` | ${q.total} | ${(q.bytes / 1024).toFixed(1)} | ${num(q.latency.p50)} | ${num(q.latency.p99)} | ${num(q.cpuMsPerRequest)} | ${num(q.mainCpuMsPerRequest)} |`,
    )
    .join('\n');
  return `${HEADING}

Measured ${machine.date.slice(0, 16).replace('T', ' ')} UTC with \`npm run bench:directory\` (\`bench/directory.ts\`):
${run.rounds.length} rounds, medians with (min–max) across rounds. Raw figures of every round:
\`${path.relative(ROOT, outFile)}\` (git-ignored).

Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.kernel};
shared${noisy ? ' and busy during this run (see Noise)' : ''}, so only figures of the same run are compared.
The load generator runs on the same ${machine.cores} cores as the servers.

Catalogue: ${catalogueLine}.

**Headline: \`GET /api/services\` p99 = ${num(s.servicesP99.median)} ms (${num(s.servicesP99.min)}–${num(s.servicesP99.max)})
at ${rates.services} requests/s offered over up to ${o.connections} connections, target < ${TARGET_P99_MS} ms: ${met ? 'met' : 'not met'}.**
With ${o.connections} clients sending back to back instead (saturation, ${num(s.services.median)} requests/s), p99 =
${num(s.servicesSatP99.median)} ms, ${metAtSaturation ? 'under' : 'over'} ${TARGET_P99_MS} ms: at saturation latency is
queueing, ${o.connections} requests in flight ÷ ${num(s.services.median)}/s = ${num((o.connections * 1000) / s.services.median)} ms
on average whatever a request costs (bare Koa's p99 in its own saturation window: ${num(s.koaSatP99.median)} ms).
${split}

### Throughput at saturation, ${o.connections} connections (closed loops, ${o.seconds} s)

| endpoint | requests/s | p50 (ms) | p99 (ms) | server CPU per request (ms) | generator CPU per request (ms) |
| --- | --- | --- | --- | --- | --- |
| \`GET /api/services\`, ${SEARCHES.length} searches in turn | ${cell(s.services)} | ${cell(s.servicesSatP50)} | ${cell(s.servicesSatP99)} | ${cell(s.servicesCpu)} | ${cell(s.servicesGenCpu)} |
| \`POST /api/matches\`, ${PROFILES.length} anonymous profiles in turn | ${cell(s.matches)} | ${cell(s.matchesSatP50)} | ${cell(s.matchesSatP99)} | ${cell(s.matchesCpu)} | ${cell(s.matchesGenCpu)} |
| baseline, same run: bare Koa, tiny JSON | ${cell(s.koa)} | ${cell(s.koaSatP50)} | ${cell(s.koaSatP99)} | ${cell(s.koaCpu)} | ${cell(s.koaGenCpu)} |

Server CPU by thread (ms per request): \`/api/services\` JS main thread ${cell(s.servicesMainCpu)}, V8 helper
threads (GC, compilation) ${cell(s.servicesV8Cpu)}; \`/api/matches\` main ${cell(s.matchesMainCpu)}, V8 helpers
${cell(s.matchesV8Cpu)}.

### Latency at a fixed offered rate (open loop, up to ${o.connections} connections, ${o.short} s; ms)

| endpoint | offered | p50 | p99 | max | bare Koa at the same rate, p50 | p99 |
| --- | --- | --- | --- | --- | --- | --- |
| \`GET /api/services\` | ${rates.services}/s | ${cell(s.servicesP50)} | ${cell(s.servicesP99)} | ${cell(s.servicesMax)} | ${cell(s.koaSP50)} | ${cell(s.koaSP99)} |
| \`POST /api/matches\` | ${rates.matches}/s | ${cell(s.matchesP50)} | ${cell(s.matchesP99)} | ${cell(s.matchesMax)} | ${cell(s.koaMP50)} | ${cell(s.koaMP99)} |

Rates: ${
    rates.calibration
      ? `about half the saturation measured after the warm-up (${num(rates.calibration.services)} and ${num(rates.calibration.matches)} requests/s)`
      : 'given on the command line'
  }.

Round by round: p50 / p99 in ms (others' load in that window, cores)

| round | \`/api/services\` at ${rates.services}/s | bare Koa at ${rates.services}/s | \`/api/matches\` at ${rates.matches}/s | bare Koa at ${rates.matches}/s |
| --- | --- | --- | --- | --- |
${roundRows}

### Request by request (one connection, ${o.perQuery} requests back to back, after the rounds; one pass)

| request | results | response (KiB) | p50 (ms) | p99 (ms) | server CPU per request (ms, all threads) | of which JS main thread |
| --- | --- | --- | --- | --- | --- | --- |
${perQueryRows}

### Noise: CPU used by everything else on the machine (cores)

| windows | others' load | stolen by the host |
| --- | --- | --- |
| saturation (worst of the three) | ${cell(s.satOthers)} | ${cell(s.steal)} |
| fixed rate (worst of the four) | ${cell(s.rateOthers)} | |

Errors over all measurements: ${s.errors.max === 0 ? 'none' : `${num(s.errors.median)} per round (median); first: ${firstError ?? 'see the JSON'}`}.

### Method

- Servers are child processes started as \`npm start\` starts them: \`node provider/src/main.ts\` then
  \`node directory/src/main.ts\` over a fresh SQLite file (\`NODE_ENV=test\`, \`LOG_LEVEL=warn\`), and
  \`bench/servers/bare-koa.ts\` for the baseline. This process only generates load, with keep-alive \`node:http\`
  and at most ${o.connections} connections per server.
- Catalogue, before the servers start: the demo catalogue seeded as mes-services seeds an empty table on its first
  start, then \`node provider/src/admin/cli.ts services import --format aides-jeunes ${path.relative(ROOT, AIDES_JEUNES)}\`.
- Searches, in turn: ${SEARCHES.map((u) => `\`${decodeURIComponent(u.replace('/api/services', '') || '(none)')}\``).join(', ')}.
- Anonymous profiles, in turn (\`POST /api/matches\`, JSON body): ${PROFILES.map((p) => `${describeProfile(p.claims)}${p.path.includes('?') ? ` with \`${p.path.slice(p.path.indexOf('?'))}\`` : ''}`).join('; ')}.
- Saturation: ${o.connections} closed loops for ${o.seconds} s, each request timed from its sending; the order of the
  three endpoints rotates every round. Fixed rate: an open loop starts a request every 1/rate s for ${o.short} s and
  times it from when it was due (no coordinated omission); bare Koa is measured at the same rate as each endpoint.
- CPU: user + system time from \`/proc/<pid>/stat\` (and \`/proc/<pid>/task/\` by thread) around each window, divided
  by the requests completed. Others' load is the machine's busy time from \`/proc/stat\` minus this benchmark's.
- One unrecorded warm-up pass precedes the rounds and sets the rates.
`;
}

function writeReport(run: Run, outFile: string) {
  replaceSection(path.join(ROOT, 'bench', 'RESULTS.md'), HEADING, renderSection(run, outFile));
}

function describeRound(r: Round): string {
  const f = (n: number) => n.toFixed(1);
  return [
    `round ${r.round}: services ${f(r.services.perSecond)}/s, matches ${f(r.matches.perSecond)}/s, koa ${f(r.koa.perSecond)}/s`,
    `p50/p99 at rate: services ${f(r.servicesLatency.p50)}/${f(r.servicesLatency.p99)} ms, ` +
      `matches ${f(r.matchesLatency.p50)}/${f(r.matchesLatency.p99)} ms, koa ${f(r.koaAtServicesRate.p50)}/${f(r.koaAtServicesRate.p99)} ms`,
    `p99 at saturation: services ${f(r.services.latency.p99)} ms`,
    `others' load ${FIGURES.satOthers(r).toFixed(2)} cores`,
    FIGURES.errors(r) ? `errors ${FIGURES.errors(r)}` : '',
  ]
    .filter(Boolean)
    .join(' | ');
}

function log(message: string) {
  process.stdout.write(`[bench:directory] ${message}\n`);
}

async function main() {
  const options = readOptions();
  if (options.from) {
    const saved = JSON.parse(fs.readFileSync(options.from, 'utf8')) as Run;
    writeReport(saved, path.resolve(options.from));
    log(`bench/RESULTS.md written again from ${options.from}`);
    return;
  }
  const machine = describeMachine();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-bench-directory-'));
  let clients: Clients | undefined;
  try {
    const { servers, clients: c, catalogue } = await setUp(options, tmp);
    clients = c;
    log('warm-up pass');
    const rates = await warmUp({ options, servers, clients, catalogue });
    log(`fixed rates: services ${rates.services}/s, matches ${rates.matches}/s`);
    const bench: Bench = { options, servers, clients, rates, catalogue };
    const rounds: Round[] = [];
    for (let i = 0; i < options.rounds; i++) {
      rounds.push(await measureRound(bench, i));
      log(describeRound(rounds.at(-1)!));
    }
    log('request by request');
    const queries = await perQuery(bench);
    const run: Run = { machine, options, catalogue, rates, rounds, perQuery: queries };
    const outDir = path.join(ROOT, 'bench', 'out');
    fs.mkdirSync(outDir, { recursive: true });
    const outFile = path.join(outDir, `directory-${machine.date.replaceAll(':', '-')}.json`);
    fs.writeFileSync(outFile, `${JSON.stringify({ ...run, summary: summarise(rounds) }, null, 2)}\n`);
    if (options.profile) {
      log(`raw rounds in ${path.relative(ROOT, outFile)}; profile in bench/out/profiles/ once mes-services exits`);
    } else {
      writeReport(run, outFile);
      log(`raw rounds in ${path.relative(ROOT, outFile)}; medians in bench/RESULTS.md`);
    }
    const s = summarise(rounds);
    log(
      `median /api/services ${s.services.median.toFixed(0)}/s at saturation; p99 at ${rates.services}/s ` +
        `${s.servicesP99.median.toFixed(1)} ms (target < ${TARGET_P99_MS} ms: ${s.servicesP99.median < TARGET_P99_MS ? 'met' : 'NOT met'})`,
    );
  } finally {
    clients?.directory.close();
    clients?.koa.close();
    await Promise.all(started.map((child) => child.stop()));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
