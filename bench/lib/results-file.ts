// Sections of bench/RESULTS.md: each benchmark owns one "## " section and rewrites only it,
// re-reading the file right before writing so that the other sections are kept as they are.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './children.ts';

/** Replaces the section starting with `heading` (up to the next "## "), or appends it; then formats the file. */
export function replaceSection(file: string, heading: string, section: string): void {
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n';
  const line = existing.indexOf(`\n${heading}\n`);
  const start = existing.startsWith(`${heading}\n`) ? 0 : line === -1 ? -1 : line + 1;
  let next: string;
  if (start === -1) {
    next = `${existing.trimEnd()}\n\n${section}`;
  } else {
    const after = existing.indexOf('\n## ', start + heading.length);
    next = existing.slice(0, start) + section + (after === -1 ? '' : `\n${existing.slice(after + 1)}`);
  }
  fs.writeFileSync(file, next);
  // Prettier aligns the tables the way `npm run lint` expects them.
  spawnSync(path.join(ROOT, 'node_modules', '.bin', 'prettier'), ['--write', '--log-level', 'warn', file], {
    stdio: 'inherit',
  });
}
