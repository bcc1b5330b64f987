// `npm test`: the whole suite, in the order that fails fastest. Type-check, lint and format
// check, then vitest (unit, integration and browser tests). Ends with one summary line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const bin = (name: string) => path.join(import.meta.dirname, '..', 'node_modules', '.bin', name);

function step(title: string, command: string, args: string[]): void {
  process.stdout.write(`\n▶ ${title}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    process.stdout.write(`\n✖ ${title} failed\n`);
    process.exit(result.status ?? 1);
  }
}

step('type-check (tsc --noEmit)', bin('tsc'), ['--noEmit']);
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
