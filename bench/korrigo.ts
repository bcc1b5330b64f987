// `npm run bench:korrigo`: KorriGo card checks (POST /api/cards/check) per second and their
// latency, with 50 terminals of one organisation, each a client of its own (its own ES256 key,
// its own client_credentials + private_key_jwt token, its own keep-alive connection), over a
// population of paired cards. mon-compte runs as an operator starts it (`node
// provider/src/main.ts`), on SQLite and, when a server answers, on PostgreSQL; the bare Koa
// baseline is measured in the same run by the same method. Figures are medians of the rounds
// and go to bench/RESULTS.md and bench/out/.
//
// Options: --rounds 5 --seconds 4 (saturation) --short 4 (fixed rate) --terminals 50
//          --accounts 2000 --rate 2000 (fixed rate of the target) --half-rate 1000 (second fixed
//          rate, half the target's)
//          --unknown-share 0.1 --postgres <url> (default postgres://postgres@127.0.0.1:5432/test)
//          --no-postgres --profile (each mon-compte writes a V8 CPU profile under bench/out/profiles/
//          at exit; figures are then not written to RESULTS.md)
//          --provider <script> (default provider/src/main.ts: another start script, e.g. one trying an
//          optimisation, measured by the same method; its figures are not written to RESULTS.md)
//          --from bench/out/korrigo-….json (measures nothing: writes RESULTS.md again)
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import argon2 from 'argon2';
import { exportJWK, generateKeyPair } from 'jose';
import * as oidc from 'openid-client';
import { freePort, readyMessage, ROOT, startChild, waitForHttp, type Child, TICKS_PER_SECOND } from './lib/children.ts';
import { atFixedRate, httpClient, saturate, type HttpClient } from './lib/load.ts';
import { describeMachine, machineCpu, type Machine } from './lib/machine.ts';
import { replaceSection } from './lib/results-file.ts';
import { latency, spread, type Latency, type Spread } from './lib/stats.ts';
import type { ProviderEnv } from './lib/setup.ts';
import { createDb, type Db } from '../db/create-db.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { loadKeys } from '../keys/src/load-keys.ts';
import { loadConfig } from '../platform/config.ts';
import { openKeyStore } from '../platform/key-store.ts';
import { createServices } from '../provider/src/app.ts';
import { seedOrganisations } from '../provider/src/admin/organisations.ts';
import { ARGON2_OPTIONS } from '../provider/src/accounts/password-hasher.ts';

const HEADING = '## KorriGo checks (issue 7)';
const DEFAULT_PROVIDER = 'provider/src/main.ts';
const TARGET = { perSecond: 2000, p99Ms: 20 };
const RENNES_METROPOLE = '243500139';
const BREST_METROPOLE = '242900314';
/** The server's limit: 20 unrecognised cards per terminal per sliding minute (then 429). */
const UNKNOWN_LIMIT_PER_MINUTE = 20;
/** What the terminals allow themselves, with a margin for requests queued behind a slow one. */
const UNKNOWN_BUDGET_PER_MINUTE = 16;
const UNKNOWN_SPACING_MS = 60_000 / UNKNOWN_BUDGET_PER_MINUTE;
/** Communes of the holders' profiles: in Rennes Métropole (resident) and elsewhere in Brittany. */
const COMMUNES = ['35238', '35238', '35238', '35281', '35051', '35024', '29019', '56260', '22278'];

type Options = {
  rounds: number;
  seconds: number;
  short: number;
  terminals: number;
  accounts: number;
  rate: number;
  halfRate: number;
  unknownShare: number;
  postgres?: string;
  profile: boolean;
  provider: string;
  from?: string;
};

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '5' },
      seconds: { type: 'string', default: '4' },
      short: { type: 'string', default: '4' },
      terminals: { type: 'string', default: '50' },
      accounts: { type: 'string', default: '2000' },
      rate: { type: 'string', default: String(TARGET.perSecond) },
      'half-rate': { type: 'string', default: String(TARGET.perSecond / 2) },
      'unknown-share': { type: 'string', default: '0.1' },
      postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
      'no-postgres': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      provider: { type: 'string', default: DEFAULT_PROVIDER },
      from: { type: 'string' },
    },
  });
  return {
    rounds: Number(values.rounds),
    seconds: Number(values.seconds),
    short: Number(values.short),
    terminals: Number(values.terminals),
    accounts: Number(values.accounts),
    rate: Number(values.rate),
    halfRate: Number(values['half-rate']),
    unknownShare: Number(values['unknown-share']),
    postgres: values['no-postgres'] ? undefined : values.postgres,
    profile: values.profile,
    provider: values.provider,
    from: values.from,
  };
}

function log(message: string) {
  process.stdout.write(`[bench:korrigo] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Population: citizens with paired cards, their consents, and the terminals

/** What a terminal presents, and what the provider must answer. */
type CardKind = 'allowed' | 'no_consent' | 'lost' | 'unknown';
const EXPECTED: Record<CardKind, string> = {
  allowed: 'recognised',
  no_consent: 'not_recognised',
  lost: 'card_blocked',
  unknown: 'not_recognised',
};

type Holder = {
  id: string;
  email: string;
  uid: string;
  kind: Exclude<CardKind, 'unknown'>;
  /** Attributes consented to Rennes Métropole (the terminals' organisation), null if none. */
  rennes: string[] | null;
  profile: { birthdate: string; bzh_commune: string };
};

function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 7-byte ISO 14443 UID (NXP, "04…"), written as readers do: with colons or as plain hex. */
function randomUid(colons = Math.random() < 0.5): string {
  const hex = `04${crypto.randomBytes(6).toString('hex').toUpperCase()}`;
  return colons ? hex.match(/../g)!.join(':') : hex;
}

/** 2 % of cards declared lost, 10 % of holders consenting to Brest only, the rest to Rennes. */
function createPopulation(count: number): Holder[] {
  const next = seeded(7);
  const attributeChoices = [['resident', 'age_group'], ['resident', 'age_group'], ['age_group'], []];
  return Array.from({ length: count }, (_, i) => {
    const kind = i % 50 === 0 ? 'lost' : i % 10 === 1 ? 'no_consent' : 'allowed';
    const year = 1940 + Math.floor(next() * 76);
    return {
      id: crypto.randomUUID(),
      email: `porteur-${i}@banc-essai.bzh`,
      uid: randomUid(next() < 0.5),
      kind,
      rennes: kind === 'no_consent' ? null : attributeChoices[Math.floor(next() * attributeChoices.length)]!,
      profile: {
        birthdate: `${year}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-1${Math.floor(next() * 9)}`,
        bzh_commune: COMMUNES[Math.floor(next() * COMMUNES.length)]!,
      },
    };
  });
}

type TerminalKey = { clientId: string; privateKey: CryptoKey; jwk: Record<string, unknown>; scopes: string[] };

async function createTerminalKeys(count: number): Promise<{ checkers: TerminalKey[]; pairer: TerminalKey }> {
  const make = async (clientId: string, scopes: string[]): Promise<TerminalKey> => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    return { clientId, privateKey, jwk: { ...(await exportJWK(publicKey)), alg: 'ES256', use: 'sig' }, scopes };
  };
  return {
    checkers: await Promise.all(
      Array.from({ length: count }, (_, i) => make(`borne-essai-${i + 1}`, ['korrigo:check'])),
    ),
    pairer: await make('borne-appairage', ['korrigo:check', 'korrigo:pair']),
  };
}

/** Runs `fn` over `items`, `concurrency` at a time. */
async function inParallel<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/** The services of mon-compte on a database, for the set-up only (no mail is sent from here). */
async function openServices(env: ProviderEnv) {
  const db = await createDb(env.DATABASE_URL);
  await migrateToLatest(db);
  const config = loadConfig({ ...env });
  // The key store the provider will open (files, or the database on PostgreSQL).
  const keys = await loadKeys(openKeyStore(config, db));
  const services = createServices({ config, db, keys, mailer: { send: async () => undefined } });
  return { db, services };
}

/**
 * Before the provider starts, through the project's repositories and services: accounts (with
 * one precomputed argon2id hash: nobody logs in here), profiles, recognition consents, one
 * pairing code per account (as the account centre creates it), and the terminals. Returns the
 * pairing codes, by account.
 */
async function prepareDatabase(env: ProviderEnv, holders: Holder[], terminals: TerminalKey[], passwordHash: string) {
  const { db, services } = await openServices(env);
  const codes = new Map<string, string>();
  try {
    await seedOrganisations(services.repos.organisations);
    const concurrency = env.DATABASE_URL.startsWith('sqlite:') ? 1 : 8;
    await inParallel(holders, concurrency, async (h) => {
      await services.repos.accounts.create({ id: h.id, email: h.email, passwordHash, emailVerified: true });
      await services.repos.accounts.saveProfile(h.id, h.profile);
      if (h.rennes) await services.cards.setConsent(h.id, RENNES_METROPOLE, h.rennes);
      if (h.kind === 'no_consent' || h.id.charCodeAt(0) % 4 === 0) {
        await services.cards.setConsent(h.id, BREST_METROPOLE, ['age_group']);
      }
      codes.set(h.id, await services.cards.createPairingCode(h.id));
    });
    for (const t of terminals) {
      await services.clients.addTerminal({
        clientId: t.clientId,
        name: `Borne d’essai ${t.clientId}`,
        organisationSiren: RENNES_METROPOLE,
        jwks: { keys: [t.jwk] },
        scopes: t.scopes,
      });
    }
  } finally {
    await db.destroy();
  }
  return codes;
}

/** After pairing, while the provider is idle: the citizens who declare their card lost. */
async function declareLost(env: ProviderEnv, holders: Holder[]) {
  const { db, services } = await openServices(env);
  try {
    for (const h of holders) {
      if (h.kind === 'lost' && !(await services.cards.declareLost(h.id)))
        throw new Error(`no card to lose for ${h.id}`);
    }
  } finally {
    await db.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Terminals at the provider

type Terminal = {
  clientId: string;
  config: oidc.Configuration;
  scope: string;
  client: HttpClient;
  headers: Record<string, string>;
  expiresAt: number;
  nextUnknownAt: number;
};

async function connectTerminal(issuer: string, key: TerminalKey, scope: string, connections = 1): Promise<Terminal> {
  const config = await oidc.discovery(new URL(issuer), key.clientId, undefined, oidc.PrivateKeyJwt(key.privateKey), {
    execute: [oidc.allowInsecureRequests],
  });
  // One connection per check terminal: a terminal sends its checks one after the other.
  const terminal: Terminal = {
    clientId: key.clientId,
    config,
    scope,
    client: httpClient(issuer, { maxSockets: connections }),
    headers: {},
    expiresAt: 0,
    nextUnknownAt: 0,
  };
  await refreshToken(terminal);
  return terminal;
}

async function refreshToken(terminal: Terminal) {
  const tokens = await oidc.clientCredentialsGrant(terminal.config, { scope: terminal.scope });
  terminal.headers = { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json' };
  terminal.expiresAt = Date.now() + (tokens.expires_in ?? 300) * 1000;
}

/** Tokens last 5 minutes: a terminal renews its own before it expires, never within a window. */
async function ensureTokens(terminals: Terminal[], forSeconds: number) {
  const until = Date.now() + (forSeconds + 15) * 1000;
  await inParallel(
    terminals.filter((t) => t.expiresAt < until),
    4,
    refreshToken,
  );
}

const PAIRING_CONNECTIONS = 8;

/** Pairs every card through POST /api/cards/pair, with the codes the account centre gave. */
async function pairCards(terminal: Terminal, holders: Holder[], codes: Map<string, string>) {
  await inParallel(holders, PAIRING_CONNECTIONS, async (h) => {
    const code = codes.get(h.id)!;
    const typed = Math.random() < 0.5 ? code.toLowerCase().replace(/(.{4})/, '$1-') : code;
    const res = await terminal.client.request(
      'POST',
      '/api/cards/pair',
      terminal.headers,
      JSON.stringify({ uid: h.uid, code: typed }),
    );
    if (res.status !== 200) throw new Error(`pairing ${h.email}: HTTP ${res.status} ${res.body}`);
  });
}

type Mix = Record<CardKind, number> & { throttled: number; wrong: number; otherErrors: number };
const emptyMix = (): Mix => ({
  allowed: 0,
  no_consent: 0,
  lost: 0,
  unknown: 0,
  throttled: 0,
  wrong: 0,
  otherErrors: 0,
});

type Workload = {
  /** Sends one check from terminal `worker % terminals`; throws on anything but the expected answer. */
  job(worker: number): Promise<void>;
  mix: Mix;
};

/**
 * The checks terminals send: cards drawn at random from the population, and unknown cards with
 * `unknownShare` probability as long as the terminal stays under the server's limit
 * (UNKNOWN_BUDGET_PER_MINUTE, one at most every UNKNOWN_SPACING_MS): the headline must not
 * measure 429 answers.
 */
function checkWorkload(terminals: Terminal[], holders: Holder[], unknownShare: number): Workload {
  const known = holders.map((h) => ({ kind: h.kind, body: JSON.stringify({ uid: h.uid, service: 'piscine' }) }));
  const mix = emptyMix();
  return {
    mix,
    async job(worker) {
      const terminal = terminals[worker % terminals.length]!;
      const now = performance.now();
      let card: { kind: CardKind; body: string };
      if (now >= terminal.nextUnknownAt && Math.random() < unknownShare) {
        terminal.nextUnknownAt = now + UNKNOWN_SPACING_MS;
        card = { kind: 'unknown', body: JSON.stringify({ uid: randomUid(), service: 'piscine' }) };
      } else {
        card = known[Math.floor(Math.random() * known.length)]!;
      }
      const res = await terminal.client.request('POST', '/api/cards/check', terminal.headers, card.body);
      if (res.status === 429) {
        mix.throttled++;
        throw new Error(`429 from ${terminal.clientId}`);
      }
      if (res.status !== 200) {
        mix.otherErrors++;
        throw new Error(`check: HTTP ${res.status} ${res.body.slice(0, 200)}`);
      }
      const { reason } = JSON.parse(res.body) as { reason: string };
      if (reason !== EXPECTED[card.kind]) {
        mix.wrong++;
        throw new Error(`check of a ${card.kind} card answered ${reason}`);
      }
      mix[card.kind]++;
    },
  };
}

/** The baseline: the same number of keep-alive connections, each asking bare Koa for a tiny JSON. */
function koaWorkload(clients: HttpClient[]): Workload {
  const mix = emptyMix();
  return {
    mix,
    async job(worker) {
      const res = await clients[worker % clients.length]!.request('GET', '/');
      if (res.status !== 200) {
        mix.otherErrors++;
        throw new Error(`koa: HTTP ${res.status}`);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Measurements

type ServerName = 'sqlite' | 'postgres' | 'koa';
type Target = { name: ServerName; child: Child; workload: Workload; terminals: Terminal[] };

type Noise = { othersCores: number; stealCores: number };
type Saturation = {
  perSecond: number;
  completed: number;
  errors: number;
  firstError?: string;
  /** Response times in the closed loops (each terminal waits for its answer before the next). */
  p50: number;
  p99: number;
  cpuMsPerCheck: number;
  mainMsPerCheck: number;
  poolMsPerCheck: number;
  /** The local PostgreSQL server's backends serving this provider. */
  postgresMsPerCheck: number;
  v8MsPerCheck: number;
  generatorCpuMsPerCheck: number;
  noise: Noise;
  mix: Mix;
};
type AtRate = Latency & { offered: number; errors: number; firstError?: string; noise: Noise; mix: Mix };
type RoundServer = { saturation: Saturation; target: AtRate; half: AtRate };
type Round = { round: number; order: ServerName[]; servers: Partial<Record<ServerName, RoundServer>> };

const started: Child[] = [];

/**
 * The local PostgreSQL server's backends of our provider (a local server shares the cores: its
 * work is part of a check's cost, not noise), found by the application_name of the provider's
 * DATABASE_URL; other people's connections stay in "others".
 */
let postgresMonitor: { db: Db; applicationName: string } | undefined;

async function postgresBackendsCpu(): Promise<Map<number, number>> {
  const cpu = new Map<number, number>();
  if (!postgresMonitor) return cpu;
  const { rows } = (await postgresMonitor.db.raw('select pid from pg_stat_activity where application_name = ?', [
    postgresMonitor.applicationName,
  ])) as { rows: { pid: number }[] };
  for (const { pid } of rows) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND);
    } catch {
      // not on this machine, or the backend ended meanwhile
    }
  }
  return cpu;
}

/** CPU of the window: the measured server's (by thread), PostgreSQL's, this generator's, everyone else's. */
async function withCpu<T>(child: Child, run: () => Promise<T>) {
  const server = child.cpuByThread();
  const postgres = await postgresBackendsCpu();
  const ours = () => started.reduce((sum, c) => sum + c.cpuSeconds(), 0);
  const oursBefore = ours();
  const machine = machineCpu(TICKS_PER_SECOND);
  const generator = process.cpuUsage();
  const wallStart = performance.now();
  const result = await run();
  const wallSeconds = (performance.now() - wallStart) / 1000;
  const generatorUsage = process.cpuUsage(generator);
  const generatorSeconds = (generatorUsage.user + generatorUsage.system) / 1e6;
  const machineAfter = machineCpu(TICKS_PER_SECOND);
  const serverAfter = child.cpuByThread();
  // Backends opened during the window count from zero; one closed meanwhile is lost (pooled: rare).
  const postgresSeconds = [...(await postgresBackendsCpu())].reduce(
    (sum, [pid, seconds]) => sum + Math.max(0, seconds - (postgres.get(pid) ?? 0)),
    0,
  );
  const others = machineAfter.busy - machine.busy - (ours() - oursBefore) - generatorSeconds - postgresSeconds;
  return {
    result,
    server: {
      main: serverAfter.main - server.main,
      pool: serverAfter.pool - server.pool,
      v8: serverAfter.v8 - server.v8,
      other: serverAfter.other - server.other,
    },
    generatorSeconds,
    postgresSeconds,
    noise: {
      othersCores: Math.max(0, others / wallSeconds),
      stealCores: (machineAfter.steal - machine.steal) / wallSeconds,
    } satisfies Noise,
  };
}

const diffMix = (after: Mix, before: Mix): Mix =>
  Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - before[k as keyof Mix]])) as Mix;

async function measureSaturation(target: Target, seconds: number, concurrency: number): Promise<Saturation> {
  await ensureTokens(target.terminals, seconds);
  const mixBefore = { ...target.workload.mix };
  const times: number[] = [];
  const timed = async (worker: number) => {
    const start = performance.now();
    await target.workload.job(worker);
    times.push(performance.now() - start);
  };
  const { result, server, generatorSeconds, postgresSeconds, noise } = await withCpu(target.child, () =>
    saturate(timed, { concurrency, seconds }),
  );
  const perCheck = (cpuSeconds: number) => (result.completed ? (cpuSeconds * 1000) / result.completed : Number.NaN);
  const { p50, p99 } = latency(times);
  return {
    perSecond: result.perSecond,
    completed: result.completed,
    errors: result.errors,
    firstError: result.firstError,
    p50,
    p99,
    cpuMsPerCheck: perCheck(server.main + server.pool + server.v8 + server.other),
    mainMsPerCheck: perCheck(server.main),
    poolMsPerCheck: perCheck(server.pool),
    postgresMsPerCheck: perCheck(postgresSeconds),
    v8MsPerCheck: perCheck(server.v8),
    generatorCpuMsPerCheck: perCheck(generatorSeconds),
    noise,
    mix: diffMix(target.workload.mix, mixBefore),
  };
}

async function measureRate(target: Target, rate: number, seconds: number): Promise<AtRate> {
  await ensureTokens(target.terminals, seconds);
  const mixBefore = { ...target.workload.mix };
  const { result, noise } = await withCpu(target.child, () => atFixedRate(target.workload.job, { rate, seconds }));
  return {
    ...latency(result.latenciesMs),
    offered: rate,
    errors: result.errors,
    firstError: result.firstError,
    noise,
    mix: diffMix(target.workload.mix, mixBefore),
  };
}

/** A pause between windows, so that one's stragglers and garbage do not bill the next. */
const settle = () => sleep(500);

async function measureRound(targets: Target[], options: Options, rates: Rates, index: number): Promise<Round> {
  // The order of the servers turns every round, so that a drift of the machine favours none.
  const order = targets.map((_, i) => targets[(i + index) % targets.length]!);
  const servers: Round['servers'] = {};
  const saturations = new Map<ServerName, Saturation>();
  for (const target of order) {
    saturations.set(target.name, await measureSaturation(target, options.seconds, options.terminals));
    await settle();
  }
  for (const target of order) {
    const atTarget = await measureRate(target, rates.target, options.short);
    await settle();
    const atHalf = await measureRate(target, rates.half, options.short);
    await settle();
    servers[target.name] = { saturation: saturations.get(target.name)!, target: atTarget, half: atHalf };
  }
  return { round: index + 1, order: order.map((t) => t.name), servers };
}

type Rates = { target: number; half: number; halfFrom: string };

function describeRound(round: Round): string {
  const f = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  return Object.entries(round.servers)
    .map(([name, s]) => {
      const errors = s.saturation.errors + s.target.errors + s.half.errors;
      return (
        `${name} ${f(s.saturation.perSecond)}/s (p99 ${f(s.saturation.p99)} ms), ` +
        `p50/p99 @${s.target.offered} ${f(s.target.p50)}/${f(s.target.p99)} ms, ` +
        `@${s.half.offered} ${f(s.half.p50)}/${f(s.half.p99)} ms${errors ? `, ${errors} errors` : ''}`
      );
    })
    .join(' | ');
}

// ---------------------------------------------------------------------------------------------
// Summary and report

type Summary = Partial<
  Record<
    ServerName,
    {
      perSecond: Spread;
      satP50: Spread;
      satP99: Spread;
      cpuMsPerCheck: Spread;
      mainMsPerCheck: Spread;
      poolMsPerCheck: Spread;
      postgresMsPerCheck: Spread;
      v8MsPerCheck: Spread;
      /** 1000 ÷ main-thread ms per check: what the JS thread could serve with a core to itself. */
      mainCeiling: Spread;
      satOthers: Spread;
      generatorCpuMsPerCheck: Spread;
      targetP50: Spread;
      targetP99: Spread;
      targetMax: Spread;
      halfP50: Spread;
      halfP99: Spread;
      halfMax: Spread;
      errors: Spread;
      others: Spread;
      steal: Spread;
    }
  >
>;

function summarise(rounds: Round[]): Summary {
  const names = [...new Set(rounds.flatMap((r) => Object.keys(r.servers)))] as ServerName[];
  return Object.fromEntries(
    names.map((name) => {
      const of = (figure: (s: RoundServer) => number) =>
        spread(
          rounds
            .map((r) => r.servers[name])
            .filter((s): s is RoundServer => !!s)
            .map(figure),
        );
      return [
        name,
        {
          perSecond: of((s) => s.saturation.perSecond),
          satP50: of((s) => s.saturation.p50),
          satP99: of((s) => s.saturation.p99),
          cpuMsPerCheck: of((s) => s.saturation.cpuMsPerCheck),
          mainMsPerCheck: of((s) => s.saturation.mainMsPerCheck),
          poolMsPerCheck: of((s) => s.saturation.poolMsPerCheck),
          postgresMsPerCheck: of((s) => s.saturation.postgresMsPerCheck ?? Number.NaN),
          v8MsPerCheck: of((s) => s.saturation.v8MsPerCheck),
          generatorCpuMsPerCheck: of((s) => s.saturation.generatorCpuMsPerCheck),
          mainCeiling: of((s) => 1000 / s.saturation.mainMsPerCheck),
          satOthers: of((s) => s.saturation.noise.othersCores),
          targetP50: of((s) => s.target.p50),
          targetP99: of((s) => s.target.p99),
          targetMax: of((s) => s.target.max),
          halfP50: of((s) => s.half.p50),
          halfP99: of((s) => s.half.p99),
          halfMax: of((s) => s.half.max),
          errors: of((s) => s.saturation.errors + s.target.errors + s.half.errors),
          others: of((s) =>
            Math.max(s.saturation.noise.othersCores, s.target.noise.othersCores, s.half.noise.othersCores),
          ),
          steal: of((s) => Math.max(s.saturation.noise.stealCores, s.target.noise.stealCores, s.half.noise.stealCores)),
        },
      ];
    }),
  ) as Summary;
}

/** Checks sent over all measured windows of a server, by kind of card; and the refusals. */
function totalMix(rounds: Round[], name: ServerName): Mix {
  const total = emptyMix();
  for (const r of rounds) {
    const s = r.servers[name];
    if (!s) continue;
    for (const m of [s.saturation.mix, s.target.mix, s.half.mix]) {
      for (const k of Object.keys(total) as (keyof Mix)[]) total[k] += m[k];
    }
  }
  return total;
}

type Saved = {
  machine: Machine;
  options: Options;
  rates: Rates;
  postgresVersion?: string;
  population: Record<string, number>;
  setupSeconds: Record<string, number>;
  summary: Summary;
  rounds: Round[];
  warmUpThrottled: number;
};

const num = (n: number) => (Number.isNaN(n) ? '–' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const cell = (s: Spread | undefined) => (s ? `${num(s.median)} (${num(s.min)}–${num(s.max)})` : '–');

function verdict(summary: Summary) {
  const s = summary.sqlite!;
  const throughput = s.perSecond.median >= TARGET.perSecond;
  const p99 = s.targetP99.median < TARGET.p99Ms;
  return { throughput, p99, met: throughput && p99 };
}

function renderSection(saved: Saved, outFile: string): string {
  const { machine, options: o, rates, summary: s, rounds } = saved;
  const v = verdict(s);
  const sq = s.sqlite!;
  const pg = s.postgres;
  const names: [ServerName, string][] = [
    ['sqlite', 'mon-compte on SQLite'],
    ['postgres', `mon-compte on PostgreSQL${saved.postgresVersion ? ` ${saved.postgresVersion}` : ''}`],
    ['koa', 'baseline, same run: bare Koa, tiny JSON'],
  ];
  const present = names.filter(([name]) => s[name]);
  const mixRows = present
    .filter(([name]) => name !== 'koa')
    .map(([name, label]) => {
      const m = totalMix(rounds, name);
      const sent = m.allowed + m.no_consent + m.lost + m.unknown;
      const pct = (n: number) => `${((100 * n) / sent).toFixed(1)} %`;
      return `| ${label} | ${sent} | ${pct(m.allowed)} | ${pct(m.no_consent)} | ${pct(m.lost)} | ${pct(m.unknown)} (${m.unknown}) | ${m.throttled} | ${m.wrong + m.otherErrors} |`;
    });
  const pop = saved.population;
  const rel = path.relative(ROOT, outFile);
  return `${HEADING}

Measured ${machine.date.slice(0, 16).replace('T', ' ')} UTC with \`npm run bench:korrigo\` (\`bench/korrigo.ts\`):
${rounds.length} rounds, medians with (min–max) across rounds. Raw figures of every round:
\`${rel}\` (git-ignored).

Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.kernel};
shared with other work (see Noise), so only figures of the same run are compared. The load generator runs on the
same ${machine.cores} cores as the servers.

**Headline (mon-compte on SQLite, ${o.terminals} terminals): ${num(sq.perSecond.median)} checks/s at saturation
(target ≥ ${TARGET.perSecond}: ${v.throughput ? 'met' : 'not met'}); p99 ${num(sq.targetP99.median)} ms at ${rates.target} checks/s
offered (target < ${TARGET.p99Ms} ms: ${v.p99 ? 'met' : 'not met'}). Target ${v.met ? 'met' : 'not met'}.**
${pg ? `On PostgreSQL: ${num(pg.perSecond.median)} checks/s, p99 ${num(pg.targetP99.median)} ms at ${rates.target}/s. ` : ''}Bare Koa in the same run:
${num(s.koa!.perSecond.median)} requests/s, p99 ${num(s.koa!.targetP99.median)} ms at ${rates.target}/s.
No 429 in any measured window: ${present.every(([name]) => totalMix(rounds, name).throttled === 0) ? 'yes' : 'NO, see the mix'}.

### Throughput at saturation, ${o.terminals} terminals (closed loops, ${o.seconds} s)

| server | checks/s | p50 (ms) | p99 (ms) | others' load meanwhile (cores) | ceiling of the JS thread (checks/s) |
| --- | --- | --- | --- | --- | --- |
${present
  .map(([name, label]) => {
    const x = s[name]!;
    return `| ${label} | ${cell(x.perSecond)} | ${cell(x.satP50)} | ${cell(x.satP99)} | ${cell(x.satOthers)} | ${cell(x.mainCeiling)} |`;
  })
  .join('\n')}

The ceiling is 1000 ÷ the JS main thread's CPU milliseconds per check: the checks/s that thread could serve with a
core to itself, a figure the other load on the machine moves much less than the throughput.

CPU per check at saturation (ms, from \`/proc\`):

| server | whole process | JS main thread | libuv pool | V8 helpers (GC) | PostgreSQL server (local) | load generator |
| --- | --- | --- | --- | --- | --- | --- |
${present
  .map(([name, label]) => {
    const x = s[name]!;
    return `| ${label} | ${cell(x.cpuMsPerCheck)} | ${cell(x.mainMsPerCheck)} | ${cell(x.poolMsPerCheck)} | ${cell(x.v8MsPerCheck)} | ${name === 'postgres' ? cell(x.postgresMsPerCheck) : '–'} | ${cell(x.generatorCpuMsPerCheck)} |`;
  })
  .join('\n')}

### Round by round (the machine's other load moves the figures more than anything else)

| round | server | others' load, saturation window (cores) | checks/s | others' load, fixed-rate windows | p99 at ${rates.target}/s (ms) | p99 at ${rates.half}/s (ms) |
| --- | --- | --- | --- | --- | --- | --- |
${rounds
  .flatMap((r) =>
    present
      .filter(([name]) => name !== 'koa' && r.servers[name])
      .map(([name, label]) => {
        const x = r.servers[name]!;
        const others = Math.max(x.target.noise.othersCores, x.half.noise.othersCores);
        return `| ${r.round} | ${label} | ${num(x.saturation.noise.othersCores)} | ${num(x.saturation.perSecond)} | ${num(others)} | ${num(x.target.p99)} | ${num(x.half.p99)} |`;
      }),
  )
  .join('\n')}

### Latency at a fixed offered rate (open loop over the ${o.terminals} terminals, ${o.short} s; ms)

| server | offered | p50 | p99 | max |
| --- | --- | --- | --- | --- |
${present
  .flatMap(([name, label]) => {
    const x = s[name]!;
    return [
      `| ${label} | ${rates.target}/s | ${cell(x.targetP50)} | ${cell(x.targetP99)} | ${cell(x.targetMax)} |`,
      `| ${label} | ${rates.half}/s | ${cell(x.halfP50)} | ${cell(x.halfP99)} | ${cell(x.halfMax)} |`,
    ];
  })
  .join('\n')}

${rates.target}/s is the target rate; ${rates.half}/s is ${rates.halfFrom}.${
    pg ? '' : '\nPostgreSQL did not answer at the time of the run: figures on SQLite only.'
  }

### Mix of checks (all measured windows of the run)

| server | checks answered | allowed (consent to Rennes Métropole) | holder without consent to it | card declared lost | unknown card | 429 | other errors |
| --- | --- | --- | --- | --- | --- | --- | --- |
${mixRows.join('\n')}

Every answer is checked against what the card should get (\`recognised\`, \`not_recognised\`, \`card_blocked\`); a
wrong one counts as an error. Unknown cards are limited by the provider to ${UNKNOWN_LIMIT_PER_MINUTE} per terminal per
minute: each terminal draws an unknown card with probability ${o.unknownShare} but at most one every
${(UNKNOWN_SPACING_MS / 1000).toFixed(2)} s (${UNKNOWN_BUDGET_PER_MINUTE}/min), so with ${o.terminals} terminals at most
${Math.round((o.terminals * UNKNOWN_BUDGET_PER_MINUTE) / 60)} unknown cards/s reach the provider whatever the load: at
${TARGET.perSecond} checks/s that is ${((100 * o.terminals * UNKNOWN_BUDGET_PER_MINUTE) / 60 / TARGET.perSecond).toFixed(1)} % of the checks, not ${100 * o.unknownShare} %. An
unknown card costs the same query (finding no row) plus a security log line. 429s during the warm-up: ${saved.warmUpThrottled}.

### Noise: CPU used by everything else on the machine (cores, worst window of each round)

| server measured | others' load | stolen by the host |
| --- | --- | --- |
${present.map(([name, label]) => `| ${label} | ${cell(s[name]!.others)} | ${cell(s[name]!.steal)} |`).join('\n')}

Errors over all measurements: ${present.every(([name]) => s[name]!.errors.max === 0) ? 'none' : present.map(([name]) => `${name} ${num(s[name]!.errors.median)} per round (median)`).join(', ')}.

### Method

- Population, written before the provider starts through the project's repositories and services
  (\`createServices\` of \`provider/src/app.ts\`): ${pop.accounts} accounts (one precomputed argon2id hash: nobody logs
  in), each with a profile (birth date, commune) and a pairing code (\`cards.createPairingCode\`, as the account centre
  creates it); ${pop.consentRennes} holders consent to recognition by Rennes Métropole (attributes \`resident\`,
  \`age_group\`, one or none), the ${pop.noConsent} others to Brest Métropole only; ${o.terminals} check terminals and one
  pairing terminal of Rennes Métropole (\`clients.addTerminal\`), each with its own ES256 key.
- mon-compte is started as an operator starts it (\`node provider/src/main.ts\`, \`NODE_ENV=test\`,
  \`LOG_LEVEL=warn\`, keys in a temporary \`KEYS_DIR\`), on a fresh SQLite file${
    pg ? ' and, in a second process, on a fresh PostgreSQL schema (pool of 10 connections)' : ''
  }; then every card is paired through \`POST /api/cards/pair\` by the pairing terminal with its holder's code, and
  ${pop.lost} holders declare their card lost (\`cards.declareLost\`, the provider idle). Setup took ${Object.entries(
    saved.setupSeconds,
  )
    .map(([k, sec]) => `${sec.toFixed(0)} s (${k})`)
    .join(', ')}.
- Each terminal gets its token with \`client_credentials\` + \`private_key_jwt\` (openid-client, as a terminal maker
  would) and renews it between windows when it would expire within one (tokens last 5 minutes; the provider caches a
  valid token, so a check costs no token lookup). Each terminal has one keep-alive connection and sends
  \`POST /api/cards/check\` \`{"uid", "service"}\` with a card drawn at random: 88 % allowed, 10 % of holders without
  consent to the terminals' organisation, 2 % lost, plus unknown cards within the limit above; UIDs as readers send
  them, with colons or in plain hex.
- Saturation: each of the ${o.terminals} terminals sends its next check as soon as the previous one is answered, for
  ${o.seconds} s; the p50/p99 of that table are those response times. Fixed rate: an open loop starts a check every
  1/rate s, terminal after terminal, for ${o.short} s and times it from when it was due (no coordinated omission; a
  check waits for its terminal's connection if the previous one is still out).
- Baseline: bare Koa answering \`{"status":"ok"}\` to \`GET /\`, over ${o.terminals} keep-alive connections, with the
  same closed and open loops.
- CPU: user + system time of the server process from \`/proc/<pid>/task/*/stat\` around each saturation window,
  divided by the checks completed; likewise the local PostgreSQL backends serving the provider (found in
  \`pg_stat_activity\` by the \`application_name\` of its \`DATABASE_URL\`). Others' load is the machine's busy time
  from \`/proc/stat\` minus that of this benchmark's processes and of those backends.
- One unrecorded warm-up pass precedes the rounds; within a round the servers' order turns.
`;
}

function writeReport(saved: Saved, outFile: string) {
  replaceSection(path.join(ROOT, 'bench', 'RESULTS.md'), HEADING, renderSection(saved, outFile));
}

// ---------------------------------------------------------------------------------------------
// Main

function start(script: string, args: string[], env: Record<string, string>, nodeArgs: string[], cwd: string) {
  const child = startChild(script, args, env, nodeArgs, { cwd });
  started.push(child);
  return child;
}

async function postgresAvailable(url: string): Promise<string | undefined> {
  try {
    const db = await createDb(url);
    try {
      const { rows } = await db.raw('show server_version');
      return String(rows[0].server_version).split(' ')[0];
    } finally {
      await db.destroy();
    }
  } catch {
    return undefined;
  }
}

function withSearchPath(url: string, schema: string, applicationName: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  parsed.searchParams.set('application_name', applicationName);
  return parsed.toString();
}

async function main() {
  const options = readOptions();
  if (options.from) {
    const saved = JSON.parse(fs.readFileSync(options.from, 'utf8')) as Saved;
    writeReport({ ...saved, summary: summarise(saved.rounds) }, path.resolve(options.from));
    log(`bench/RESULTS.md written again from ${options.from}`);
    return;
  }
  const machine = describeMachine();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-bench-korrigo-'));
  const keysDir = path.join(tmp, 'keys');
  const postgresVersion = options.postgres ? await postgresAvailable(options.postgres) : undefined;
  const schema = `bench_korrigo_${crypto.randomBytes(4).toString('hex')}`;
  const clients: HttpClient[] = [];
  const setupSeconds: Record<string, number> = {};
  const timed = async <T>(label: string, fn: () => Promise<T>) => {
    const t0 = performance.now();
    const result = await fn();
    setupSeconds[label] = (performance.now() - t0) / 1000;
    log(`${label}: ${setupSeconds[label]!.toFixed(1)} s`);
    return result;
  };
  try {
    const holders = createPopulation(options.accounts);
    const { checkers, pairer } = await createTerminalKeys(options.terminals);
    const passwordHash = await argon2.hash(crypto.randomBytes(16).toString('hex'), ARGON2_OPTIONS);

    const envFor = async (databaseUrl: string): Promise<ProviderEnv> => {
      const port = await freePort();
      return {
        PORT: String(port),
        ISSUER: `http://localhost:${port}`,
        DATABASE_URL: databaseUrl,
        KEYS_DIR: keysDir,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
      };
    };
    const databases: { name: 'sqlite' | 'postgres'; env: ProviderEnv }[] = [
      { name: 'sqlite', env: await envFor(`sqlite:${path.join(tmp, 'bench.sqlite')}`) },
    ];
    await postgresMonitor?.db.destroy();
    if (postgresVersion) {
      const admin = await createDb(options.postgres!);
      await admin.raw(`create schema ${schema}`);
      await admin.destroy();
      const applicationName = `bench-korrigo-${schema}`;
      postgresMonitor = { db: await createDb(options.postgres!), applicationName };
      databases.push({
        name: 'postgres',
        env: await envFor(withSearchPath(options.postgres!, schema, applicationName)),
      });
    } else if (options.postgres) {
      log(`PostgreSQL does not answer at ${options.postgres}: SQLite only`);
    }

    const codes = new Map<string, Map<string, string>>();
    for (const { name, env } of databases) {
      log(`${name}: ${holders.length} accounts, consents and pairing codes, ${checkers.length + 1} terminals`);
      codes.set(
        name,
        await timed(`data on ${name}`, () => prepareDatabase(env, holders, [...checkers, pairer], passwordHash)),
      );
    }

    const profileStamp = machine.date.replaceAll(':', '-');
    const profiling = (name: string) =>
      options.profile
        ? [
            '--cpu-prof',
            '--cpu-prof-dir',
            path.join(ROOT, 'bench', 'out', 'profiles'),
            '--cpu-prof-name',
            `korrigo-${name}-${profileStamp}.cpuprofile`,
          ]
        : [];
    const providers = databases.map((d) => ({
      ...d,
      child: start(options.provider, [], d.env, profiling(d.name), tmp),
    }));
    const koaPort = await freePort();
    const koa = start('bench/servers/bare-koa.ts', [String(koaPort)], {}, [], tmp);
    await Promise.all([...providers.map((p) => waitForHttp(p.child, `${p.env.ISSUER}/healthz`)), readyMessage(koa)]);

    const targets: Target[] = [];
    for (const p of providers) {
      await timed(`pairing on ${p.name}`, async () => {
        const pairing = await connectTerminal(p.env.ISSUER, pairer, 'korrigo:pair', PAIRING_CONNECTIONS);
        clients.push(pairing.client);
        await pairCards(pairing, holders, codes.get(p.name)!);
        await declareLost(p.env, holders);
      });
      const terminals = await Promise.all(checkers.map((key) => connectTerminal(p.env.ISSUER, key, 'korrigo:check')));
      clients.push(...terminals.map((t) => t.client));
      targets.push({
        name: p.name,
        child: p.child,
        workload: checkWorkload(terminals, holders, options.unknownShare),
        terminals,
      });
    }
    const koaClients = checkers.map(() => httpClient(`http://localhost:${koaPort}`, { maxSockets: 1 }));
    clients.push(...koaClients);
    targets.push({ name: 'koa', child: koa, workload: koaWorkload(koaClients), terminals: [] });

    log('warm-up pass');
    for (const target of targets) {
      const sat = await measureSaturation(target, 3, options.terminals);
      log(`warm-up ${target.name}: ${sat.perSecond.toFixed(0)}/s, p99 ${sat.p99.toFixed(1)} ms`);
      await settle();
    }
    const warmUpThrottled = targets.reduce((sum, t) => sum + t.workload.mix.throttled, 0);
    const rates: Rates = {
      target: options.rate,
      half: options.halfRate,
      halfFrom:
        options.halfRate === TARGET.perSecond / 2 ? 'half the target rate' : 'the second rate given with --half-rate',
    };

    const rounds: Round[] = [];
    for (let i = 0; i < options.rounds; i++) {
      rounds.push(await measureRound(targets, options, rates, i));
      log(`round ${i + 1}: ${describeRound(rounds.at(-1)!)}`);
    }

    const summary = summarise(rounds);
    const saved: Saved = {
      machine,
      options,
      rates,
      postgresVersion,
      population: {
        accounts: holders.length,
        consentRennes: holders.filter((h) => h.rennes).length,
        noConsent: holders.filter((h) => !h.rennes).length,
        lost: holders.filter((h) => h.kind === 'lost').length,
        terminals: checkers.length,
      },
      setupSeconds,
      summary,
      rounds,
      warmUpThrottled,
    };
    const outDir = path.join(ROOT, 'bench', 'out');
    fs.mkdirSync(outDir, { recursive: true });
    const outFile = path.join(outDir, `korrigo-${machine.date.replaceAll(':', '-')}.json`);
    fs.writeFileSync(outFile, `${JSON.stringify(saved, null, 2)}\n`);
    if (options.profile) {
      log(
        `raw rounds in ${path.relative(ROOT, outFile)}; profiles in bench/out/profiles/korrigo-*-${profileStamp}.cpuprofile`,
      );
    } else if (options.provider !== DEFAULT_PROVIDER) {
      log(`raw rounds of ${options.provider} in ${path.relative(ROOT, outFile)}; RESULTS.md left as it was`);
    } else {
      writeReport(saved, outFile);
      log(`raw rounds in ${path.relative(ROOT, outFile)}; medians in bench/RESULTS.md`);
    }
    const v = verdict(summary);
    log(
      `SQLite: ${summary.sqlite!.perSecond.median.toFixed(0)} checks/s, p99 ${summary.sqlite!.targetP99.median.toFixed(1)} ms ` +
        `at ${rates.target}/s; target ${v.met ? 'met' : 'NOT met'}`,
    );
  } finally {
    clients.forEach((client) => client.close());
    await Promise.all(started.map((child) => child.stop()));
    await postgresMonitor?.db.destroy();
    if (postgresVersion) {
      const admin = await createDb(options.postgres!);
      await admin.raw(`drop schema if exists ${schema} cascade`);
      await admin.destroy();
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
