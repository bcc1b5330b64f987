// `npm test`: the whole suite, in the order that fails fastest. Type-check, lint and format
// check, then vitest (unit, integration and browser tests). Ends with one summary line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureUiBuilt } from '../directory-ui/build.ts';

const bin = (name: string) => path.join(import.meta.dirname, '..', 'node_modules', '.bin', name);

/**
 * Browser tests drive Debian's chromium. When it is missing and we may install packages
 * (root with apt-get), install it; otherwise stop and say exactly what to install.
 */
function ensureChromium(): void {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (fs.existsSync(path)) return;
  const root = process.getuid?.() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (root && apt) {
    process.stdout.write('\n▶ installing Debian chromium for the browser tests (apt-get install chromium)\n');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
      stdio: 'inherit',
      env,
    });
    if (update.status === 0 && install.status === 0 && fs.existsSync(path)) return;
  }
  process.stdout.write(
    `\n✖ The browser tests need Debian's chromium at ${path}.\n  Install it with: sudo apt-get install chromium\n  (or set CHROMIUM_PATH to a Chromium binary)\n`,
  );
  process.exit(1);
}

function step(title: string, command: string, args: string[]): void {
  process.stdout.write(`\n▶ ${title}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    process.stdout.write(`\n✖ ${title} failed\n`);
    process.exit(result.status ?? 1);
  }
}

ensureChromium();
await ensureUiBuilt();
step('type-check (tsc --noEmit)', bin('tsc'), ['--noEmit']);
step('type-check the front end (svelte-check)', bin('svelte-check'), [
  '--tsconfig',
  'directory-ui/tsconfig.json',
  '--fail-on-warnings',
  '--output',
  'human',
]);
step('lint (eslint)', bin('eslint'), ['.']);
step('format (prettier --check)', bin('prettier'), ['--check', '--log-level', 'warn', '.']);

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kms-vitest-')), 'report.json');
process.stdout.write('\n▶ tests (vitest)\n');
const run = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
  stdio: 'inherit',
});
let summary: string;
try {
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  summary = `tests: ${json.numPassedTests} passed, ${json.numFailedTests} failed, ${json.numPendingTests + json.numTodoTests} skipped`;
} catch {
  summary = 'tests: 0 passed, 1 failed';
}
process.stdout.write(`\n${summary}\n`);
process.exit(run.status ?? 1);
