// Caps how many expensive jobs (password hashes) run at once, with a bounded queue, so that a
// burst of logins cannot starve the token endpoint or exhaust memory.
import { AppError } from '../../../platform/http/app-error.ts';

/** The queue is full: the request gets a 503 with Retry-After rather than a long wait. */
export class BusyError extends AppError {
  constructor() {
    super(503, 'busy', 'Le service est très sollicité. Réessayez dans quelques secondes.', 5);
    this.name = 'BusyError';
  }
}

export type Semaphore = {
  run<T>(job: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly waiting: number;
};

export function createSemaphore(maxConcurrent: number, maxWaiting = 1000): Semaphore {
  let active = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    active--;
    const next = queue.shift();
    if (next) {
      active++;
      next();
    }
  };
  return {
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    async run(job) {
      if (active >= maxConcurrent) {
        if (queue.length >= maxWaiting) throw new BusyError();
        await new Promise<void>((resolve) => queue.push(resolve));
      } else {
        active++;
      }
      try {
        return await job();
      } finally {
        release();
      }
    },
  };
}
