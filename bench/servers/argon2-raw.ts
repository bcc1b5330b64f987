// The raw baseline: argon2id verifications with the project's exact parameters, nothing else,
// in a process of its own. The parent asks over IPC for a saturation run or a fixed-rate run.
import argon2 from 'argon2';
import { ARGON2_OPTIONS } from '../../provider/src/accounts/password-hasher.ts';
import { atFixedRate, saturate } from '../lib/load.ts';

type Ask = { kind: 'saturate'; seconds: number; concurrency: number } | { kind: 'rate'; seconds: number; rate: number };

const PASSWORD = 'raw baseline password of a citizen';
const hash = await argon2.hash(PASSWORD, ARGON2_OPTIONS);

const verify = async () => {
  if (!(await argon2.verify(hash, PASSWORD))) throw new Error('argon2 verification failed');
};

process.on('message', async (message: Ask) => {
  const answer =
    message.kind === 'saturate'
      ? await saturate(verify, { concurrency: message.concurrency, seconds: message.seconds })
      : await atFixedRate(verify, { rate: message.rate, seconds: message.seconds });
  process.send!(answer);
});
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true });
