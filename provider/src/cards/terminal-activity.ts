// Counts what each terminal does, in memory, and adds the counts to the database every few
// seconds: administrators see recent activity, and a card check never waits for a write.
import type { TerminalActivityRepo } from '../../../db/repos/terminal-activity-repo.ts';

type Counts = { checks: number; unrecognised: number; pairings: number; lastSeenAt: number };

export function createActivityRecorder(repo: TerminalActivityRepo, onError: (err: unknown) => void, everyMs = 5000) {
  let pending = new Map<string, Counts>();
  const flush = async () => {
    const batch = pending;
    pending = new Map();
    const day = new Date().toISOString().slice(0, 10);
    const entries = [...batch].map(([clientId, { lastSeenAt, ...delta }]) => ({ clientId, delta, lastSeenAt }));
    await repo.add(day, entries).catch(onError);
  };
  const timer = setInterval(() => void flush(), everyMs);
  timer.unref();
  return {
    record(clientId: string, kind: 'check' | 'unrecognised' | 'pairing') {
      const counts = pending.get(clientId) ?? { checks: 0, unrecognised: 0, pairings: 0, lastSeenAt: 0 };
      if (kind === 'pairing') counts.pairings++;
      else counts.checks++;
      if (kind === 'unrecognised') counts.unrecognised++;
      counts.lastSeenAt = Date.now();
      pending.set(clientId, counts);
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}

export type ActivityRecorder = ReturnType<typeof createActivityRecorder>;
