// What the figures were measured on: they mean nothing without it.
import fs from 'node:fs';
import os from 'node:os';

export type Machine = { cores: number; cpu: string; memoryGiB: number; node: string; kernel: string; date: string };

export function describeMachine(): Machine {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  return {
    cores: os.availableParallelism(),
    cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    kernel: `${os.type()} ${os.release()}`,
    date: new Date().toISOString(),
  };
}

export type MachineCpu = { busy: number; steal: number };

/**
 * Machine-wide CPU seconds since boot from /proc/stat: busy in processes (user, nice, system)
 * and stolen by the host. Interrupt time is left out: under load it is mostly this benchmark's
 * own loopback traffic, which no process is charged for.
 */
export function machineCpu(ticksPerSecond: number): MachineCpu {
  if (!fs.existsSync('/proc/stat')) return { busy: Number.NaN, steal: Number.NaN };
  const [user, nice, system, , , , , steal] = fs
    .readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return { busy: (user! + nice! + system!) / ticksPerSecond, steal: steal! / ticksPerSecond };
}
