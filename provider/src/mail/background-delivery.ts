// Mail leaves the request path: a request hands its message over and answers at once, and the
// delivery, with a few retries, goes on in the background. So a page never waits for the mail
// server (nor fails with it), and its timing does not tell whether a mail was sent at all.
import { setTimeout as sleep } from 'node:timers/promises';
import type { BackgroundTasks } from '../../../platform/background.ts';
import type { Mailer } from './mailer.ts';

/** Waits before the second and third attempts: a mail server restarting, a network blip. */
export const RETRY_DELAYS_MS = [2_000, 20_000];

export function deliverInBackground(mailer: Mailer, tasks: BackgroundTasks, retryDelaysMs = RETRY_DELAYS_MS): Mailer {
  return {
    async send(mail) {
      // The subject names the kind of message in an error; the address and body never appear.
      tasks.run(`mail "${mail.subject}"`, async () => {
        for (let attempt = 0; ; attempt++) {
          try {
            return await mailer.send(mail);
          } catch (err) {
            if (attempt >= retryDelaysMs.length) throw err;
            await sleep(retryDelaysMs[attempt]);
          }
        }
      });
    },
  };
}
