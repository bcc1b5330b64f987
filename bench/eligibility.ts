// Eligibility evaluator (issue 5): time to match one profile against a catalogue of 1,000 services
// (the imported aides-jeunes aids when the shared extract is present, completed with synthetic
// services) and of 10,000 synthetic services, with and without explanations.
//
//   node bench/eligibility.ts [--runs 7]
//
// Raw figures go to bench/out/eligibility.json; a Markdown summary is printed for RESULTS.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importAidesJeunes } from '../directory/src/catalogue/import-aides-jeunes.ts';
import type { Authority, Claims, Comparison, Condition, Service, Zone } from '../directory/src/catalogue/model.ts';
import { compileService, matchAll, type CompiledService } from '../directory/src/eligibility/index.ts';
import { bretonCommunes, bretonEpcis } from '../territory/territory.ts';
import { describeMachine } from './lib/machine.ts';
import { median, percentile } from './lib/stats.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SHARED = path.resolve(ROOT, '..', 'shared', 'data', 'aides-jeunes-bretagne.json');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const today = new Date('2026-11-28T12:00:00+01:00');

function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACTIVITIES = [
  'etudiant',
  'lyceen',
  'apprenti',
  'salarie',
  'independant',
  'demandeur_emploi',
  'retraite',
  'inactif',
];
const YEARS = [
  'seconde',
  'premiere',
  'terminale',
  'cap_1',
  'bts_1',
  'but_1',
  'licence_1',
  'licence_2',
  'licence_3',
  'master_1',
  'master_2',
];
const DEPARTEMENTS = ['22', '29', '35', '56'];

/** A catalogue shaped like local public services: mostly communes' and EPCI's, some open to all. */
export function createSyntheticCatalogue(count: number, seed = 5): Service[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const some = <T>(items: readonly T[], max: number): T[] => {
    const n = 1 + Math.floor(next() * max);
    return [...new Set(Array.from({ length: n }, () => pick(items)))];
  };
  const communes = bretonCommunes();
  const epcis = bretonEpcis();
  const op = (): Comparison => pick(['<', '<=', '>', '>=']);

  const leaf = (): Condition => {
    const r = next();
    if (r < 0.2) return { type: 'age', operator: pick(['<=', '<']), value: 16 + Math.floor(next() * 15) };
    if (r < 0.3) return { type: 'age', operator: '>=', value: pick([16, 18, 60, 65]) };
    if (r < 0.42) return { type: 'quotient_familial', operator: '<=', value: 400 + Math.floor(next() * 1200) };
    if (r < 0.55) return { type: 'activity', values: some(ACTIVITIES, 3) };
    if (r < 0.6) return { type: 'study_level', values: some(YEARS, 4) };
    if (r < 0.66) return { type: 'boursier', value: true };
    if (r < 0.72) return { type: 'children', minCount: 1, maxAge: pick([3, 6, 11, 18]) };
    if (r < 0.76) return { type: 'disability_rate', operator: op(), value: pick([50, 80]) };
    if (r < 0.8) return { type: 'household_size', operator: '>=', value: pick([3, 4, 5]) };
    if (r < 0.85) return { type: 'not', condition: { type: 'residence', epcis: [pick(epcis).siren] } };
    return { type: 'unmodelled', key: pick(['statut_logement', 'regime', 'interet_sport']), label: 'être locataire' };
  };
  const profiles = (): Condition => ({
    type: 'any',
    conditions: Array.from({ length: 2 + Math.floor(next() * 3) }, () => ({
      type: 'all',
      conditions: [{ type: 'activity', values: some(ACTIVITIES, 2) }, ...(next() < 0.5 ? [leaf()] : [])],
    })),
  });
  const eligibility = (): Condition | null => {
    if (next() < 0.2) return null;
    const parts = Array.from({ length: 1 + Math.floor(next() * 4) }, leaf);
    if (next() < 0.3) parts.push(profiles());
    return parts.length === 1 ? parts[0]! : { type: 'all', conditions: parts };
  };
  const authority = (): Authority => {
    const r = next();
    if (r < 0.5) {
      const c = pick(communes);
      return { name: c.name, level: 'commune', code: c.code };
    }
    if (r < 0.75) {
      const e = pick(epcis);
      return { name: e.name, level: 'epci', code: e.siren };
    }
    if (r < 0.87) return { name: 'Département', level: 'departement', code: pick(DEPARTEMENTS) };
    if (r < 0.95) return { name: 'Région Bretagne', level: 'region', code: '53' };
    return { name: 'L’État', level: 'national', code: '110000015' };
  };
  const zone = (): Zone => {
    const r = next();
    if (r < 0.7) return { type: 'authority' };
    if (r < 0.8) return { type: 'communes', codes: some(communes, 8).map((c) => c.code) };
    if (r < 0.85) return { type: 'epcis', codes: some(epcis, 3).map((e) => e.siren) };
    if (r < 0.9) return { type: 'departements', codes: some(DEPARTEMENTS, 2) };
    return { type: 'france' };
  };
  return Array.from({ length: count }, (_, i) => ({
    id: `synthetique-${i}`,
    title: `Service ${i}`,
    description: '',
    authority: authority(),
    zone: zone(),
    thematics: [],
    audiences: [],
    channels: [],
    eligibility: eligibility(),
    notes: [],
    source: { name: 'bench' },
    updatedAt: '2026-11-28',
    published: true,
  }));
}

// A spread of profiles: complete ones, partial ones, an anonymous visitor with a commune only.
function createProfiles(count: number): Claims[] {
  const next = random(29);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const communes = bretonCommunes().map((c) => c.code);
  return Array.from({ length: count }, (_, i) => {
    const full: Claims = {
      birthdate: `${1950 + Math.floor(next() * 60)}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`,
      bzh_commune: pick(communes),
      bzh_quotient_familial: Math.round(300 + next() * 2000),
      bzh_household_size: 1 + Math.floor(next() * 5),
      bzh_children_birthyears: next() < 0.4 ? [2012, 2019] : [],
      bzh_activity: pick(ACTIVITIES),
      bzh_study_level: pick(YEARS),
      bzh_boursier: next() < 0.3,
      bzh_disability_rate: next() < 0.1 ? 80 : 0,
    };
    if (i % 4 === 1) return { bzh_commune: full.bzh_commune };
    if (i % 4 === 2)
      return { birthdate: full.birthdate, bzh_commune: full.bzh_commune, bzh_activity: full.bzh_activity };
    return full;
  });
}

type Measure = { perRun: number[]; median: number; min: number; max: number; p90OfProfiles: number };

// Per run: each profile matched `reps` times in a row, its time per match; the run's figure is
// the median over profiles. The reported figure is the median over runs.
function measure(catalogue: readonly CompiledService[], profiles: Claims[], explain: boolean, reps: number): Measure {
  const perRun: number[] = [];
  const allProfiles: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const times = profiles.map((claims) => {
      const start = performance.now();
      for (let r = 0; r < reps; r++) matchAll(catalogue, claims, { today, explain });
      return (performance.now() - start) / reps;
    });
    perRun.push(median(times));
    allProfiles.push(...times);
  }
  return {
    perRun,
    median: median(perRun),
    min: Math.min(...perRun),
    max: Math.max(...perRun),
    p90OfProfiles: percentile(allProfiles, 90),
  };
}

function compileTimed(services: Service[]) {
  const start = performance.now();
  const compiled = services.map(compileService);
  return { compiled, compileMs: performance.now() - start };
}

function statuses(catalogue: readonly CompiledService[], profiles: Claims[]) {
  const counts = { eligible: 0, ineligible: 0, unknown: 0 };
  for (const claims of profiles) for (const m of matchAll(catalogue, claims, { today })) counts[m.status]++;
  return counts;
}

const imported = fs.existsSync(SHARED)
  ? importAidesJeunes((JSON.parse(fs.readFileSync(SHARED, 'utf8')) as { bretagne: unknown }).bretagne).services
  : [];
if (!imported.length) console.warn(`${SHARED} is absent: the 1,000-service catalogue is all synthetic.`);
const demo = [...imported, ...createSyntheticCatalogue(1000 - imported.length, 11)];
const large = createSyntheticCatalogue(10_000, 5);
const profiles = createProfiles(40);

const catalogues = { 1000: compileTimed(demo), 10000: compileTimed(large) };
// Warm-up: let the JIT settle on the hot paths before anything is recorded.
for (const { compiled } of Object.values(catalogues)) {
  for (let i = 0; i < 3; i++) for (const claims of profiles) matchAll(compiled, claims, { today, explain: i === 2 });
}

const results = {
  1000: {
    fast: measure(catalogues[1000].compiled, profiles, false, 20),
    explain: measure(catalogues[1000].compiled, profiles, true, 3),
  },
  10000: {
    fast: measure(catalogues[10000].compiled, profiles, false, 3),
    explain: measure(catalogues[10000].compiled, profiles, true, 1),
  },
};
const machine = describeMachine();
// The machine is shared: the load says how much the figures may be inflated.
const loadAverage = os.loadavg()[0]!;
const output = {
  machine,
  loadAverage,
  runs: RUNS,
  profiles: profiles.length,
  catalogues: {
    1000: {
      imported: imported.length,
      synthetic: demo.length - imported.length,
      compileMs: catalogues[1000].compileMs,
      statuses: statuses(catalogues[1000].compiled, profiles),
    },
    10000: {
      imported: 0,
      synthetic: large.length,
      compileMs: catalogues[10000].compileMs,
      statuses: statuses(catalogues[10000].compiled, profiles),
    },
  },
  results,
};
fs.mkdirSync(path.join(ROOT, 'bench', 'out'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench', 'out', 'eligibility.json'), `${JSON.stringify(output, null, 2)}\n`);

const ms = (m: Measure) => `${m.median.toFixed(3)} (${m.min.toFixed(3)}–${m.max.toFixed(3)})`;
console.log(
  [
    `Measured ${machine.date.slice(0, 16).replace('T', ' ')} UTC with \`node bench/eligibility.ts\`: ${RUNS} runs × ${profiles.length} profiles; raw figures in \`bench/out/eligibility.json\`.`,
    `Machine: ${machine.cores} cores (${machine.cpu}), Node ${machine.node}; load average ${loadAverage.toFixed(1)} at the end (shared machine).`,
    '',
    '| catalogue | services | compile (ms) | per profile, no explanation (ms) | p90 of profiles | per profile, `explain: true` (ms) |',
    '| --- | --- | --- | --- | --- | --- |',
    `| ${imported.length} imported aides-jeunes aids + synthetic | 1,000 | ${catalogues[1000].compileMs.toFixed(1)} | ${ms(results[1000].fast)} | ${results[1000].fast.p90OfProfiles.toFixed(3)} | ${ms(results[1000].explain)} |`,
    `| synthetic | 10,000 | ${catalogues[10000].compileMs.toFixed(1)} | ${ms(results[10000].fast)} | ${results[10000].fast.p90OfProfiles.toFixed(3)} | ${ms(results[10000].explain)} |`,
    '',
    `Target: median under 1 ms per profile for 1,000 services: ${results[1000].fast.median < 1 ? 'met' : 'not met'}.`,
  ].join('\n'),
);
