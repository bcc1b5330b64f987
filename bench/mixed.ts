// `npm run bench:mixed`: five minutes of mixed load on mon-compte and mes-services together, at a
// fixed offered rate per kind of request (open loops), after an uncounted warm-up: logins through
// the HTML forms (and their code exchange), refresh-token grants (rotating), userinfo, KorriGo card
// checks (and the terminals' token renewals), directory searches and anonymous matches. Every
// answer is checked; zero errors are required. Each server's RSS is sampled every few seconds:
// its growth after the warm-up must stay under 10 %. Figures go to bench/RESULTS.md and the raw
// samples to bench/out/.
//
// Options: --seconds 300 (measured) --warm-up 30 (not counted) --sample 5 (RSS period, s)
//          --login-rate 3 --refresh-rate 10 --userinfo-rate 25 --check-rate 100
//          --search-rate 50 --match-rate 20 (offered rates, per second; see bench/README.md for why)
//          --timeout 10 (s: a request without an answer by then is an error)
//          --login-accounts 12 --refresh-accounts 40 --cards 500 --terminals 20
//          --from bench/out/mixed-….json (measures nothing: writes RESULTS.md again)
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import argon2 from 'argon2';
import { exportJWK, generateKeyPair } from 'jose';
import * as oidc from 'openid-client';
import { freePort, ROOT, startChild, waitForHttp, type Child, TICKS_PER_SECOND } from './lib/children.ts';
import { httpClient, type HttpClient } from './lib/load.ts';
import { describeMachine, machineCpu, type Machine } from './lib/machine.ts';
import { replaceSection } from './lib/results-file.ts';
import { latency, percentile, type Latency } from './lib/stats.ts';
import { kms, PASSWORD, RENNES_METROPOLE, type ProviderEnv } from './lib/setup.ts';
import { basicAuth, createVirtualBrowser, exchangeCode, type VirtualBrowser } from './lib/virtual-browser.ts';
import { createBrowserAgent } from '../test/helpers/browser-agent.ts';
import { consent, createRelyingParty, finishFlow, logIn, startFlow } from '../test/helpers/relying-party.ts';
import { createDb } from '../db/create-db.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createDirectoryServicesRepo } from '../db/repos/directory-services-repo.ts';
import { seedDemoCatalogue } from '../directory/src/catalogue/catalogue-store.ts';
import { createFileKeyStore } from '../keys/src/key-store.ts';
import { loadKeys } from '../keys/src/load-keys.ts';
import { loadConfig } from '../platform/config.ts';
import { createServices } from '../provider/src/app.ts';
import { seedOrganisations } from '../provider/src/admin/organisations.ts';
import { ARGON2_OPTIONS } from '../provider/src/accounts/password-hasher.ts';

const HEADING = '## Mixed load, 5 minutes (issue 9)';
const RSS_GROWTH_TARGET = 10; // per cent, after the warm-up
const BREST_METROPOLE = '242900314';
const REDIRECT_URI = 'http://localhost:9/bench/callback';
const AIDES_JEUNES = path.resolve(ROOT, '..', 'shared', 'data', 'aides-jeunes-bretagne.json');

/** Searches and anonymous profiles, as in bench/directory.ts (what citizens type and tick). */
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
    claims: { birthdate: '2008-09-15', bzh_commune: '22278', bzh_activity: 'lyceen', bzh_boursier: true },
  },
  {
    path: '/api/matches',
    claims: { birthdate: '1952-11-30', bzh_commune: '56260', bzh_activity: 'retraite', bzh_disability_rate: 60 },
  },
  { path: '/api/matches?thematique=jeunesse', claims: STUDENT },
  { path: '/api/matches?q=transport', claims: STUDENT },
];

// ---------------------------------------------------------------------------------------------
// Options

type Rates = { login: number; refresh: number; userinfo: number; check: number; search: number; match: number };

type Options = {
  seconds: number;
  warmUp: number;
  sample: number;
  rates: Rates;
  timeout: number;
  loginAccounts: number;
  refreshAccounts: number;
  cards: number;
  terminals: number;
  /** Diagnosis: the servers run with --trace-gc, and the heap after each full GC is reported. */
  traceGc: boolean;
  /** Only bench/out/: RESULTS.md is left alone (calibration and diagnosis runs). */
  noResults: boolean;
  from?: string;
};

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '300' },
      'warm-up': { type: 'string', default: '30' },
      sample: { type: 'string', default: '5' },
      'login-rate': { type: 'string', default: '3' },
      'refresh-rate': { type: 'string', default: '10' },
      'userinfo-rate': { type: 'string', default: '25' },
      'check-rate': { type: 'string', default: '100' },
      'search-rate': { type: 'string', default: '50' },
      'match-rate': { type: 'string', default: '20' },
      timeout: { type: 'string', default: '10' },
      'login-accounts': { type: 'string', default: '12' },
      'refresh-accounts': { type: 'string', default: '40' },
      cards: { type: 'string', default: '500' },
      terminals: { type: 'string', default: '20' },
      'trace-gc': { type: 'boolean', default: false },
      'no-results': { type: 'boolean', default: false },
      from: { type: 'string' },
    },
  });
  return {
    seconds: Number(values.seconds),
    warmUp: Number(values['warm-up']),
    sample: Number(values.sample),
    rates: {
      login: Number(values['login-rate']),
      refresh: Number(values['refresh-rate']),
      userinfo: Number(values['userinfo-rate']),
      check: Number(values['check-rate']),
      search: Number(values['search-rate']),
      match: Number(values['match-rate']),
    },
    timeout: Number(values.timeout),
    loginAccounts: Number(values['login-accounts']),
    refreshAccounts: Number(values['refresh-accounts']),
    cards: Number(values.cards),
    terminals: Number(values.terminals),
    traceGc: values['trace-gc'],
    noResults: values['no-results'],
    from: values.from,
  };
}

function log(message: string) {
  process.stdout.write(`[bench:mixed] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Outcomes: every request is counted, by kind, in the warm-up or in the measured window

const KINDS = {
  login: 'login through the HTML forms (`prompt=login`)',
  codeExchange: '`authorization_code` at `/token`, right after each login',
  refresh: '`refresh_token` grant at `/token` (rotating)',
  userinfo: '`GET /me` (userinfo, Bearer)',
  check: '`POST /api/cards/check`',
  terminalToken: 'terminal token renewal (`client_credentials`, `private_key_jwt`)',
  search: '`GET /api/services` (mes-services)',
  match: '`POST /api/matches`, anonymous (mes-services)',
} as const;
type Kind = keyof typeof KINDS;
/** Kinds sent by an open loop of their own; the others follow from them. */
const RATE_OF: Partial<Record<Kind, keyof Rates>> = {
  login: 'login',
  refresh: 'refresh',
  userinfo: 'userinfo',
  check: 'check',
  search: 'search',
  match: 'match',
};

/** An unexpected answer; `key` groups alike failures in the report (no token or id in it). */
class Failure extends Error {
  key: string;
  constructor(key: string, detail = '') {
    super(detail ? `${key}: ${detail}` : key);
    this.key = key;
  }
}

function failureKey(err: unknown): string {
  if (err instanceof Failure) return err.key;
  const { code, reusedSocket } = (err ?? {}) as NodeJS.ErrnoException & { reusedSocket?: boolean };
  if (code) return `connection error ${code}${reusedSocket ? ' on a reused keep-alive connection' : ''}`;
  const message = err instanceof Error ? err.message : String(err);
  // Interaction uids, states, codes: long random strings would make every failure its own group.
  return message.replace(/[A-Za-z0-9_-]{16,}/g, '…').slice(0, 160);
}

type ErrorGroup = { warmUp: number; measured: number; example: string };
type Bucket = { ok: number; errors: number; latenciesMs: number[] };
type Tally = {
  warmUpOk: number;
  ok: number;
  /** Measured window only: from when each request was due (open loops) or sent (the others). */
  latenciesMs: number[];
  errors: Record<string, ErrorGroup>;
  /** By period of `sample` seconds of the due time, warm-up included. */
  buckets: Bucket[];
};

function createRecorder(t0: number, warmUpMs: number, bucketMs: number, timeoutMs: number) {
  const tallies = Object.fromEntries(
    Object.keys(KINDS).map((k) => [k, { warmUpOk: 0, ok: 0, latenciesMs: [], errors: {}, buckets: [] }]),
  ) as unknown as Record<Kind, Tally>;
  const inFlight = new Set<Promise<void>>();

  const bucket = (tally: Tally, due: number) => {
    const index = Math.max(0, Math.floor((due - t0 + 1e-3) / bucketMs));
    while (tally.buckets.length <= index) tally.buckets.push({ ok: 0, errors: 0, latenciesMs: [] });
    return tally.buckets[index]!;
  };

  return {
    tallies,
    /**
     * Runs `work` as one request of `kind`, due at `due`. Without an answer `timeoutMs` after it
     * was due, the request is an error, and `signal` tells the work to give up where it can (a
     * request waiting for its terminal's connection, for an idle browser or citizen): a client
     * that times out does not send it later. What was sent of a login or a refresh goes on, so
     * that the browser and the newest refresh token stay right.
     */
    track(kind: Kind, due: number, work: (signal: AbortSignal) => Promise<void>, phaseAt = due): Promise<void> {
      const tally = tallies[kind];
      // 1 µs of slack: t0 + (i × 1000) / rate − t0 is not always exactly (i × 1000) / rate in floating point.
      const measured = phaseAt - t0 >= warmUpMs - 1e-3;
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => {
            const failure = new Failure('timeout', `no answer in ${timeoutMs} ms`);
            reject(failure);
            controller.abort(failure);
          },
          Math.max(0, due + timeoutMs - performance.now()),
        );
      });
      const run = Promise.race([work(controller.signal), timeout]).then(
        () => {
          const ms = performance.now() - due;
          if (measured) {
            tally.ok++;
            tally.latenciesMs.push(ms);
          } else {
            tally.warmUpOk++;
          }
          const b = bucket(tally, due);
          b.ok++;
          b.latenciesMs.push(ms);
        },
        (err: unknown) => {
          const key = failureKey(err);
          const group = (tally.errors[key] ??= {
            warmUp: 0,
            measured: 0,
            example: err instanceof Error ? err.message.slice(0, 300) : String(err),
          });
          if (measured) group.measured++;
          else group.warmUp++;
          bucket(tally, due).errors++;
        },
      );
      const tracked = run.finally(() => {
        clearTimeout(timer);
        inFlight.delete(tracked);
      });
      inFlight.add(tracked);
      return tracked;
    },
    async drain() {
      while (inFlight.size) await Promise.all(inFlight);
    },
  };
}

type Recorder = ReturnType<typeof createRecorder>;

/**
 * Actors that do one thing at a time (a browser, a citizen's refresh token), taken in turn: a
 * request that finds them all busy waits for the first one freed, and that wait is part of its
 * latency (timed from when it was due).
 */
function createPool<T>(items: T[]) {
  const idle = [...items];
  const waiting: ((item: T) => void)[] = [];
  return {
    /** The next idle one; a request given up (`signal`) leaves the queue. */
    take(signal: AbortSignal): Promise<T> {
      if (idle.length) return Promise.resolve(idle.shift()!);
      return new Promise<T>((resolve, reject) => {
        const waiter = (item: T) => {
          signal.removeEventListener('abort', onAbort);
          resolve(item);
        };
        const onAbort = () => {
          waiting.splice(waiting.indexOf(waiter), 1);
          reject(signal.reason);
        };
        waiting.push(waiter);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    },
    give(item: T) {
      const next = waiting.shift();
      if (next) next(item);
      else idle.push(item);
    },
  };
}

/** Starts `send(i, due)` every 1/rate s from t0 until `end`, whether or not earlier ones are answered. */
async function openLoop(rate: number, t0: number, end: number, send: (i: number, due: number) => void) {
  if (!(rate > 0)) return;
  for (let i = 0; ; i++) {
    const due = t0 + (i * 1000) / rate;
    if (due >= end) return;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    // From when it left if the timer fired early (see atFixedRate in lib/load.ts).
    send(i, Math.min(due, performance.now()));
  }
}

// ---------------------------------------------------------------------------------------------
// Data: accounts, card holders, terminals, catalogue, relying party

type CardKind = 'allowed' | 'no_consent' | 'lost';
const EXPECTED: Record<CardKind, string> = {
  allowed: 'recognised',
  no_consent: 'not_recognised',
  lost: 'card_blocked',
};
type Holder = { id: string; email: string; uid: string; kind: CardKind; body: string };
type TerminalKey = { clientId: string; privateKey: CryptoKey; jwk: Record<string, unknown>; scopes: string[] };

/** 2 % of cards declared lost, 10 % of holders consenting to Brest Métropole only, the rest to Rennes. */
function createHolders(count: number): Holder[] {
  return Array.from({ length: count }, (_, i) => {
    const kind: CardKind = i % 50 === 0 ? 'lost' : i % 10 === 1 ? 'no_consent' : 'allowed';
    const hex = `04${crypto.randomBytes(6).toString('hex').toUpperCase()}`;
    const uid = i % 2 ? hex.match(/../g)!.join(':') : hex;
    return {
      id: crypto.randomUUID(),
      email: `porteur-${i}@banc-essai.bzh`,
      uid,
      kind,
      body: JSON.stringify({ uid, service: 'piscine' }),
    };
  });
}

async function createTerminalKey(clientId: string, scopes: string[]): Promise<TerminalKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { clientId, privateKey, jwk: { ...(await exportJWK(publicKey)), alg: 'ES256', use: 'sig' }, scopes };
}

/** The services of mon-compte on the database, for the set-up only (no mail is sent from here). */
async function openServices(env: ProviderEnv) {
  const db = await createDb(env.DATABASE_URL);
  const keys = await loadKeys(createFileKeyStore(env.KEYS_DIR));
  const config = loadConfig({ ...env });
  return { db, services: createServices({ config, db, keys, mailer: { send: async () => undefined } }) };
}

/**
 * Before the servers start, through the project's repositories and services (as bench/korrigo.ts):
 * the citizens (one argon2id hash of the bench password, computed once), the card holders'
 * profiles, consents and pairing codes, the terminals, and the directory's catalogue (the demo
 * catalogue as mes-services seeds it, then the aides-jeunes aids with `kms services import`).
 */
async function prepareData(env: ProviderEnv, emails: string[], holders: Holder[], terminals: TerminalKey[]) {
  const passwordHash = await argon2.hash(PASSWORD, ARGON2_OPTIONS);
  const { db, services } = await openServices(env);
  const codes = new Map<string, string>();
  try {
    await migrateToLatest(db);
    await seedOrganisations(services.repos.organisations);
    for (const email of emails) {
      await services.repos.accounts.create({ id: crypto.randomUUID(), email, passwordHash, emailVerified: true });
    }
    for (const [i, h] of holders.entries()) {
      await services.repos.accounts.create({ id: h.id, email: h.email, passwordHash, emailVerified: true });
      await services.repos.accounts.saveProfile(h.id, {
        birthdate: `${1940 + (i % 70)}-0${1 + (i % 9)}-1${i % 10}`,
        bzh_commune: ['35238', '35238', '35281', '29019', '56260'][i % 5]!,
      });
      if (h.kind === 'no_consent') await services.cards.setConsent(h.id, BREST_METROPOLE, ['age_group']);
      else await services.cards.setConsent(h.id, RENNES_METROPOLE, ['resident', 'age_group']);
      codes.set(h.id, await services.cards.createPairingCode(h.id));
    }
    for (const t of terminals) {
      await services.clients.addTerminal({
        clientId: t.clientId,
        name: `Borne d’essai ${t.clientId}`,
        organisationSiren: RENNES_METROPOLE,
        jwks: { keys: [t.jwk] },
        scopes: t.scopes,
      });
    }
    await seedDemoCatalogue(createDirectoryServicesRepo(db));
  } finally {
    await db.destroy();
  }
  let importNote = 'demo catalogue only: the aides-jeunes file is missing';
  if (fs.existsSync(AIDES_JEUNES)) {
    const cli = spawnSync(
      process.execPath,
      [path.join(ROOT, 'provider/src/admin/cli.ts'), 'services', 'import', '--format', 'aides-jeunes', AIDES_JEUNES],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 60_000 },
    );
    // Exit status 1 means that some services were rejected; the others are stored.
    if (cli.status !== 0 && cli.status !== 1) throw new Error(`kms services import failed: ${cli.stderr}`);
    importNote = `demo catalogue + ${(JSON.parse(cli.stdout) as { stored: number }).stored} aides-jeunes aids`;
  }
  // The relying party with the admin CLI, as an operator registers one.
  const rp = kms(env, [
    'clients',
    'add',
    '--name',
    'Banc d’essai, charge mixte',
    '--org',
    RENNES_METROPOLE,
    '--redirect-uri',
    REDIRECT_URI,
    '--scope',
    'email offline_access',
  ]) as { client_id: string; client_secret?: string };
  return { codes, importNote, relyingParty: { ...rp, redirectUri: REDIRECT_URI } };
}

// ---------------------------------------------------------------------------------------------
// Actors

type Terminal = {
  clientId: string;
  config: oidc.Configuration;
  scope: string;
  client: HttpClient;
  headers: Record<string, string>;
  expiresAt: number;
  renewing?: Promise<void>;
};

async function renewToken(terminal: Terminal) {
  const tokens = await oidc.clientCredentialsGrant(terminal.config, { scope: terminal.scope });
  terminal.headers = { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json' };
  terminal.expiresAt = Date.now() + (tokens.expires_in ?? 300) * 1000;
}

async function connectTerminal(issuer: string, key: TerminalKey, scope: string, connections = 1): Promise<Terminal> {
  const config = await oidc.discovery(new URL(issuer), key.clientId, undefined, oidc.PrivateKeyJwt(key.privateKey), {
    execute: [oidc.allowInsecureRequests],
  });
  const terminal: Terminal = {
    clientId: key.clientId,
    config,
    scope,
    // A terminal sends its checks one after the other, on one keep-alive connection.
    client: httpClient(issuer, { maxSockets: connections }),
    headers: {},
    expiresAt: 0,
  };
  await renewToken(terminal);
  return terminal;
}

/** A relying party's citizen with offline access: the newest refresh token and access token. */
type OfflineAccount = { email: string; refreshToken: string; accessToken: string };

/**
 * First visit of an offline_access citizen: offline_access needs prompt=consent, so the citizen
 * logs in, consents (email), and the relying party exchanges the code for its first tokens.
 */
async function consentOffline(rp: Awaited<ReturnType<typeof createRelyingParty>>, email: string) {
  const browser = createBrowserAgent();
  const flow = await startFlow(rp, { scope: 'openid email offline_access', prompt: 'consent' });
  const page = await logIn(browser, flow, rp, email, PASSWORD);
  if (!page.url.includes('/interaction/')) throw new Error(`offline consent of ${email}: no consent page`);
  const callback = await consent(browser, page, rp, ['email']);
  const tokens = await finishFlow(rp, flow, callback.url);
  if (!tokens.refresh_token) throw new Error(`offline consent of ${email}: no refresh token`);
  return { email, refreshToken: tokens.refresh_token, accessToken: tokens.access_token };
}

const httpFailure = (res: { status: number; body: string }) => {
  let code = '';
  try {
    code = String((JSON.parse(res.body) as { error?: string }).error ?? '');
  } catch {
    // not JSON
  }
  return new Failure(`HTTP ${res.status}${code ? ` ${code}` : ''}`, res.body.slice(0, 200));
};

// ---------------------------------------------------------------------------------------------
// Memory and CPU samples

type Sample = {
  /** Seconds since the start of the load (warm-up included). */
  t: number;
  rssMiB: { provider: number; directory: number; generator: number };
  /**
   * RssAnon: the process's own memory (V8 heap, malloc, stacks), without the file-backed pages
   * (the node binary, shared libraries) that VmRSS also counts.
   */
  anonMiB?: { provider: number; directory: number };
  /** CPU cores used since the previous sample. */
  cores: { provider: number; directory: number; generator: number; others: number };
  loadAverage: number;
};

function memoryMiB(pid: number): { rss: number; anon: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1] ?? Number.NaN) / 1024;
  return { rss: field('VmRSS'), anon: field('RssAnon') };
}

function createSampler(provider: Child, directory: Child) {
  const cpu = () => {
    const generator = process.cpuUsage();
    return {
      provider: provider.cpuSeconds(),
      directory: directory.cpuSeconds(),
      generator: (generator.user + generator.system) / 1e6,
      machine: machineCpu(TICKS_PER_SECOND).busy,
      at: performance.now(),
    };
  };
  let last = cpu();
  return (t: number): Sample => {
    const now = cpu();
    const wall = (now.at - last.at) / 1000 || Number.NaN;
    const used = (k: 'provider' | 'directory' | 'generator') => (now[k] - last[k]) / wall;
    const ours = now.provider - last.provider + now.directory - last.directory + now.generator - last.generator;
    const memory = { provider: memoryMiB(provider.process.pid!), directory: memoryMiB(directory.process.pid!) };
    const sample: Sample = {
      t,
      rssMiB: {
        provider: memory.provider.rss,
        directory: memory.directory.rss,
        generator: process.memoryUsage.rss() / 2 ** 20,
      },
      anonMiB: { provider: memory.provider.anon, directory: memory.directory.anon },
      cores: {
        provider: used('provider'),
        directory: used('directory'),
        generator: used('generator'),
        others: Math.max(0, (now.machine - last.machine - ours) / wall),
      },
      loadAverage: os.loadavg()[0]!,
    };
    last = now;
    return sample;
  };
}

// ---------------------------------------------------------------------------------------------
// Summary

type KindSummary = {
  offered?: number;
  /** Successful answers per second over the measured window. */
  achieved: number;
  ok: number;
  warmUpOk: number;
  errors: number;
  warmUpErrors: number;
  latency: Latency;
  errorGroups: Record<string, ErrorGroup>;
  /** Per sample period: requests due then, answered well, in error, and their p99 (ms). */
  timeline: { t: number; ok: number; errors: number; p99: number }[];
};
type Memory = {
  warmUpEndMiB: number;
  endMiB: number;
  maxMiB: number;
  minMiB: number;
  growthPercent: number;
  /**
   * The highest (lowest) sample of the measured window's second half against that of its first
   * half. A leak lifts the highest, whether memory moves in a sawtooth or rises steadily; the
   * lowest also rises when a sawtooth settles into a plateau, which is no leak, so it is shown
   * but not judged. (Absent from runs saved before they were added: computed again.)
   */
  peakGrowthPercent?: number;
  floorGrowthPercent?: number;
  /** Least-squares slope over the measured window's samples. */
  trendMiBPerMinute: number;
};
type Saved = {
  machine: Machine;
  options: Options;
  catalogue: string;
  setupSeconds: number;
  kinds: Record<Kind, KindSummary>;
  memory: Record<'provider' | 'directory', Memory & { anon?: Memory }>;
  cores: Record<'provider' | 'directory' | 'generator' | 'others', number>;
  loadAverage: { start: number; end: number };
  samples: Sample[];
  serverOutput: { provider: string; directory: string };
  /** With --trace-gc: every full (mark-compact) GC of each server. */
  fullGcs?: Record<'provider' | 'directory', FullGc[]>;
};

/** A full GC seen with --trace-gc: when (s since the start of the load) and the heap after it (MiB). */
type FullGc = { t: number; beforeMiB: number; afterMiB: number; committedMiB: number };

const GC_LINE = /^\[\d+:0x[0-9a-f]+\]\s+\d+ ms: .*$/gm;
const withoutGcLines = (output: string) => output.replace(GC_LINE, '').replace(/\n{2,}/g, '\n');

/** `[pid:isolate]  1234 ms: Mark-Compact 120.3 (150.1) -> 80.2 (151.0) MB, …` (V8's --trace-gc). */
function fullGcs(output: string, spawnedAt: number): FullGc[] {
  const gcs: FullGc[] = [];
  for (const m of output.matchAll(
    /\]\s+(\d+) ms: Mark-Compact[^\d]*([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/g,
  )) {
    gcs.push({
      t: spawnedAt + Number(m[1]) / 1000,
      beforeMiB: Number(m[2]),
      afterMiB: Number(m[4]),
      committedMiB: Number(m[5]),
    });
  }
  return gcs;
}

function summariseKind(kind: Kind, tally: Tally, options: Options): KindSummary {
  const count = (f: (g: ErrorGroup) => number) => Object.values(tally.errors).reduce((sum, g) => sum + f(g), 0);
  const rate = RATE_OF[kind];
  return {
    offered: rate ? options.rates[rate] : undefined,
    achieved: tally.ok / options.seconds,
    ok: tally.ok,
    warmUpOk: tally.warmUpOk,
    errors: count((g) => g.measured),
    warmUpErrors: count((g) => g.warmUp),
    latency: latency(tally.latenciesMs),
    errorGroups: tally.errors,
    timeline: tally.buckets.map((b, i) => ({
      t: i * options.sample,
      ok: b.ok,
      errors: b.errors,
      p99: percentile(b.latenciesMs, 99),
    })),
  };
}

function summariseMemory(
  samples: Sample[],
  name: 'provider' | 'directory',
  warmUp: number,
  field: 'rssMiB' | 'anonMiB' = 'rssMiB',
): Memory {
  const measured = samples.filter((s) => s.t >= warmUp);
  const values = measured.map((s) => s[field]?.[name] ?? Number.NaN);
  const start = values[0]!;
  const end = values.at(-1)!;
  const ts = measured.map((s) => s.t / 60);
  const meanT = ts.reduce((a, b) => a + b, 0) / ts.length;
  const meanV = values.reduce((a, b) => a + b, 0) / values.length;
  const cov = ts.reduce((sum, t, i) => sum + (t - meanT) * (values[i]! - meanV), 0);
  const varT = ts.reduce((sum, t) => sum + (t - meanT) ** 2, 0);
  const half = Math.floor(values.length / 2);
  const [first, second] = [values.slice(0, half), values.slice(half)];
  const growth = (from: number, to: number) => ((to - from) / from) * 100;
  return {
    warmUpEndMiB: start,
    endMiB: end,
    maxMiB: Math.max(...values),
    minMiB: Math.min(...values),
    growthPercent: growth(start, end),
    peakGrowthPercent: growth(Math.max(...first), Math.max(...second)),
    floorGrowthPercent: growth(Math.min(...first), Math.min(...second)),
    trendMiBPerMinute: varT ? cov / varT : Number.NaN,
  };
}

// ---------------------------------------------------------------------------------------------
// Report

/** The saved memory figures, with the peaks and floors computed again for runs saved without them. */
function memoryWithBands(saved: Saved): Saved['memory'] {
  const again = (p: 'provider' | 'directory') =>
    saved.memory[p].peakGrowthPercent !== undefined
      ? saved.memory[p]
      : {
          ...summariseMemory(saved.samples, p, saved.options.warmUp),
          anon: saved.memory[p].anon && summariseMemory(saved.samples, p, saved.options.warmUp, 'anonMiB'),
        };
  return { provider: again('provider'), directory: again('directory') };
}

// null: a NaN saved in a run's JSON (JSON has no NaN), read back by --from.
const num = (n: number | undefined | null) =>
  n === undefined || n === null || Number.isNaN(n)
    ? '–'
    : n >= 100
      ? n.toFixed(0)
      : n >= 10
        ? n.toFixed(1)
        : n.toFixed(2);

function renderSection(saved: Saved, outFile: string): string {
  const { machine, options: o, kinds } = saved;
  const memory = memoryWithBands(saved);
  const kindList = Object.keys(KINDS) as Kind[];
  const totalErrors = kindList.reduce((sum, k) => sum + kinds[k].errors, 0);
  const warmUpErrors = kindList.reduce((sum, k) => sum + kinds[k].warmUpErrors, 0);
  const memoryMet = (['provider', 'directory'] as const).every((p) => memory[p].peakGrowthPercent! < RSS_GROWTH_TARGET);
  const date = machine.date.slice(0, 16).replace('T', ' ');
  const errorRows = kindList.flatMap((k) =>
    Object.entries(kinds[k].errorGroups).map(
      ([key, g]) => `| ${KINDS[k]} | ${key} | ${g.warmUp} | ${g.measured} | ${g.example.replaceAll('|', '\\|')} |`,
    ),
  );
  const renewals = kinds.terminalToken.ok + kinds.terminalToken.warmUpOk;
  const signed = (n: number, digits: number) => `${n >= 0 ? '+' : ''}${n.toFixed(digits)}`;
  const memRow = (label: string, m: Memory) =>
    `| ${label} | ${num(m.warmUpEndMiB)} | ${num(m.endMiB)} | ${num(m.maxMiB)} | ${num(m.minMiB)} | ` +
    `${signed(m.peakGrowthPercent!, 1)} % | ${signed(m.floorGrowthPercent!, 1)} % | ${signed(m.growthPercent, 1)} % | ` +
    `${signed(m.trendMiBPerMinute, 2)} |`;
  return `${HEADING}

Measured ${date} UTC with \`npm run bench:mixed\` (\`bench/mixed.ts\`): one run of ${o.warmUp} s of warm-up (not
counted) then ${o.seconds} s measured. Raw figures (every request kind's outcomes by ${o.sample}-s period, and the RSS and
CPU samples): \`${path.relative(ROOT, outFile)}\` (git-ignored).

Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.kernel};
shared with other work (load average ${saved.loadAverage.start.toFixed(1)} at the start, ${saved.loadAverage.end.toFixed(1)} at the
end; other processes used ${num(saved.cores.others)} cores on average during the measured window). The load generator runs on the
same cores as the servers.

**Headline: ${totalErrors === 0 ? 'zero errors' : `${totalErrors} errors`} over ${kindList.reduce((s, k) => s + kinds[k].ok + kinds[k].errors, 0)} measured requests${
    warmUpErrors ? ` (and ${warmUpErrors} in the warm-up)` : ' (none in the warm-up either)'
  }; RSS growth after the warm-up, highest sample of the measured window's second half against its first: mon-compte
${signed(memory.provider.peakGrowthPercent!, 1)} %, mes-services ${signed(memory.directory.peakGrowthPercent!, 1)} % (target < ${RSS_GROWTH_TARGET} % each). Target ${totalErrors === 0 && memoryMet ? 'met' : 'not met'}.**
(Lowest samples, same halves: mon-compte ${signed(memory.provider.floorGrowthPercent!, 1)} %, mes-services
${signed(memory.directory.floorGrowthPercent!, 1)} %. Between the two single samples at the end of the warm-up and at the end: mon-compte
${signed(memory.provider.growthPercent, 1)} %, mes-services ${signed(memory.directory.growthPercent, 1)} %.)

Offered rates, per second: ${o.rates.login} logins, ${o.rates.refresh} refresh grants, ${o.rates.userinfo} userinfo, ${o.rates.check} card
checks, ${o.rates.search} searches, ${o.rates.match} matches (the issue's example: 5, 20, 50, 200, 50, 20).${
    o.rates.login < 5 || o.rates.check < 200
      ? ` At the full example mon-compte needs ~0.6 core, and its requests time out whenever other work takes a core of
this shared machine (see "Mixed load at the issue's example rates" below, and \`bench/README.md\`): mon-compte's
rates are about halved here.`
      : ''
  }

### Requests (measured window, ${o.seconds} s)

| request | offered (/s) | achieved (/s) | answered well | errors | p50 (ms) | p99 (ms) | max (ms) |
| --- | --- | --- | --- | --- | --- | --- | --- |
${kindList
  .map((k) => {
    const x = kinds[k];
    return `| ${KINDS[k]} | ${x.offered ?? (k === 'codeExchange' ? 'one per login' : 'when due')} | ${k === 'terminalToken' ? '–' : num(x.achieved)} | ${x.ok} | ${x.errors} | ${num(x.latency.p50)} | ${num(x.latency.p99)} | ${num(x.latency.max)} |`;
  })
  .join('\n')}

Latency of the open loops is timed from when each request was due, not from when it was sent (no coordinated
omission); the code exchange and the token renewals from when they were sent. ${renewals} terminal token renewals in
all (tokens last 5 minutes; each terminal renews its own a minute before it expires, keeping the old one meanwhile).

### Memory: resident set size (MiB), sampled every ${o.sample} s

| process | end of warm-up | end | max | min | highest, 2nd half vs 1st (judged) | lowest, 2nd half vs 1st | end vs end of warm-up | trend (MiB/min) |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${memRow('mon-compte (`provider/src/main.ts`), VmRSS', memory.provider)}
${memRow('mes-services (`directory/src/main.ts`), VmRSS', memory.directory)}
${(['provider', 'directory'] as const)
  .filter((p) => memory[p].anon)
  .map((p) =>
    memRow(
      `${p === 'provider' ? 'mon-compte' : 'mes-services'}, RssAnon (its own memory: V8 heap, malloc, stacks)`,
      memory[p].anon!,
    ),
  )
  .join('\n')}

RSS moves in a sawtooth (V8 grows its heap, then gives memory back after full GCs, every few minutes) and may settle
into a plateau, so the growth between two single samples depends on where they fall. The criterion therefore compares
the highest sample of the measured window's second half with that of its first half: a leak lifts it, in a sawtooth or
not. The lowest samples are shown too: they also rise when a sawtooth settles into a plateau. Max and min are over the
measured window; "end vs end of warm-up" is the two-sample growth; the trend is the least-squares slope of the
measured window's samples. VmRSS also counts the file-backed pages mapped (the node binary
and its libraries, ~${num(memory.provider.anon ? memory.provider.endMiB - memory.provider.anon.endMiB : Number.NaN)} MiB for mon-compte at the end), which the
kernel may drop and reload; RssAnon is the part the process allocated itself.${saved.fullGcs ? `\n\n${renderFullGcs(saved.fullGcs, o.warmUp)}` : ''}

CPU over the measured window (cores, of ${machine.cores}): mon-compte ${num(saved.cores.provider)}, mes-services
${num(saved.cores.directory)}, load generator ${num(saved.cores.generator)}, other processes ${num(saved.cores.others)}.
${
  errorRows.length
    ? `
### Errors

| request | failure | warm-up | measured | first example |
| --- | --- | --- | --- | --- |
${errorRows.join('\n')}
`
    : ''
}
### Method

- Servers are child processes started as \`npm start\` starts them: \`node provider/src/main.ts\` (from a temporary
  folder) then \`node directory/src/main.ts\`, on a fresh SQLite file (\`NODE_ENV=test\`, \`LOG_LEVEL=warn\`, keys in a
  temporary \`KEYS_DIR\`, libuv's pool of cores + 2 = ${machine.cores + 2} threads as \`npm start\` sets it).
  This process only generates load, with keep-alive \`node:http\`.
- Data, before the servers start, through the project's repositories and services: ${o.loginAccounts + o.refreshAccounts}
  citizens and ${o.cards} card holders (one argon2id hash of the bench password), the holders' profiles, recognition
  consents (${Math.round(o.cards * 0.9)} to Rennes Métropole, the others to Brest Métropole only) and pairing codes,
  ${o.terminals} check terminals and one pairing terminal of Rennes Métropole (each its own ES256 key); catalogue: ${saved.catalogue}.
  The relying party with the admin CLI: \`kms clients add … --scope "email offline_access"\` (\`client_secret_basic\`).
- Then, servers running: every card is paired through \`POST /api/cards/pair\` with its holder's code and
  ${Math.ceil(o.cards / 50)} holders declare their card lost (\`cards.declareLost\`); the ${o.loginAccounts} login
  citizens log in once and consent to \`email\` (so their later logins skip consent); the ${o.refreshAccounts} offline
  citizens log in with \`scope=openid email offline_access\` and \`prompt=consent\` (which offline_access needs), consent,
  and the relying party exchanges the code (openid-client) for their first refresh token. Set-up took ${saved.setupSeconds.toFixed(0)} s.
- Load, one open loop per kind at its fixed rate, all together for ${o.warmUp} + ${o.seconds} s:
  logins (the next idle virtual browser of the ${o.loginAccounts}: \`GET /auth\` with PKCE and \`prompt=login\` → login page →
  \`POST …/login\` with the CSRF token → resume → redirect with a code, which the relying party exchanges at \`/token\`
  at once); refresh-token grants (the next idle offline citizen, in turn; the relying party keeps only the newest
  refresh token and access token of each, as the token rotates on every use, and never refreshes one citizen twice at
  once: a request that finds every browser or citizen busy waits for one, and the wait counts in its latency); userinfo with each offline citizen's newest access
  token, in turn; card checks from the ${o.terminals} terminals in turn (one connection each, a card drawn at random:
  88 % allowed, 10 % holders without consent to Rennes Métropole, 2 % lost, no unknown card so that the terminals'
  limit of 20 unknown cards a minute never answers 429), each answer checked against what the card should get;
  searches (the 12 of \`bench:directory\` in turn) and anonymous matches (its 6 profiles in turn) at mes-services.
- An error is any answer other than the expected one (status and content: \`200\` with tokens, claims, the expected
  \`reason\`, a list…; the login must end at the redirect with a code), any connection error, and any request without
  an answer ${o.timeout} s after it was due; a request that times out is abandoned where it still can be (waiting for
  its terminal's connection, for an idle browser or citizen), so that a terminal does not send it late. Requests due
  in the warm-up are counted apart.
- Memory: \`VmRSS\` and \`RssAnon\` of \`/proc/<pid>/status\` of each server every ${o.sample} s from the start of the load; CPU from
  \`/proc/<pid>/stat\` and \`/proc/stat\` over the same periods.
`;
}

/** With --trace-gc: the V8 heap after the full GCs of the measured window, where a leak would show. */
function renderFullGcs(gcs: Record<'provider' | 'directory', FullGc[]>, warmUp: number): string {
  const line = (label: string, all: FullGc[]) => {
    const measured = all.filter((g) => g.t >= warmUp);
    if (!measured.length) return `${label}: no full GC in the measured window`;
    const after = measured.map((g) => g.afterMiB);
    return (
      `${label}: ${measured.length} full GCs in the measured window, V8 heap after them ${num(after[0])} MiB (first) → ` +
      `${num(after.at(-1))} MiB (last), ${num(Math.min(...after))}–${num(Math.max(...after))} MiB`
    );
  };
  return `Heap after full GCs (\`--trace-gc\`, a diagnosis run): ${line('mon-compte', gcs.provider)}; ${line('mes-services', gcs.directory)}.`;
}

function writeReport(saved: Saved, outFile: string) {
  replaceSection(path.join(ROOT, 'bench', 'RESULTS.md'), HEADING, renderSection(saved, outFile));
}

// ---------------------------------------------------------------------------------------------
// Main

const started: Child[] = [];

async function main() {
  const options = readOptions();
  if (options.from) {
    writeReport(JSON.parse(fs.readFileSync(options.from, 'utf8')) as Saved, path.resolve(options.from));
    log(`bench/RESULTS.md written again from ${options.from}`);
    return;
  }
  const machine = describeMachine();
  const loadAtStart = os.loadavg()[0]!;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-bench-mixed-'));
  const clients: { close(): unknown }[] = [];
  const setupStart = performance.now();
  try {
    const [port, directoryPort] = [await freePort(), await freePort()];
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

    const loginEmails = Array.from({ length: options.loginAccounts }, (_, i) => `citoyen-${i}@banc-essai.bzh`);
    const offlineEmails = Array.from({ length: options.refreshAccounts }, (_, i) => `hors-ligne-${i}@banc-essai.bzh`);
    const holders = createHolders(options.cards);
    const checkers = await Promise.all(
      Array.from({ length: options.terminals }, (_, i) => createTerminalKey(`borne-mixte-${i + 1}`, ['korrigo:check'])),
    );
    const pairer = await createTerminalKey('borne-mixte-appairage', ['korrigo:check', 'korrigo:pair']);
    log(
      `data: ${loginEmails.length + offlineEmails.length} citizens, ${holders.length} card holders, ` +
        `${checkers.length + 1} terminals, catalogue, relying party`,
    );
    const data = await prepareData(env, [...loginEmails, ...offlineEmails], holders, [...checkers, pairer]);
    log(data.importNote);

    const nodeArgs = options.traceGc ? ['--trace-gc'] : [];
    const spawnedAt = { provider: performance.now(), directory: 0 };
    // As scripts/start.ts (npm start) runs them: libuv's pool gets a thread per core plus two.
    const serverEnv = { ...env, UV_THREADPOOL_SIZE: String(os.availableParallelism() + 2) };
    const provider = startChild('provider/src/main.ts', [], serverEnv, nodeArgs, { cwd: tmp });
    started.push(provider);
    await waitForHttp(provider, `${env.ISSUER}/healthz`);
    spawnedAt.directory = performance.now();
    const directory = startChild('directory/src/main.ts', [], serverEnv, nodeArgs);
    started.push(directory);
    await waitForHttp(directory, `${env.DIRECTORY_URL}/healthz`);

    log('pairing the cards');
    const pairing = await connectTerminal(env.ISSUER, pairer, 'korrigo:pair', 8);
    clients.push(pairing.client);
    let nextHolder = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (nextHolder < holders.length) {
          const h = holders[nextHolder++]!;
          const res = await pairing.client.request(
            'POST',
            '/api/cards/pair',
            pairing.headers,
            JSON.stringify({ uid: h.uid, code: data.codes.get(h.id) }),
          );
          if (res.status !== 200) throw new Error(`pairing ${h.email}: HTTP ${res.status} ${res.body}`);
        }
      }),
    );
    const { db, services } = await openServices(env);
    try {
      for (const h of holders) {
        if (h.kind === 'lost' && !(await services.cards.declareLost(h.id))) throw new Error(`no card for ${h.id}`);
      }
    } finally {
      await db.destroy();
    }
    const terminals = await Promise.all(checkers.map((key) => connectTerminal(env.ISSUER, key, 'korrigo:check')));
    clients.push(...terminals.map((t) => t.client));

    log('first logins: consent to email, and to offline access');
    const rp = await createRelyingParty(env.ISSUER, data.relyingParty, data.relyingParty.redirectUri);
    const browsers: VirtualBrowser[] = loginEmails.map((email) => createVirtualBrowser(rp, email));
    clients.push(...browsers);
    for (const browser of browsers) await browser.warmUp();
    const offline: OfflineAccount[] = [];
    for (const email of offlineEmails) offline.push(await consentOffline(rp, email));
    const userinfoPath = new URL(rp.config.serverMetadata().userinfo_endpoint!).pathname;
    const setupSeconds = (performance.now() - setupStart) / 1000;

    const backChannel = httpClient(env.ISSUER);
    const directoryClient = httpClient(env.DIRECTORY_URL, { maxSockets: 50 });
    clients.push(backChannel, directoryClient);
    const rpAuth = basicAuth(data.relyingParty.client_id, data.relyingParty.client_secret ?? '');

    // ----- the run
    const total = (options.warmUp + options.seconds) * 1000;
    const sampleMs = options.sample * 1000;
    const t0 = performance.now() + 200;
    const end = t0 + total;
    const recorder: Recorder = createRecorder(t0, options.warmUp * 1000, sampleMs, options.timeout * 1000);
    const sampler = createSampler(provider, directory);
    const samples: Sample[] = [];
    const sampling = (async () => {
      for (let k = 0; t0 + k * sampleMs <= end; k++) {
        const wait = t0 + k * sampleMs - performance.now();
        if (wait > 0) await sleep(wait);
        samples.push(sampler(k * options.sample));
        if (k % (60 / options.sample) === 0 && k > 0) {
          const s = samples.at(-1)!;
          const errors = (Object.keys(KINDS) as Kind[]).flatMap((kind) =>
            Object.entries(recorder.tallies[kind].errors).map(([key, g]) => `${kind} ${key} ×${g.warmUp + g.measured}`),
          );
          log(
            `t=${s.t} s: RSS mon-compte ${s.rssMiB.provider.toFixed(1)} MiB, mes-services ${s.rssMiB.directory.toFixed(1)} MiB; ` +
              `cores ${s.cores.provider.toFixed(2)}/${s.cores.directory.toFixed(2)}/${s.cores.generator.toFixed(2)} ` +
              `(others ${s.cores.others.toFixed(2)}); errors so far: ${errors.join(', ') || 'none'}`,
          );
        }
      }
    })();
    const cpuAtWarmUpEnd = (async () => {
      await sleep(Math.max(0, t0 + options.warmUp * 1000 - performance.now()));
      return {
        provider: provider.cpuSeconds(),
        directory: directory.cpuSeconds(),
        generator: process.cpuUsage(),
        machine: machineCpu(TICKS_PER_SECOND).busy,
      };
    })();
    log(`load for ${options.warmUp} s of warm-up + ${options.seconds} s measured: ${JSON.stringify(options.rates)}`);

    const idleBrowsers = createPool(browsers);
    const login = async (_: number, signal: AbortSignal, due: number) => {
      const browser = await idleBrowsers.take(signal);
      let result;
      try {
        result = await browser.logIn();
      } finally {
        idleBrowsers.give(browser);
      }
      // Timed from its sending; counted in the window of its login.
      void recorder.track(
        'codeExchange',
        performance.now(),
        () =>
          exchangeCode(backChannel, data.relyingParty, result).catch((err: unknown) => {
            const status = /HTTP (\d+)/.exec(String((err as Error).message))?.[1];
            throw status ? new Failure(`HTTP ${status}`, (err as Error).message) : err;
          }),
        due,
      );
    };

    // The relying party never sends two refreshes of one citizen at once: each rotates the token.
    const idleOffline = createPool(offline);
    const refresh = async (_: number, signal: AbortSignal) => {
      const account = await idleOffline.take(signal);
      try {
        const res = await backChannel.request(
          'POST',
          '/token',
          { authorization: rpAuth, 'content-type': 'application/x-www-form-urlencoded' },
          new URLSearchParams({ grant_type: 'refresh_token', refresh_token: account.refreshToken }).toString(),
        );
        if (res.status !== 200) throw httpFailure(res);
        const tokens = JSON.parse(res.body) as { refresh_token?: string; access_token?: string };
        if (!tokens.refresh_token || !tokens.access_token) throw new Failure('no rotated refresh token', res.body);
        account.refreshToken = tokens.refresh_token;
        account.accessToken = tokens.access_token;
      } finally {
        idleOffline.give(account);
      }
    };

    const userinfo = async (i: number, signal: AbortSignal) => {
      const account = offline[i % offline.length]!;
      const headers = { authorization: `Bearer ${account.accessToken}` };
      const res = await backChannel.request('GET', userinfoPath, headers, undefined, signal);
      if (res.status !== 200) throw httpFailure(res);
      const claims = JSON.parse(res.body) as { sub?: string; email?: string };
      if (!claims.sub || claims.email !== account.email) throw new Failure('userinfo without sub or email', res.body);
    };

    const check = async (i: number, signal: AbortSignal) => {
      const terminal = terminals[i % terminals.length]!;
      if (!terminal.renewing && terminal.expiresAt - Date.now() < 60_000) {
        terminal.renewing = recorder
          .track('terminalToken', performance.now(), () => renewToken(terminal))
          .finally(() => (terminal.renewing = undefined));
      }
      const card = holders[Math.floor(Math.random() * holders.length)]!;
      const res = await terminal.client.request('POST', '/api/cards/check', terminal.headers, card.body, signal);
      if (res.status !== 200) throw httpFailure(res);
      const { reason } = JSON.parse(res.body) as { reason?: string };
      if (reason !== EXPECTED[card.kind]) throw new Failure(`${card.kind} card answered ${reason}`);
    };

    const search = async (i: number, signal: AbortSignal) => {
      const url = SEARCHES[i % SEARCHES.length]!;
      const res = await directoryClient.request('GET', url, {}, undefined, signal);
      if (res.status !== 200) throw httpFailure(res);
      if (!res.body.startsWith('{"total":')) throw new Failure('search answered no list', res.body.slice(0, 200));
    };

    const matchHeaders = { 'content-type': 'application/json' };
    const match = async (i: number, signal: AbortSignal) => {
      const profile = PROFILES[i % PROFILES.length]!;
      const body = JSON.stringify(profile.claims);
      const res = await directoryClient.request('POST', profile.path, matchHeaders, body, signal);
      if (res.status !== 200) throw httpFailure(res);
      if (!res.body.startsWith('{"matches":')) throw new Failure('match answered no list', res.body.slice(0, 200));
    };

    const loops: [Kind, number, (i: number, signal: AbortSignal, due: number) => Promise<void>][] = [
      ['login', options.rates.login, login],
      ['refresh', options.rates.refresh, refresh],
      ['userinfo', options.rates.userinfo, userinfo],
      ['check', options.rates.check, check],
      ['search', options.rates.search, search],
      ['match', options.rates.match, match],
    ];
    await Promise.all(
      loops.map(([kind, rate, job]) =>
        openLoop(rate, t0, end, (i, due) => void recorder.track(kind, due, (signal) => job(i, signal, due))),
      ),
    );
    await sampling;
    const atEnd = {
      provider: provider.cpuSeconds(),
      directory: directory.cpuSeconds(),
      generator: process.cpuUsage(),
      machine: machineCpu(TICKS_PER_SECOND).busy,
    };
    log('draining the requests still out');
    await recorder.drain();

    const warm = await cpuAtWarmUpEnd;
    const seconds = options.seconds;
    const generatorSeconds =
      (atEnd.generator.user + atEnd.generator.system - warm.generator.user - warm.generator.system) / 1e6;
    const cores = {
      provider: (atEnd.provider - warm.provider) / seconds,
      directory: (atEnd.directory - warm.directory) / seconds,
      generator: generatorSeconds / seconds,
      others: 0,
    };
    cores.others = Math.max(
      0,
      (atEnd.machine - warm.machine) / seconds - cores.provider - cores.directory - cores.generator,
    );

    const kinds = Object.fromEntries(
      (Object.keys(KINDS) as Kind[]).map((k) => [k, summariseKind(k, recorder.tallies[k], options)]),
    ) as Record<Kind, KindSummary>;
    const saved: Saved = {
      machine,
      options,
      catalogue: data.importNote,
      setupSeconds,
      kinds,
      memory: {
        provider: {
          ...summariseMemory(samples, 'provider', options.warmUp),
          anon: summariseMemory(samples, 'provider', options.warmUp, 'anonMiB'),
        },
        directory: {
          ...summariseMemory(samples, 'directory', options.warmUp),
          anon: summariseMemory(samples, 'directory', options.warmUp, 'anonMiB'),
        },
      },
      cores,
      loadAverage: { start: loadAtStart, end: os.loadavg()[0]! },
      samples,
      // What the servers wrote (warnings and errors only, LOG_LEVEL=warn): the first 20 kB.
      serverOutput: {
        provider: withoutGcLines(provider.output()).slice(0, 20_000),
        directory: withoutGcLines(directory.output()).slice(0, 20_000),
      },
      ...(options.traceGc
        ? {
            fullGcs: {
              provider: fullGcs(provider.output(), (spawnedAt.provider - t0) / 1000),
              directory: fullGcs(directory.output(), (spawnedAt.directory - t0) / 1000),
            },
          }
        : {}),
    };
    const outDir = path.join(ROOT, 'bench', 'out');
    fs.mkdirSync(outDir, { recursive: true });
    const outFile = path.join(outDir, `mixed-${machine.date.replaceAll(':', '-')}.json`);
    fs.writeFileSync(outFile, `${JSON.stringify(saved, null, 2)}\n`);
    if (options.noResults) {
      log(`raw figures in ${path.relative(ROOT, outFile)}; bench/RESULTS.md left alone (--no-results)`);
    } else {
      writeReport(saved, outFile);
      log(`raw figures in ${path.relative(ROOT, outFile)}; summary in bench/RESULTS.md`);
    }

    for (const k of Object.keys(KINDS) as Kind[]) {
      const x = kinds[k];
      log(
        `${k}: ${x.ok} ok (${x.achieved.toFixed(1)}/s), ${x.errors} errors (+${x.warmUpErrors} in warm-up), ` +
          `p50 ${x.latency.p50.toFixed(1)} ms, p99 ${x.latency.p99.toFixed(1)} ms` +
          (Object.keys(x.errorGroups).length ? ` — ${JSON.stringify(x.errorGroups)}` : ''),
      );
    }
    for (const p of ['provider', 'directory'] as const) {
      const m = saved.memory[p];
      if (m.anon) {
        log(
          `${p} RssAnon: ${m.anon.warmUpEndMiB.toFixed(1)} → ${m.anon.endMiB.toFixed(1)} MiB (max ${m.anon.maxMiB.toFixed(1)}), ` +
            `growth ${m.anon.growthPercent.toFixed(1)} %`,
        );
      }
      log(
        `${p} RSS: ${m.warmUpEndMiB.toFixed(1)} → ${m.endMiB.toFixed(1)} MiB (max ${m.maxMiB.toFixed(1)}), ` +
          `highest ${m.peakGrowthPercent!.toFixed(1)} %, lowest ${m.floorGrowthPercent!.toFixed(1)} % (2nd half vs 1st), ` +
          `end vs warm-up ${m.growthPercent.toFixed(1)} %, trend ${m.trendMiBPerMinute.toFixed(2)} MiB/min`,
      );
    }
  } finally {
    clients.forEach((client) => client.close());
    await Promise.all(started.map((child) => child.stop()));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
