// The CLI's commands. Each gets validated options and the configuration, and returns an exit
// code; output meant for scripts is JSON on stdout.
import type { Config } from '../config.ts';
import { createFileKeyStore } from '../../../keys/src/key-store.ts';
import { rotateKeys } from '../../../keys/src/load-keys.ts';

export type CommandInput = {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  config: Config;
};

export type Command = {
  name: string;
  summary: string;
  usage?: string;
  details?: string;
  options?: Record<string, { type: 'string' | 'boolean'; description?: string; multiple?: boolean }>;
  run(input: CommandInput): Promise<number>;
};

const keysRotate: Command = {
  name: 'keys rotate',
  summary: 'Rotate signing and cookie keys',
  details: `The published "next" key of each algorithm starts signing, the signing key stays
published for verification, older keys are retired and a new "next" key is published.
Restart (or reload) the servers afterwards so they use the new keys.`,
  async run({ config }) {
    const rotated = await rotateKeys(createFileKeyStore(config.keysDir));
    const summary = rotated.signing.keys.map(({ kid, alg, state }) => ({ kid, alg, state }));
    process.stdout.write(`${JSON.stringify({ keys: summary }, null, 2)}\n`);
    return 0;
  },
};

export const commands: Command[] = [keysRotate];
