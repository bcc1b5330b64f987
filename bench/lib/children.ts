// The servers under test run in child processes of their own, so that the load generator
// never shares their event loop; their CPU time is read from /proc to see where time goes.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { serverRuntime } from '../../scripts/server-runtime.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export type Child = {
  process: ChildProcess;
  /** Everything the child wrote, for error messages. */
  output(): string;
  /** User + system CPU seconds of the whole process (all threads, argon2's included). */
  cpuSeconds(): number;
  /** The same, by kind of thread: the JS main thread, libuv's pool, V8's helpers (GC), others. */
  cpuByThread(): ThreadCpu;
  stop(): Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

function cpuSecondsOf(statFile: string): number {
  // Fields after "(comm)": state is field 3, utime and stime are fields 14 and 15.
  const stat = fs.readFileSync(statFile, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

export type ThreadCpu = { main: number; pool: number; v8: number; other: number };

const THREAD_KINDS: Record<string, keyof ThreadCpu> = {
  MainThread: 'main',
  'libuv-worker': 'pool', // argon2 hashes and WebCrypto signatures run here
  V8Worker: 'v8', // concurrent GC and compilation
};

function cpuByThreadOf(pid: number): ThreadCpu {
  const cpu: ThreadCpu = { main: 0, pool: 0, v8: 0, other: 0 };
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const name = fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      cpu[THREAD_KINDS[name] ?? 'other'] += cpuSecondsOf(`/proc/${pid}/task/${tid}/stat`);
    } catch {
      // the thread ended meanwhile
    }
  }
  return cpu;
}

/**
 * Starts `node …nodeArgs <script> …args` (a script path relative to the project root, or
 * absolute) with an IPC channel, from the project root unless
 * `cwd` says otherwise (a temporary folder keeps what a server writes relative to its working
 * directory, such as the dev mail outbox, out of the tree).
 */
export function startChild(
  script: string,
  args: string[] = [],
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
  { cwd = ROOT }: { cwd?: string } = {},
): Child {
  // As `npm start` runs the servers (thread pool, GC): the figures are the ones an operator gets.
  const runtime = serverRuntime();
  const child = spawn(process.execPath, [...runtime.nodeArgs, ...nodeArgs, path.resolve(ROOT, script), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...runtime.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    output: () => output,
    cpuSeconds: () => cpuSecondsOf(`/proc/${child.pid}/stat`),
    cpuByThread: () => cpuByThreadOf(child.pid!),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Waits for the child's first IPC message (servers send { ready: true } once listening). */
export async function readyMessage<T>(child: Child, timeoutMs = 20_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child not ready in time:\n${child.output()}`)), timeoutMs);
    child.process.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as T);
    });
    child.process.once('exit', (code) => reject(new Error(`child exited with ${code}:\n${child.output()}`)));
  });
}

/** Polls `url` until it answers 200 (for servers started as an operator would, without IPC). */
export async function waitForHttp(child: Child, url: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.process.exitCode !== null) throw new Error(`server exited:\n${child.output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${child.output()}`);
    await sleep(100);
  }
}

/** Sends a request over IPC and waits for the child's answer. */
export function ask<T>(child: Child, message: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`child exited with ${code}:\n${child.output()}`));
    child.process.once('exit', onExit);
    child.process.once('message', (answer) => {
      child.process.off('exit', onExit);
      resolve(answer as T);
    });
    child.process.send(message as object);
  });
}
