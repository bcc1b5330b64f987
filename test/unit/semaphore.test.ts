import { describe, expect, it } from 'vitest';
import { BusyError, createSemaphore } from '../../provider/src/accounts/semaphore.ts';
import { AppError } from '../../platform/http/app-error.ts';

describe('the hashing semaphore', () => {
  it('runs at most N jobs, queues a bounded number, and refuses the rest with a 503 to retry', async () => {
    const semaphore = createSemaphore(1, 2);
    let release!: () => void;
    const blocker = new Promise<void>((resolve) => (release = resolve));
    const running = semaphore.run(() => blocker);
    const queued = [semaphore.run(async () => 'a'), semaphore.run(async () => 'b')];
    expect(semaphore.active).toBe(1);
    expect(semaphore.waiting).toBe(2);
    const refused = await semaphore.run(async () => 'c').catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(BusyError);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 503, retryAfterSeconds: 5 });
    release();
    await running;
    expect(await Promise.all(queued)).toEqual(['a', 'b']);
  });
});
