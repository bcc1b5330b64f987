// Medians across rounds, and the "Logins and token endpoint (issue 3)" section of
// bench/RESULTS.md. The script owns that section only: other sections of the file are kept.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Machine } from './machine.ts';
import type { Throughput } from './load.ts';
import { spread, type Latency, type Spread } from './stats.ts';
import { ROOT, type ThreadCpu } from './children.ts';

export type Options = {
  rounds: number;
  seconds: number;
  /** Rotating raw, login and bare-login slices of `seconds` each, per round (absent: one each, older runs). */
  slices?: number;
  short: number;
  browsers: number;
  loginRate: number;
  tokenRate: number;
  connections: number;
  hashConcurrency: number;
  profile: boolean;
  from?: string;
};

type Noise = { othersCores: number; stealCores: number };
type Saturation = Throughput & {
  cpuMsPerUnit: number;
  noise: Noise;
  generatorCpuMsPerUnit?: number;
  threadCpuMsPerUnit?: ThreadCpu;
};
type AtRate = Latency & { errors: number; firstError?: string };

export type Round = {
  round: number;
  rawFirst: boolean;
  raw: Saturation;
  logins: Saturation;
  ratio: number;
  /** CPU per raw hash ÷ provider CPU per login: the ratio if both had the machine to themselves. */
  cpuRatio: number;
  /** The same logins on bare oidc-provider with the same password check (absent in older runs). */
  bareLogins?: Saturation;
  bareRatio?: number;
  rawLatency: AtRate;
  loginLatency: AtRate;
  codeExchangeLatency: AtRate;
  token: Saturation;
  bareOidc: Saturation;
  koa: Saturation;
  tokenLatency: AtRate;
  bareOidcLatency: AtRate;
  koaLatency: AtRate;
};

const FIGURES = {
  logins: (r: Round) => r.logins.perSecond,
  raw: (r: Round) => r.raw.perSecond,
  ratio: (r: Round) => r.ratio,
  cpuRatio: (r: Round) => r.cpuRatio,
  bareLogins: (r: Round) => r.bareLogins?.perSecond ?? Number.NaN,
  bareRatio: (r: Round) => r.bareRatio ?? Number.NaN,
  bareLoginCpu: (r: Round) => r.bareLogins?.cpuMsPerUnit ?? Number.NaN,
  bareLoginMainCpu: (r: Round) => r.bareLogins?.threadCpuMsPerUnit?.main ?? Number.NaN,
  bareLoginPoolCpu: (r: Round) => r.bareLogins?.threadCpuMsPerUnit?.pool ?? Number.NaN,
  bareLoginGeneratorCpu: (r: Round) => r.bareLogins?.generatorCpuMsPerUnit ?? Number.NaN,
  rawOthers: (r: Round) => r.raw.noise.othersCores,
  loginOthers: (r: Round) => r.logins.noise.othersCores,
  tokenOthers: (r: Round) => Math.max(r.token.noise.othersCores, r.bareOidc.noise.othersCores, r.koa.noise.othersCores),
  steal: (r: Round) =>
    Math.max(r.raw.noise.stealCores, r.logins.noise.stealCores, r.token.noise.stealCores, r.koa.noise.stealCores),
  loginCpu: (r: Round) => r.logins.cpuMsPerUnit,
  loginGeneratorCpu: (r: Round) => r.logins.generatorCpuMsPerUnit ?? Number.NaN,
  rawCpu: (r: Round) => r.raw.cpuMsPerUnit,
  loginMainCpu: (r: Round) => r.logins.threadCpuMsPerUnit?.main ?? Number.NaN,
  loginPoolCpu: (r: Round) => r.logins.threadCpuMsPerUnit?.pool ?? Number.NaN,
  loginV8Cpu: (r: Round) => r.logins.threadCpuMsPerUnit?.v8 ?? Number.NaN,
  rawMainCpu: (r: Round) => r.raw.threadCpuMsPerUnit?.main ?? Number.NaN,
  rawPoolCpu: (r: Round) => r.raw.threadCpuMsPerUnit?.pool ?? Number.NaN,
  rawV8Cpu: (r: Round) => r.raw.threadCpuMsPerUnit?.v8 ?? Number.NaN,
  loginP50: (r: Round) => r.loginLatency.p50,
  loginP99: (r: Round) => r.loginLatency.p99,
  rawP50: (r: Round) => r.rawLatency.p50,
  rawP99: (r: Round) => r.rawLatency.p99,
  exchangeP50: (r: Round) => r.codeExchangeLatency.p50,
  exchangeP99: (r: Round) => r.codeExchangeLatency.p99,
  token: (r: Round) => r.token.perSecond,
  bareOidc: (r: Round) => r.bareOidc.perSecond,
  koa: (r: Round) => r.koa.perSecond,
  tokenCpu: (r: Round) => r.token.cpuMsPerUnit,
  bareOidcCpu: (r: Round) => r.bareOidc.cpuMsPerUnit,
  koaCpu: (r: Round) => r.koa.cpuMsPerUnit,
  tokenP50: (r: Round) => r.tokenLatency.p50,
  tokenP99: (r: Round) => r.tokenLatency.p99,
  bareOidcP50: (r: Round) => r.bareOidcLatency.p50,
  bareOidcP99: (r: Round) => r.bareOidcLatency.p99,
  koaP50: (r: Round) => r.koaLatency.p50,
  koaP99: (r: Round) => r.koaLatency.p99,
  errors: (r: Round) =>
    r.logins.errors +
    r.loginLatency.errors +
    r.codeExchangeLatency.errors +
    r.token.errors +
    r.tokenLatency.errors +
    r.raw.errors +
    (r.bareLogins?.errors ?? 0) +
    r.rawLatency.errors +
    r.bareOidc.errors +
    r.bareOidcLatency.errors +
    r.koa.errors +
    r.koaLatency.errors,
};

export type Summary = Record<keyof typeof FIGURES, Spread>;

export function summarise(rounds: Round[]): Summary {
  return Object.fromEntries(
    Object.entries(FIGURES).map(([name, figure]) => [name, spread(rounds.map(figure))]),
  ) as Summary;
}

const HEADING = '## Logins and token endpoint (issue 3)';

const num = (n: number) => (Number.isNaN(n) ? '–' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const cell = (s: Spread) => `${num(s.median)} (${num(s.min)}–${num(s.max)})`;

export function renderSection(input: {
  machine: Machine;
  options: Options;
  summary: Summary;
  rounds: Round[];
  outFile: string;
}): string {
  const { machine, options: o, summary: s } = input;
  const verdict = s.ratio.median >= 0.8 ? 'met' : 'not met';
  const noisy = Math.max(s.rawOthers.max, s.loginOthers.max) > 0.2;
  const firstErrors = input.rounds
    .flatMap((r) => [r.logins.firstError, r.loginLatency.firstError, r.token.firstError, r.tokenLatency.firstError])
    .filter(Boolean);
  return `${HEADING}

Measured ${machine.date.slice(0, 16).replace('T', ' ')} UTC with \`npm run bench:login\` (\`bench/login.ts\`):
${o.rounds} rounds, medians with (min–max) across rounds. Raw figures of every round:
\`${path.relative(ROOT, input.outFile)}\` (git-ignored).

Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.kernel};
shared and noisy, so only figures of the same run are compared.

**Headline: logins/s ÷ raw argon2id verifications/s = ${num(s.ratio.median)} (${num(s.ratio.min)}–${num(s.ratio.max)}),
target ≥ 0.8: ${verdict}.** (Median of the per-round ratios; ${o.slices ? 'each round measures both in alternating slices' : 'each round measures both back to back'}.)

${Number.isNaN(s.bareLogins.median) ? '' : bareParagraph(s)}Cross-check that noise cannot move: CPU per raw verification ÷ provider CPU per login = ${cell(s.cpuRatio)}, the
throughput ratio the two would have if each had the machine to itself and both were CPU-bound.
${noisy ? `\n**Noisy run:** other work used ${num(s.rawOthers.max)} (raw) / ${num(s.loginOthers.max)} (logins) cores at worst. On a contended CPU the provider, with more busy threads than the raw baseline, gets a larger share of it, which flatters the throughput ratio; trust the CPU ratio then, or run again on a quiet machine.\n` : ''}
### Throughput at saturation

| figure | mon-compte | baseline, same run | baseline |
| --- | --- | --- | --- |
| full HTTP logins/s, ${o.browsers} browsers | ${cell(s.logins)} | raw argon2id verifications/s, ${o.hashConcurrency} at once | ${cell(s.raw)} |
| | | bare oidc-provider logins/s, same password check, same browsers | ${cell(s.bareLogins)} |
| token requests/s (\`client_credentials\`), ${o.connections} connections | ${cell(s.token)} | bare oidc-provider, same grant | ${cell(s.bareOidc)} |
| | | bare Koa, tiny JSON | ${cell(s.koa)} |

### Latency at a fixed offered rate (ms)

| figure | offered | p50 | p99 | baseline, same run | p50 | p99 |
| --- | --- | --- | --- | --- | --- | --- |
| full HTTP login | ${o.loginRate}/s | ${cell(s.loginP50)} | ${cell(s.loginP99)} | raw argon2id verification | ${cell(s.rawP50)} | ${cell(s.rawP99)} |
| code exchange at \`/token\` (\`authorization_code\`), right after each login | ${o.loginRate}/s | ${cell(s.exchangeP50)} | ${cell(s.exchangeP99)} | | | |
| token request (\`client_credentials\`) | ${o.tokenRate}/s | ${cell(s.tokenP50)} | ${cell(s.tokenP99)} | bare oidc-provider | ${cell(s.bareOidcP50)} | ${cell(s.bareOidcP99)} |
| | | | | bare Koa, tiny JSON | ${cell(s.koaP50)} | ${cell(s.koaP99)} |

### CPU per unit of work at saturation (ms, all threads of the process)

| unit | mon-compte | baseline, same run | baseline |
| --- | --- | --- | --- |
| login: provider process | ${cell(s.loginCpu)} | raw argon2id verification: its process | ${cell(s.rawCpu)} |
| – JS main thread | ${cell(s.loginMainCpu)} | – JS main thread | ${cell(s.rawMainCpu)} |
| – libuv pool (argon2id) | ${cell(s.loginPoolCpu)} | – libuv pool (argon2id) | ${cell(s.rawPoolCpu)} |
| – V8 helper threads (GC) | ${cell(s.loginV8Cpu)} | – V8 helper threads | ${cell(s.rawV8Cpu)} |
| login: load generator (same machine) | ${cell(s.loginGeneratorCpu)} | | |
| | | bare oidc-provider login: its process | ${cell(s.bareLoginCpu)} |
| | | – JS main thread / libuv pool (argon2id) | ${cell(s.bareLoginMainCpu)} / ${cell(s.bareLoginPoolCpu)} |
| | | – load generator | ${cell(s.bareLoginGeneratorCpu)} |
| token request: server process | ${cell(s.tokenCpu)} | bare oidc-provider / bare Koa | ${cell(s.bareOidcCpu)} / ${cell(s.koaCpu)} |

### Noise: CPU used by everything else on the machine during each window (cores)

| window | others' load | stolen by the host |
| --- | --- | --- |
| raw argon2id saturation | ${cell(s.rawOthers)} | |
| login saturation | ${cell(s.loginOthers)} | |
| token, bare oidc-provider, bare Koa saturation (worst of the three) | ${cell(s.tokenOthers)} | |
| any saturation window (worst) | | ${cell(s.steal)} |

Errors over all measurements: ${s.errors.max === 0 ? 'none' : `${num(s.errors.median)} per round (median); first: ${firstErrors[0] ?? 'see the JSON'}`}.

### Method

- Every server is a child process (\`node provider/src/main.ts\` over a fresh SQLite file, as an operator starts it;
  \`bench/servers/*.ts\` for the baselines); this process only generates load: the virtual browsers over
  raw HTTP/1.1 (one keep-alive TCP connection each; \`lib/lean-browser-agent.ts\`), the rest on keep-alive \`node:http\`.
- Data, before the provider starts: the relying party and one account per virtual browser with the admin CLI
  (\`kms clients add\`, \`kms users add\`), as an operator would; the \`client_credentials\` client through the clients
  repository, the CLI having no command for it.
- Raw baseline: \`argon2.verify\` with the project's \`ARGON2_OPTIONS\` (argon2id, 19 MiB, t=2, p=1), ${o.hashConcurrency}
  loops (= cores, as the provider's hashing semaphore). ${slicing(
    o,
    input.rounds.every((r) => r.bareLogins),
  )}
- Full HTTP login, ${o.browsers} virtual browsers (one account each), in the same slices: \`GET /auth\` with PKCE and
  \`prompt=login\` → \`GET /interaction/:uid\` (login page) → \`POST …/login\` with the CSRF token → \`GET /auth/:uid\`
  (resume) → redirect to the relying party with \`code\`. Each account consented once before the rounds, so the session's
  grant spares the consent screen; logins succeed, so the failure-only throttle never delays them.
- Bare login baseline (\`bench/servers/bare-oidc-login.ts\`): the same requests from twin browsers to oidc-provider
  with its defaults (in-memory adapter), a one-field login page and the provider's own \`createPasswordHasher\` (same
  argon2id parameters, same semaphore); no CSRF, throttling, audit, storage or page rendering of ours.
- Token endpoint at saturation: \`client_credentials\` with \`client_secret_basic\`, the only grant that can be repeated at
  will (codes are single-use, refresh tokens rotate), ${o.connections} connections for ${o.short} s; the bare
  oidc-provider answers the same grant with its in-memory adapter and a static client.
- Fixed rate: an open loop starts work every 1/rate s for ${o.short} s and times it from when it was due (no
  coordinated omission). Logins at ${o.loginRate}/s use a pool of other accounts; each code is exchanged at
  \`/token\` right after its login and that exchange is timed on its own.
- CPU: user + system time of the process from \`/proc/<pid>/stat\` (and of each of its threads from
  \`/proc/<pid>/task/\`) around each window, divided by the work completed. Others' load is the machine's busy time
  from \`/proc/stat\` minus that of this benchmark's processes.
- One unrecorded warm-up pass precedes the rounds.
`;
}

/** Where the bare login baseline puts the headline. */
function bareParagraph(s: Summary): string {
  return `The same logins on bare oidc-provider (in-memory storage, one-field pages, the same password check), in the
same slices: ${cell(s.bareLogins)} logins/s, ratio ${cell(s.bareRatio)}: what oidc-provider's own flow around this hash
leaves on this machine, the most a login built on it can reach here. mon-compte reaches
${num(s.logins.median / s.bareLogins.median)} of it (ratio of the medians).

`;
}

/** How raw and login saturation shared each round's time. */
function slicing(o: Options, withBare: boolean): string {
  if (!o.slices)
    return `${o.seconds} s each; raw and HTTP alternate within each round and their order flips every round.`;
  if (withBare)
    return (
      `Raw, login and bare-login saturation rotate in ${o.slices} slices of ${o.seconds} s each per round (raw, ` +
      `logins, bare; logins, bare, raw; …, from another start every round), so that all three see the shared machine ` +
      `in the same state; a round's figure is its slices' total work over their total time.`
    );
  return (
    `Raw and login saturation alternate in ${o.slices} slices of ${o.seconds} s each per round (raw, logins, raw, ` +
    `logins…, the order flipping every round), so that both see the shared machine in the same state; a round's ` +
    `figure is its slices' total work over their total time.`
  );
}

/** Replaces (or appends) the section in RESULTS.md, keeps the rest, and formats the file. */
export function writeResults(file: string, input: Parameters<typeof renderSection>[0]): void {
  const section = renderSection(input);
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n';
  const start = existing.indexOf(HEADING);
  let next: string;
  if (start === -1) {
    next = `${existing.trimEnd()}\n\n${section}`;
  } else {
    const after = existing.indexOf('\n## ', start + HEADING.length);
    next = existing.slice(0, start) + section + (after === -1 ? '' : `\n${existing.slice(after + 1)}`);
  }
  fs.writeFileSync(file, next);
  // Prettier aligns the tables the way `npm run lint` expects them.
  spawnSync(path.join(ROOT, 'node_modules', '.bin', 'prettier'), ['--write', '--log-level', 'warn', file], {
    stdio: 'inherit',
  });
}
