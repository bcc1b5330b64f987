// Builds the front end of mes-services: the browser bundle, the server renderer, and a brotli
// and a gzip copy of every asset, so that the server never compresses them at request time.
// `node directory-ui/build.ts` builds; `--if-stale` only when a source is newer than the build
// (npm install, npm start and npm test call it that way).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const UI_ROOT = import.meta.dirname;
export const UI_DIST = path.join(UI_ROOT, 'dist');
const STAMP = path.join(UI_DIST, 'build.json');
const REPO = path.resolve(UI_ROOT, '..');

/** What the build reads besides node_modules: a change to any of them calls for a new build. */
const SOURCES = [
  path.join(UI_ROOT, 'src'),
  path.join(UI_ROOT, 'vite.config.ts'),
  path.join(UI_ROOT, 'build.ts'),
  path.join(REPO, 'platform', 'styles'),
  path.join(REPO, 'directory', 'src', 'catalogue', 'model.ts'),
  path.join(REPO, 'package-lock.json'),
];

function newestChange(file: string): number {
  if (!fs.existsSync(file)) return 0;
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(file)) newest = Math.max(newest, newestChange(path.join(file, entry)));
  return newest;
}

export function isUiStale(): boolean {
  if (!fs.existsSync(STAMP)) return true;
  const built = fs.statSync(STAMP).mtimeMs;
  return SOURCES.some((source) => newestChange(source) > built);
}

const COMPRESSIBLE = /\.(js|css|svg|json|txt|map)$/;

function precompress(dir: string): void {
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!COMPRESSIBLE.test(name)) continue;
    const raw = fs.readFileSync(file);
    fs.writeFileSync(
      `${file}.br`,
      zlib.brotliCompressSync(raw, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        },
      }),
    );
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(raw, { level: zlib.constants.Z_BEST_COMPRESSION }));
  }
}

export async function buildUi(): Promise<void> {
  const { build } = await import('vite');
  const configFile = path.join(UI_ROOT, 'vite.config.ts');
  // Vite sets NODE_ENV=production in this process when it is unset: `npm start` and `npm test`
  // build before starting servers and tests, which must not inherit it.
  const nodeEnv = process.env.NODE_ENV;
  try {
    fs.rmSync(UI_DIST, { recursive: true, force: true });
    await build({ configFile, mode: 'production' });
    await build({ configFile, mode: 'production', build: { ssr: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  precompress(path.join(UI_DIST, 'client', 'assets'));
  fs.writeFileSync(STAMP, `${JSON.stringify({ builtAt: new Date().toISOString() })}\n`);
}

/** Builds when the build is missing or older than its sources; says so when it does. */
export async function ensureUiBuilt(log: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {
  if (!isUiStale()) return;
  log('▶ building the mes-services front end (directory-ui)');
  await buildUi();
}

if (import.meta.main) {
  try {
    if (process.argv.includes('--if-stale')) await ensureUiBuilt();
    else await buildUi();
  } catch (err) {
    process.stderr.write(`directory-ui: build failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
