import { describe, expect, it } from 'vitest';
import { createBackgroundTasks } from '../../platform/background.ts';
import { deliverInBackground } from '../../provider/src/mail/background-delivery.ts';
import type { Mail, Mailer } from '../../provider/src/mail/mailer.ts';

const MAIL: Mail = { to: 'anne@example.fr', subject: 'Réinitialisation', text: 'https://mon-compte.bzh/…' };

function flakyMailer(failures: number): Mailer & { attempts: number } {
  const mailer = {
    attempts: 0,
    async send() {
      mailer.attempts++;
      if (mailer.attempts <= failures)
        throw Object.assign(new Error(`550 <${MAIL.to}> refused`), { code: 'EENVELOPE' });
    },
  };
  return mailer;
}

describe('mail delivered in the background', () => {
  it('hands the mail over at once, and retries a failed delivery', async () => {
    const errors: unknown[] = [];
    const tasks = createBackgroundTasks((what, err) => errors.push({ what, err }));
    const inner = flakyMailer(2);
    const mailer = deliverInBackground(inner, tasks, [1, 1]);
    await mailer.send(MAIL);
    // Nothing has been attempted yet: the request that sent it has already moved on.
    expect(inner.attempts).toBe(0);
    await tasks.idle();
    expect(inner.attempts).toBe(3);
    expect(errors).toEqual([]);
  });

  it('reports a delivery that keeps failing, once, by the mail’s subject', async () => {
    const errors: { what: string; err: unknown }[] = [];
    const tasks = createBackgroundTasks((what, err) => errors.push({ what, err }));
    const inner = flakyMailer(10);
    await deliverInBackground(inner, tasks, [1, 1]).send(MAIL);
    await tasks.idle();
    expect(inner.attempts).toBe(3);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.what).toBe('mail "Réinitialisation"');
    expect(errors[0]!.what).not.toContain(MAIL.to);
  });

  it('never lets a failing task reject into its caller', async () => {
    const errors: string[] = [];
    const tasks = createBackgroundTasks((what) => errors.push(what));
    tasks.run('boom', async () => {
      throw new Error('database gone');
    });
    tasks.run('fine', async () => undefined);
    await tasks.idle();
    expect(errors).toEqual(['boom']);
  });
});
