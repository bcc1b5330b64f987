// `npm start`: mon-compte on PORT, then mes-services on DIRECTORY_PORT once mon-compte answers
// (they share the database: migrations run first in mon-compte). If either stops, both stop.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ensureUiBuilt } from '../directory-ui/build.ts';
import { serverRuntime } from './server-runtime.ts';

const root = path.resolve(import.meta.dirname, '..');
const watch = process.argv.includes('--watch') ? ['--watch'] : [];
const children: ChildProcess[] = [];
const runtime = serverRuntime();
const serverEnv = { ...runtime.env, ...process.env };

function run(script: string): ChildProcess {
  const child = spawn(process.execPath, [...runtime.nodeArgs, ...watch, path.join(root, script)], {
    stdio: 'inherit',
    env: serverEnv,
  });
  children.push(child);
  child.on('exit', (code, signal) => {
    for (const other of children) if (other !== child && other.exitCode === null) other.kill('SIGTERM');
    process.exitCode = code ?? (signal ? 1 : 0);
  });
  return child;
}

async function waitFor(url: string, child: ChildProcess): Promise<boolean> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) return false;
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => children.forEach((c) => c.kill(signal)));
}

// mes-services serves the Svelte front end: build it first if a source changed since the last build.
await ensureUiBuilt();

const port = process.env.PORT || '3000';
const provider = run('provider/src/main.ts');
if (await waitFor(`http://127.0.0.1:${port}/healthz`, provider)) run('directory/src/main.ts');
